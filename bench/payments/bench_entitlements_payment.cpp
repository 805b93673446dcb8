// Entitlements for N enrolled households with the formula rule (base 30 + 10 per child under 5 +
// 5 per member aged 60+), then a payment batch and its provider file, beside a plain SQLite insert
// of N rows in one transaction (the physical limit of writing N rows; median of three runs). Approval
// sits between the two steps; it is timed and printed but belongs to approvals, not to this ratio.
// CPU time over all threads is printed too: on a shared machine it moves less than wall time.
// SPMIS_BENCH_SIZE: smoke = 2,000 households, full = 1,000,000, a number = that many, else 20,000.

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "spmis/bench/bench_size.hpp"
#include "spmis/demo/demo_data.hpp"
#include "spmis/payments/batches.hpp"
#include "spmis/payments/payment_file.hpp"
#include "spmis/programs/cycles.hpp"
#include "spmis/programs/enrollment.hpp"
#include "spmis/programs/entitlements.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::size_t households() { return spmis::bench::pick(2'000, 20'000, 1'000'000); }

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of the whole process (every thread): steadier than wall time on a shared machine.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

[[noreturn]] void die(const spmis::Status& s, const char* step) {
    std::fprintf(stderr, "%s failed: %s\n", step, s.to_string().c_str());
    std::exit(1);
}

// A cash program that takes every household, with the child grant's formula.
spmis::model::Program every_household_grant() {
    spmis::model::Program p;
    p.id = spmis::new_uuid_v7();
    p.code = "BENCH_GRANT";
    p.name = "Every household, child grant formula";
    p.target = spmis::model::TargetType::kGroup;
    p.kind = spmis::model::EntitlementKind::kCash;
    p.eligibility_cel = "true";
    p.currency = "USD";
    p.rule = {spmis::model::AmountRuleKind::kCel, 0,
              "30 + 10 * group.members.filter(m, m.age < 5).size() + 5 * group.members.filter(m, m.age >= "
              "60).size()"};
    p.created_at = spmis::SystemClock::instance().now();
    return p;
}

// One transaction, one prepared statement, N rows shaped like an entitlement.
double raw_insert_seconds(const std::filesystem::path& file, std::size_t rows) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_exec(
        db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "CREATE TABLE t (id BLOB PRIMARY KEY, registrant BLOB, amount INTEGER, currency TEXT, state TEXT)",
        nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?, ?, 'USD', 'draft')", -1, &st, nullptr);
    const auto start = Clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (std::size_t i = 0; i < rows; ++i) {
        const spmis::Uuid id = spmis::new_uuid_v7();
        sqlite3_bind_blob(st, 1, id.bytes().data(), 16, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 2, id.bytes().data(), 16, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, static_cast<sqlite3_int64>(3000 + i % 5 * 500));
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double s = seconds_since(start);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return s;
}

// Three raw inserts, each into a new file, in the order they ran. The ratio uses their median: on this
// shared machine one run in a few stalls on the disk, and a single run would then move the ratio by
// half.
std::array<double, 3> raw_insert_runs(const std::filesystem::path& dir, std::size_t rows) {
    std::array<double, 3> runs{};
    for (std::size_t i = 0; i < runs.size(); ++i) {
        runs[i] = raw_insert_seconds(dir / ("raw-" + std::to_string(i) + ".db"), rows);
    }
    return runs;
}

double median(std::array<double, 3> runs) {
    std::sort(runs.begin(), runs.end());
    return runs[1];
}

}  // namespace

