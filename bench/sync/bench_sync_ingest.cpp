// Server ingest: redemption and attendance operations through the real push path (JSON parse,
// batch signature check, hash chain, conflict rules, operation log, domain rows), in batches of
// 500 from several devices, beside a plain SQLite insert of the same rows (the operation row and
// its domain row, 500 per commit) in the same run, as a ratio (issue 8 goal: >= 0.25).
// The push bodies are built before the clock starts. The pushes run as the HTTP route runs them:
// prepare_push without the store lock, apply_push under it, the answer encoded without it; the main
// figure uses two pusher threads (the server's workers on a 2-core machine), each owning half of the
// devices so each device's batches stay in order; the one-thread figure runs the same code alone.
// The store runs as spmis-server runs it: commits never checkpoint the WAL, a background
// store::WalCheckpointer does (SPMIS_BENCH_INLINE_CHECKPOINTS=1: SQLite's own checkpoints in the
// commits instead, for comparison). "Under the store lock" is the CPU time of apply_push: the serial
// part, which bounds what more pushers can reach.
// With SPMIS_BENCH_POSTGRES (a cluster's admin URL; bench/run.sh starts a throwaway cluster when
// PostgreSQL is installed) the same push path also runs on a new PostgreSQL database, beside
// PostgreSQL's own COPY of the rows the push wrote (its operation log rows and domain rows, copied out
// and back into tables of the same columns and indexes) in the same run (issue 20 goal: >= 0.25).
// SPMIS_BENCH_SIZE: smoke = 5,000 operations, full = 1,000,000, a number, otherwise 50,000.
// Google Benchmark flags passed by bench/run.sh are ignored: the loop is timed directly.

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench_world.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/postgres/connection.hpp"
#include "spmis/store/wal_checkpointer.hpp"
#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/messages.hpp"
#include "spmis/sync/protocol.hpp"
#include "spmis/sync/push_prepare.hpp"
#include "spmis/sync/sync_server.hpp"

