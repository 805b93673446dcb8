// First sync of a device scoped to H households: a real device store and sync client against the
// real server core (in process; the bytes are the response bodies the HTTP layer would send, and
// their gzip size), time and bytes, beside reading the same rows straight from the server's SQLite
// file (the baseline: what the data costs without paging, projection, signing and applying).
// SPMIS_BENCH_SIZE: smoke = 200 households, full = 5,000, otherwise 1,000.
// Google Benchmark flags passed by bench/run.sh are ignored: the round is timed directly.

#include <sqlite3.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "bench_world.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/sync/device_store.hpp"
#include "spmis/sync/sync_client.hpp"
#include "spmis/sync/sync_server.hpp"

namespace {

using namespace spmis;
namespace fs = std::filesystem;

void check(const Status& s, const char* what) {
    if (!s.ok()) throw std::runtime_error(std::string(what) + ": " + s.to_string());
}

// The gzip size of `text` at the default level (what Content-Encoding: gzip would carry).
std::size_t gzip_size(const std::string& text) {
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, text.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    const std::size_t size = z.total_out;
    deflateEnd(&z);
    return size;
}

// Counts what crosses the wire, both ways.
struct Wire {
    std::size_t calls = 0, raw = 0, gzipped = 0;
};

struct FirstPull {
    double seconds = 0;
    Wire wire;
    std::int64_t records = 0;
    bool scope_matches = false;
};

FirstPull first_pull(sync::SyncServer& server, const Uuid& service_point, const fs::path& dir) {
    sync::KeyPair keys = sync::generate_key_pair();
    auto code = server.create_enrollment_code({service_point}, std::chrono::hours(1), "bench");
    check(code.status(), "enrollment code");
    auto answer = server.enroll({{"code", code->code}, {"public_key", spmis::to_hex(keys.public_key)}});
    check(answer.status(), "enroll");
    sync::SystemDeviceClock clock;
    auto device = sync::DeviceStore::open((dir / "device.db").string(), clock);
    check(device.status(), "device store");
    sync::Enrollment e{*Uuid::parse((*answer)["device_id"].get<std::string>()),
                       "bench",
                       "loopback",
                       (*answer)["server_public_key"],
                       (*answer)["epoch"],
                       {service_point}};
    check((*device)->set_enrollment(e), "set enrollment");
    FirstPull out;
    sync::LoopbackTransport wire(
        [&](const std::string& endpoint, const std::string& body) -> Result<std::string> {
            auto reply = server.handle(endpoint, body);
            if (reply.ok()) {
                ++out.wire.calls;
                out.wire.raw += body.size() + reply->size();
                out.wire.gzipped += gzip_size(body) + gzip_size(*reply);
            }
            return reply;
        });
    const std::int64_t start = bench::now_ns();
    auto report = sync::SyncClient(**device, wire, keys, clock).round();
    out.seconds = bench::seconds_since(start);
    check(report.status(), "first sync");
    out.records = report->pulled;
    out.scope_matches = report->scope_matches;
    return out;
}

// Reads every row the device's scope is made of (entitlements at the service point, their
// households, members and memberships, the events) straight from SQLite; the bytes read.
std::size_t read_rows(const fs::path& db_path, double& seconds) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    const char* queries[] = {
        "SELECT e.* FROM entitlements e",
        "SELECT r.* FROM registrants r JOIN entitlements e ON e.registrant_id = r.id",
        "SELECT m.*, r.* FROM group_memberships m JOIN registrants r ON r.id = m.individual_id",
        "SELECT pm.* FROM program_memberships pm", "SELECT * FROM distribution_events"};
    std::size_t bytes = 0;
    const std::int64_t start = bench::now_ns();
    for (const char* sql : queries) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("baseline query: ") + sqlite3_errmsg(db));
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                (void)sqlite3_column_blob(st, c);
                bytes += static_cast<std::size_t>(sqlite3_column_bytes(st, c));
            }
        }
        sqlite3_finalize(st);
    }
    seconds = bench::seconds_since(start);
    sqlite3_close(db);
    return bytes;
}

}  // namespace

int main() {
    const std::size_t households = bench::pick(200, 1'000, 5'000);
    const fs::path dir = fs::temp_directory_path() / ("spmis-bench-first-pull-" + new_uuid_v7().to_string());
    try {
        fs::create_directories(dir);
        FirstPull pull;
        {
            auto store = store::open_store_in_directory((dir / "server").string());
            check(store.status(), "open store");
            auto world = bench::seed_bench_world(**store, households, 1);
            check(world.status(), "seed");
            sync::SyncServer server(**store, SystemClock::instance(),
                                    {new_uuid_v7(), sync::generate_key_pair()});
            pull = first_pull(server, world->service_point, dir);
        }
        if (!pull.scope_matches) throw std::runtime_error("the device does not hold the server's view");
        double read_seconds = 0;
        const std::size_t read_bytes = read_rows(dir / "server" / "spmis.db", read_seconds);
        std::printf("first sync of a device scoped to %zu households: %lld records in %zu calls\n",
                    households, static_cast<long long>(pull.records), pull.wire.calls);
        std::printf("  sync round (pull pages, apply, digest): %8.3f s, %10zu bytes, %10zu gzipped (%.2f)\n",
                    pull.seconds, pull.wire.raw, pull.wire.gzipped,
                    static_cast<double>(pull.wire.gzipped) / static_cast<double>(pull.wire.raw));
        std::printf("  baseline rows read straight from SQLite: %8.3f s, %10zu bytes\n", read_seconds,
                    read_bytes);
        std::printf("  ratio sync / baseline: time %.1fx, bytes %.2fx (gzipped %.2fx)\n",
                    pull.seconds / read_seconds,
                    static_cast<double>(pull.wire.raw) / static_cast<double>(read_bytes),
                    static_cast<double>(pull.wire.gzipped) / static_cast<double>(read_bytes));
    } catch (const std::exception& e) {
        std::cerr << "bench_sync_first_pull: " << e.what() << "\n";
        fs::remove_all(dir);
        return 1;
    }
    fs::remove_all(dir);
    return 0;
}
