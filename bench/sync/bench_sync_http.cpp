// End to end over HTTP on loopback: D devices (real device stores, sync clients and the libcurl
// transport), each holding K offline operations, sync concurrently against the real spmis-server;
// total time and operations/s, every operation counted on the server afterwards (nothing lost).
// Baseline in the same run: the same devices' rounds (copied files, same operations) through the
// in-process server core without HTTP, one after another (the core serialises pushes anyway).
// SPMIS_BENCH_SIZE: smoke = 4 x 50, full = 200 x 500, otherwise 20 x 200.
// Google Benchmark flags passed by bench/run.sh are ignored: the rounds are timed directly.

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "bench_world.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/sync/device_store.hpp"
#include "spmis/sync/sync_client.hpp"
#include "spmis/sync/sync_server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "transport/curl_transport.hpp"

namespace {

using namespace spmis;
namespace fs = std::filesystem;

void check(const Status& s, const std::string& what) {
    if (!s.ok()) throw std::runtime_error(what + ": " + s.to_string());
}

struct Load {
    std::size_t devices = 0;
    std::size_t ops = 0;  // per device
};

struct Device {
    sync::KeyPair keys = sync::generate_key_pair();
    std::string code;
    std::string file;
};

// Seeds the server's data directory and mints one enrollment code per device (only hashes are
// stored, so the codes work for the server process started afterwards).
bench::BenchWorld seed(const fs::path& data, std::vector<Device>& devices, const Load& load) {
    auto store = store::open_store_in_directory(data.string());
    check(store.status(), "open store");
    auto world = bench::seed_bench_world(**store, std::max<std::size_t>(50, load.ops), load.devices);
    check(world.status(), "seed");
    auto identity = api::load_or_create_server_identity(data.string(), **store);
    check(identity.status(), "server identity");
    sync::SyncServer minting(**store, SystemClock::instance(), *identity);
    for (auto& d : devices) {
        auto code = minting.create_enrollment_code({world->service_point}, std::chrono::hours(2), "bench");
        check(code.status(), "enrollment code");
        d.code = code->code;
    }
    return *world;
}

// Enrolls device `i` over HTTP, pulls the world, then records its offline operations: half
// attendance at its own event, half 1 kg redemptions.
void prepare(const std::string& url, const bench::BenchWorld& w, Device& d, std::size_t i, std::size_t ops) {
    sync::SystemDeviceClock clock;
    auto store = sync::DeviceStore::open(d.file, clock);
    check(store.status(), "device store");
    field::CurlTransport http(url);
    nlohmann::json request = {
        {"code", d.code}, {"public_key", spmis::to_hex(d.keys.public_key)}, {"name", "bench"}};
    auto answer = http.call("enroll", request.dump());
    check(answer.status(), "enroll");
    auto j = nlohmann::json::parse(*answer);
    sync::Enrollment e{*Uuid::parse(j["device_id"].get<std::string>()),
                       "bench",
                       url,
                       j["server_public_key"],
                       j["epoch"],
                       {w.service_point}};
    check((*store)->set_enrollment(e), "set enrollment");
    check((*store)->set_officer("officer-" + std::to_string(i)), "officer");
    check(sync::SyncClient(**store, http, d.keys, clock).round().status(), "first sync");
    for (std::size_t k = 0; k < ops; ++k) {
        const auto& h = w.households[(k / 2) % w.households.size()];
        if (k % 2 == 0) {
            check((*store)->record_attendance(h.head, w.events[i]).status(), "attendance");
        } else {
            sync::RedeemInput in{h.entitlement, 1'000, "", "", "", false, ""};
            check((*store)->redeem(in).status(), "redeem");
        }
    }
}

// One sync round of every device at once over HTTP; the seconds it took.
double sync_all_http(const std::string& url, std::vector<Device>& devices) {
    std::vector<std::string> errors(devices.size());
    std::vector<std::thread> threads;
    const std::int64_t start = bench::now_ns();
    for (std::size_t i = 0; i < devices.size(); ++i) {
        threads.emplace_back([&, i] {
            sync::SystemDeviceClock clock;
            auto store = sync::DeviceStore::open(devices[i].file, clock);
            if (!store.ok()) {
                errors[i] = store.status().to_string();
                return;
            }
            field::CurlTransport http(url);
            auto report = sync::SyncClient(**store, http, devices[i].keys, clock).round();
            if (!report.ok()) errors[i] = report.status().to_string();
        });
    }
    for (auto& t : threads) t.join();
    const double seconds = bench::seconds_since(start);
    for (const auto& e : errors) {
        if (!e.empty()) throw std::runtime_error("device round: " + e);
    }
    return seconds;
}

// The same rounds through the server core in this process, one device after another.
double sync_all_in_process(const fs::path& data, std::vector<Device>& devices) {
    auto store = store::open_store_in_directory(data.string());
    check(store.status(), "open copied store");
    auto identity = api::load_or_create_server_identity(data.string(), **store);
    check(identity.status(), "server identity");
    sync::SyncServer server(**store, SystemClock::instance(), *identity);
    sync::LoopbackTransport direct(
        [&](const std::string& e, const std::string& b) { return server.handle(e, b); });
    const std::int64_t start = bench::now_ns();
    for (auto& d : devices) {
        sync::SystemDeviceClock clock;
        auto device = sync::DeviceStore::open(d.file, clock);
        check(device.status(), "device store");
        check(sync::SyncClient(**device, direct, d.keys, clock).round().status(), "in-process round");
    }
    return bench::seconds_since(start);
}

std::int64_t stored_operations(const fs::path& data) {
    auto store = store::open_store_in_directory(data.string());
    check(store.status(), "open store");
    auto n = (*store)->operation_log().count_operations();
    check(n.status(), "count");
    return *n;
}

void copy_dir(const fs::path& from, const fs::path& to) {
    fs::remove_all(to);
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive);
}

}  // namespace