int main() {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("spmis-bench-pay-" + spmis::new_uuid_v7().to_string());
    fs::create_directories(dir);
    auto store = spmis::store::open_store_in_directory(dir.string());
    if (!store.ok()) die(store.status(), "open");
    auto& s = **store;
    // Setup (not timed): the registry, the program, every household enrolled, a draft cycle.
    if (auto d = spmis::demo::generate_demo(s, {households(), 42, nullptr}); !d.ok()) die(d.status(), "demo");
    const auto program = every_household_grant();
    if (auto st = s.programs().insert_program(program); !st.ok()) die(st, "program");
    spmis::programs::EnrollmentOptions eo;
    eo.reference = spmis::demo::kDemoReferenceDate;
    auto enrolled = spmis::programs::enroll(s, program.id, eo);
    if (!enrolled.ok()) die(enrolled.status(), "enroll");
    const spmis::Date first{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{1}};
    const spmis::Date last{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{30}};
    auto cycle =
        spmis::programs::create_cycle(s, program.id, {"November", first, last, std::nullopt, "bench"});
    if (!cycle.ok()) die(cycle.status(), "cycle");

    std::fprintf(stderr, "setup done, timing starts\n");  // a profiler may attach here
    const double cpu_start = cpu_seconds();
    auto start = Clock::now();
    auto generated = spmis::programs::generate_entitlements(s, cycle->id);
    if (!generated.ok()) die(generated.status(), "generate");
    const double generate_s = seconds_since(start);
    const double generate_cpu = cpu_seconds() - cpu_start;
    start = Clock::now();
    if (auto a = spmis::programs::approve_cycle(s, cycle->id, "bench"); !a.ok()) die(a.status(), "approve");
    const double approve_s = seconds_since(start);
    const double pay_cpu_start = cpu_seconds();
    start = Clock::now();
    auto batch = spmis::payments::create_batch(s, cycle->id,
                                               {spmis::model::ProviderKind::kMobileMoney, "MM", "bench"});
    if (!batch.ok()) die(batch.status(), "batch");
    const double batch_s = seconds_since(start);
    auto file = spmis::payments::export_batch(s, batch->batch.id, "bench");
    if (!file.ok()) die(file.status(), "export");
    const double pay_s = seconds_since(start);
    const double pay_cpu = cpu_seconds() - pay_cpu_start;

    const std::size_t rows = generated->created;
    const double raw_cpu_start = cpu_seconds();
    const std::array<double, 3> raw_runs = raw_insert_runs(dir, rows);
    const double raw_s = median(raw_runs);
    const double raw_cpu = (cpu_seconds() - raw_cpu_start) / 3;
    store->reset();
    fs::remove_all(dir);

    std::printf("entitlements: %zu enrolled households, %zu entitlements generated in %.2f s (%.0f/s)\n",
                enrolled->enrolled, rows, generate_s, static_cast<double>(rows) / generate_s);
    std::printf("approve (not in the ratio): %.2f s\n", approve_s);
    std::printf("payment batch + export: %zu payments, %zu-byte file (sha256 %s) in %.2f s\n", file->lines,
                file->csv.size(), file->sha256.substr(0, 16).c_str(), pay_s);
    std::printf("  of which batch %.2f s, export %.2f s\n", batch_s, pay_s - batch_s);
    std::printf("  cpu time, all threads: generate %.2f s, batch + export %.2f s, one raw insert %.2f s\n",
                generate_cpu, pay_cpu, raw_cpu);
    std::printf("  generate phases: %s\n", generated->phases.to_string().c_str());
    std::printf("  batch phases: %s\n", batch->phases.to_string().c_str());
    std::printf("  export phases: %s\n", file->phases.to_string().c_str());
    std::printf("baseline plain SQLite insert of %zu rows in one transaction, median of 3: %.2f s (%.0f/s)\n",
                rows, raw_s, static_cast<double>(rows) / raw_s);
    std::printf("  raw insert runs in order: %.2f s, %.2f s, %.2f s\n", raw_runs[0], raw_runs[1],
                raw_runs[2]);
    std::printf("ratio generate / raw insert: %.2fx\n", generate_s / raw_s);
    std::printf("ratio (generate + batch + export) / raw insert: %.2fx (goal: within 3x)\n",
                (generate_s + pay_s) / raw_s);
    return 0;
}