namespace {

using namespace spmis;
namespace fs = std::filesystem;

constexpr std::size_t kBatch = tuning::kPushMaxOperations;
constexpr std::size_t kDevices = 10;

struct Device {
    sync::KeyPair keys = sync::generate_key_pair();
    Uuid id;
    sync::ChainTip tip;
};

// Wall and CPU seconds of one timed part. The CPU figure is printed too: on a shared machine the
// wall clock also counts time spent waiting for a core.
// `locked` is the CPU time spent holding the store lock (apply_push): the serial part, which bounds
// what more pushers can reach.
struct Timing {
    double wall = 0;
    double cpu = 0;
    double locked = 0;
};

double cpu_clock(clockid_t which) {
    timespec t{};
    clock_gettime(which, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double cpu_now() { return cpu_clock(CLOCK_PROCESS_CPUTIME_ID); }

// Adds the time `part` takes to `total`.
template <typename F>
void timed(Timing& total, F part) {
    const std::int64_t start = bench::now_ns();
    const double cpu_start = cpu_now();
    part();
    total.cpu += cpu_now() - cpu_start;
    total.wall += bench::seconds_since(start);
}

void check(const Status& s, const char* what) {
    if (!s.ok()) throw std::runtime_error(std::string(what) + ": " + s.to_string());
}

// Operation number `n` of the whole load: even ones redeem 1 kg of an entitlement, odd ones record
// one attendance; (registrant, event) pairs never repeat, so nothing is a duplicate.
sync::Operation make_op(Device& d, const bench::BenchWorld& w, std::size_t n) {
    const std::size_t households = w.households.size();
    sync::Operation op;
    op.device_id = d.id;
    op.routing.service_point = w.service_point;
    op.routing.program = w.program;
    op.officer_id = "bench-officer";
    op.time_claim.wall = SystemClock::instance().now();
    op.time_claim.boot_id = "bench";
    op.time_claim.monotonic_ms = static_cast<std::int64_t>(n);
    op.record_id = new_uuid_v7();
    const std::size_t k = n / 2;
    if (n % 2 == 0) {
        const Uuid& ent = w.households[k % households].entitlement;
        op.op_type = "redemption.record";
        op.record_kind = "redemption";
        op.payload = {{"entitlement_id", ent.to_string()}, {"quantity_milli", 1'000}, {"unit", "kg"}};
        op.base = {{"believed_remaining_milli", 1'000'000}};
    } else {
        const Uuid& person = w.households[k % households].head;
        const Uuid& event = w.events[(k / households) % w.events.size()];
        op.op_type = "attendance.record";
        op.record_kind = "attendance";
        op.payload = {{"registrant_id", person.to_string()},
                      {"event_id", event.to_string()},
                      {"service_point_id", w.service_point.to_string()}};
    }
    sync::chain_append(d.tip, op);
    return op;
}

std::string push_body(const Device& d, const std::vector<sync::Operation>& ops) {
    sync::PushRequest p{d.id, ops, spmis::to_hex(sync::sign_batch(d.keys, ops.back()))};
    return sync::to_json(p).dump();
}

// Every device's push bodies in its order: batch b goes to device b % kDevices.
std::vector<std::vector<std::string>> build_bodies(std::vector<Device>& devices,
                                                   const bench::BenchWorld& world, std::size_t total) {
    std::vector<std::vector<std::string>> bodies(devices.size());
    for (std::size_t n = 0, batch = 0; n < total; ++batch) {
        Device& d = devices[batch % devices.size()];
        std::vector<sync::Operation> ops;
        for (; ops.size() < kBatch && n < total; ++n) ops.push_back(make_op(d, world, n));
        bodies[batch % devices.size()].push_back(push_body(d, ops));
    }
    return bodies;
}

// One pusher as an HTTP worker runs a push: prepare unlocked, apply under the store lock, encode the
// answer unlocked; every operation must be accepted. Throws on the first failure. The CPU seconds
// this thread held the lock.
double push_all(sync::SyncServer& server, std::mutex& store_lock,
                const std::vector<const std::string*>& bodies) {
    double locked = 0;
    for (const std::string* body : bodies) {
        auto prepared = sync::prepare_push(std::string_view(*body));
        check(prepared.status(), "prepare");
        Result<sync::PushResponse> response = [&] {
            const std::lock_guard lock(store_lock);
            const double start = cpu_clock(CLOCK_THREAD_CPUTIME_ID);
            auto applied = server.apply_push(*prepared);
            locked += cpu_clock(CLOCK_THREAD_CPUTIME_ID) - start;
            return applied;
        }();
        check(response.status(), "push");
        const std::string answer = sync::to_json(*response).dump();
        if (answer.empty()) throw std::runtime_error("empty answer");
        for (const auto& r : response->results) {
            if (r.disposition != sync::Disposition::kAccepted)
                throw std::runtime_error("not accepted: " + r.reason);
        }
    }
    return locked;
}

// Pushes every body with `threads` pushers, thread t taking the devices d with d % threads == t (in
// the devices' own order), and times the whole ingest.
Timing run_pushers(sync::SyncServer& server, const std::vector<std::vector<std::string>>& bodies,
                   std::size_t threads) {
    std::vector<std::vector<const std::string*>> work(threads);
    for (std::size_t round = 0; round < bodies.front().size(); ++round) {
        for (std::size_t d = 0; d < bodies.size(); ++d) {
            if (round < bodies[d].size()) work[d % threads].push_back(&bodies[d][round]);
        }
    }
    std::mutex store_lock;
    std::vector<std::string> errors(threads);
    std::vector<double> locked(threads);
    Timing spent;
    timed(spent, [&] {
        std::vector<std::thread> pushers;
        for (std::size_t t = 0; t < threads; ++t) {
            pushers.emplace_back([&, t] {
                try {
                    locked[t] = push_all(server, store_lock, work[t]);
                } catch (const std::exception& e) {
                    errors[t] = e.what();
                }
            });
        }
        for (auto& p : pushers) p.join();
    });
    for (const auto& e : errors) {
        if (!e.empty()) throw std::runtime_error(e);
    }
    for (double l : locked) spent.locked += l;
    return spent;
}

// Time the server core spent in push for `total` operations with `threads` pushers, every one checked
// accepted and counted in the log afterwards. `postgres_url` set: the store is that database.
Timing ingest(const fs::path& dir, std::size_t total, std::size_t threads,
              const std::string& postgres_url = "") {
    // As spmis-server runs it: commits never checkpoint, a background checkpointer does.
    const bool inline_checkpoints = std::getenv("SPMIS_BENCH_INLINE_CHECKPOINTS") != nullptr;
    auto store = !postgres_url.empty() ? store::open_store_at(postgres_url)
                 : inline_checkpoints  ? store::open_store_in_directory(dir.string())
                                       : store::open_store_in_directory_for_checkpointer(dir.string());
    check(store.status(), "open store");
    store::WalCheckpointer checkpointer((dir / "spmis.db").string());
    if (!inline_checkpoints && postgres_url.empty()) check(checkpointer.start(), "checkpointer");
    const std::size_t households = std::max<std::size_t>(100, total / 20);
    auto world = bench::seed_bench_world(**store, households, total / 2 / households + 1);
    check(world.status(), "seed");
    sync::SyncServer server(**store, SystemClock::instance(), {new_uuid_v7(), sync::generate_key_pair()});
    std::vector<Device> devices(kDevices);
    for (auto& d : devices) {
        auto code = server.create_enrollment_code({world->service_point}, std::chrono::hours(1), "bench");
        check(code.status(), "enrollment code");
        auto answer = server.enroll({{"code", code->code}, {"public_key", spmis::to_hex(d.keys.public_key)}});
        check(answer.status(), "enroll");
        d.id = *Uuid::parse((*answer)["device_id"].get<std::string>());
    }
    const auto bodies = build_bodies(devices, *world, total);
    const Timing spent = run_pushers(server, bodies, threads);
    if (postgres_url.empty()) check(checkpointer.stop(), "final checkpoint");
    auto stored = (*store)->operation_log().count_operations();
    check(stored.status(), "count");
    if (static_cast<std::size_t>(*stored) != total) throw std::runtime_error("operation count differs");
    return spent;
}

using Rows = std::vector<std::pair<sync::Operation, std::string>>;

// One commit of the baseline: per operation its log row and its domain row.
void insert_rows(sqlite3* db, sqlite3_stmt* op_row, sqlite3_stmt* fact_row, const Rows& rows) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const auto& [op, json] : rows) {
        const auto id = op.device_id.bytes();
        const auto rid = op.record_id.bytes();
        const std::string hash = spmis::to_hex(op.hash);
        sqlite3_bind_blob(op_row, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
        sqlite3_bind_int64(op_row, 2, static_cast<sqlite3_int64>(op.device_seq));
        sqlite3_bind_text(op_row, 3, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(op_row, 4, json.data(), static_cast<int>(json.size()), SQLITE_STATIC);
        sqlite3_step(op_row);
        sqlite3_reset(op_row);
        sqlite3_bind_blob(fact_row, 1, rid.data(), static_cast<int>(rid.size()), SQLITE_STATIC);
        sqlite3_bind_text(fact_row, 2, op.record_kind.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_blob(fact_row, 3, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
        sqlite3_bind_int64(fact_row, 4, 1'000);
        sqlite3_step(fact_row);
        sqlite3_reset(fact_row);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
}

// Time a plain SQLite file spends inserting the same rows: per operation its log row and its
// domain row, 500 operations per commit, WAL + synchronous=NORMAL like the server.
Timing plain_insert(const fs::path& dir, std::size_t total) {
    sqlite3* db = nullptr;
    sqlite3_open((dir / "plain.db").c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE ops (device_id BLOB, device_seq INTEGER, hash TEXT, op_json TEXT,"
                 " PRIMARY KEY (device_id, device_seq));"
                 "CREATE TABLE facts (id BLOB PRIMARY KEY, kind TEXT, subject BLOB, quantity INTEGER)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* op_row = nullptr;
    sqlite3_stmt* fact_row = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO ops VALUES (?,?,?,?)", -1, &op_row, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO facts VALUES (?,?,?,?)", -1, &fact_row, nullptr);
    bench::BenchWorld world{new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), {new_uuid_v7()}, {}};
    for (int i = 0; i < 100; ++i)
        world.households.push_back({new_uuid_v7(), new_uuid_v7(), new_uuid_v7(), new_uuid_v7()});
    Device d;
    d.id = new_uuid_v7();
    Timing spent;
    for (std::size_t n = 0; n < total;) {
        Rows rows;
        for (; rows.size() < kBatch && n < total; ++n) {
            auto op = make_op(d, world, n);
            rows.emplace_back(op, sync::to_json(op).dump());
        }
        timed(spent, [&] { insert_rows(db, op_row, fact_row, rows); });
    }
    sqlite3_finalize(op_row);
    sqlite3_finalize(fact_row);
    sqlite3_close(db);
    return spent;
}

// PostgreSQL's own COPY of the rows the push path wrote: each table the push fills is copied out to
// memory, then the timed part COPYs it into a table LIKE it (same columns and indexes, no triggers or
// foreign keys), one transaction per table.
Timing postgres_copy(const std::string& url) {
    auto db = postgres::Connection::open({url});
    check(db.status(), "connect");
    PGconn* conn = (*db)->raw();
    const auto exec = [&](const std::string& sql, ExecStatusType expected) {
        PGresult* r = PQexec(conn, sql.c_str());
        const bool ok = PQresultStatus(r) == expected;
        const std::string message = PQresultErrorMessage(r);
        PQclear(r);
        if (!ok) throw std::runtime_error(sql + ": " + message);
    };
    Timing spent;
    for (const char* table : {"sync_operations", "attendance", "redemptions"}) {
        const std::string copy = std::string("bench_copy_") + table;
        exec("CREATE TABLE " + copy + " (LIKE " + table + " INCLUDING INDEXES)", PGRES_COMMAND_OK);
        std::string rows;
        exec(std::string("COPY ") + table + " TO STDOUT", PGRES_COPY_OUT);
        char* chunk = nullptr;
        int n = 0;
        while ((n = PQgetCopyData(conn, &chunk, 0)) > 0) {
            rows.append(chunk, static_cast<std::size_t>(n));
            PQfreemem(chunk);
        }
        while (PGresult* r = PQgetResult(conn)) PQclear(r);
        timed(spent, [&] {
            exec("BEGIN", PGRES_COMMAND_OK);
            exec("COPY " + copy + " FROM STDIN", PGRES_COPY_IN);
            for (std::size_t at = 0; at < rows.size(); at += 1 << 20) {
                const std::size_t size = std::min<std::size_t>(1 << 20, rows.size() - at);
                if (PQputCopyData(conn, rows.data() + at, static_cast<int>(size)) != 1)
                    throw std::runtime_error("COPY: " + std::string(PQerrorMessage(conn)));
            }
            PQputCopyEnd(conn, nullptr);
            while (PGresult* r = PQgetResult(conn)) {
                const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
                PQclear(r);
                if (!ok) throw std::runtime_error("COPY " + copy + " failed");
            }
            exec("COMMIT", PGRES_COMMAND_OK);
        });
    }
    return spent;
}

// A new database on the cluster at `admin_url` (dropped by the caller); its URL.
std::string create_database(const std::string& admin_url, const std::string& name) {
    auto admin = postgres::Connection::open({admin_url});
    check(admin.status(), "connect to the cluster");
    check((*admin)->exec("CREATE DATABASE " + name), "create database");
    const std::size_t query = admin_url.find('?');
    const std::size_t slash = admin_url.rfind('/', query);
    return admin_url.substr(0, slash + 1) + name +
           (query == std::string::npos ? "" : admin_url.substr(query));
}

void drop_database(const std::string& admin_url, const std::string& name) {
    auto admin = postgres::Connection::open({admin_url});
    if (admin.ok()) (void)(*admin)->exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace

int main() {
    const std::size_t total = bench::pick(5'000, 50'000, 1'000'000);
    const fs::path dir = fs::temp_directory_path() / ("spmis-bench-ingest-" + new_uuid_v7().to_string());
    try {
        fs::create_directories(dir);
        const Timing two = ingest(dir / "server-2", total, 2);
        const Timing one = ingest(dir / "server-1", total, 1);
        const Timing plain = plain_insert(dir, total);
        const auto rate = [&](double seconds) { return static_cast<double>(total) / seconds; };
        std::printf(
            "sync ingest: %zu operations (half redemptions, half attendance) from %zu devices in batches of "
            "%zu\n",
            total, kDevices, kBatch);
        const auto line = [&](const char* what, const Timing& t) {
            std::printf("  %-42s %8.2f s = %10.0f ops/s (CPU %.2f s = %.0f ops/s)\n", what, t.wall,
                        rate(t.wall), t.cpu, rate(t.cpu));
            if (t.locked > 0)
                std::printf("  %-42s CPU %.2f s = %.0f ops/s\n", "  of which under the store lock:", t.locked,
                            rate(t.locked));
        };
        line("push path, 2 pushers (prepare || apply):", two);
        line("push path, 1 pusher:", one);
        line("baseline plain SQLite insert, same rows:", plain);
        std::printf("  ratio push / plain, 2 pushers: %.3f (goal >= 0.25); by CPU time: %.3f\n",
                    plain.wall / two.wall, plain.cpu / two.cpu);
        std::printf("  ratio push / plain, 1 pusher:  %.3f; by CPU time: %.3f\n", plain.wall / one.wall,
                    plain.cpu / one.cpu);
        if (const char* admin = std::getenv("SPMIS_BENCH_POSTGRES"); admin != nullptr && *admin != '\0') {
            const std::string name = "spmis_bench_ingest_" + new_uuid_v7().to_string().substr(24);
            const std::string url = create_database(admin, name);
            try {
                const Timing on_postgres = ingest(dir / "unused", total, 2, url);
                const Timing copied = postgres_copy(url);
                line("PostgreSQL: push path, 2 pushers:", on_postgres);
                line("PostgreSQL: baseline COPY of its rows:", copied);
                std::printf("  ratio push / COPY on PostgreSQL: %.3f (goal >= 0.25)\n",
                            copied.wall / on_postgres.wall);
            } catch (...) {
                drop_database(admin, name);
                throw;
            }
            drop_database(admin, name);
        }
    } catch (const std::exception& e) {
        std::cerr << "bench_sync_ingest: " << e.what() << "\n";
        fs::remove_all(dir);
        return 1;
    }
    fs::remove_all(dir);
    return 0;
}