int main() {
    const Load load{bench::pick(4, 20, 200), bench::pick(50, 200, 500)};
    const auto total = static_cast<std::int64_t>(load.devices * load.ops);
    try {
        test::TempDir dir;
        const fs::path data = dir.file("data"), devices_dir = dir.file("devices");
        const fs::path snapshot = dir.file("snapshot");
        fs::create_directories(devices_dir);
        std::vector<Device> devices(load.devices);
        for (std::size_t i = 0; i < devices.size(); ++i)
            devices[i].file = (devices_dir / ("device" + std::to_string(i) + ".db")).string();
        const bench::BenchWorld world = seed(data, devices, load);
        {
            test::ServerProcess server(data.string(), {"--log-level", "warn"});
            for (std::size_t i = 0; i < devices.size(); ++i)
                prepare(server.url(), world, devices[i], i, load.ops);
            server.stop();
        }
        // Every file as it is before the timed sync, for the in-process baseline.
        copy_dir(data, snapshot / "data");
        copy_dir(devices_dir, snapshot / "devices");
        const std::int64_t before = stored_operations(data);

        double http_seconds = 0;
        {
            test::ServerProcess server(data.string(), {"--log-level", "warn"});
            http_seconds = sync_all_http(server.url(), devices);
            server.stop();
        }
        const std::int64_t received = stored_operations(data) - before;
        if (received != total) {
            throw std::runtime_error("lost operations: " + std::to_string(received) + " of " +
                                     std::to_string(total));
        }
        copy_dir(snapshot / "devices", devices_dir);
        const double core_seconds = sync_all_in_process(snapshot / "data", devices);
        if (stored_operations(snapshot / "data") - before != total)
            throw std::runtime_error("baseline lost operations");

        std::printf("sync over HTTP on loopback: %zu devices x %zu offline operations, concurrently\n",
                    load.devices, load.ops);
        std::printf(
            "  HTTP (spmis-server, libcurl):       %8.2f s = %9.0f ops/s, %lld of %lld on the server\n",
            http_seconds, static_cast<double>(total) / http_seconds, static_cast<long long>(received),
            static_cast<long long>(total));
        std::printf("  baseline in-process core, serial:   %8.2f s = %9.0f ops/s\n", core_seconds,
                    static_cast<double>(total) / core_seconds);
        std::printf("  ratio HTTP / in-process: %.2f\n", core_seconds / http_seconds);
    } catch (const std::exception& e) {
        std::cerr << "bench_sync_http: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
