// The full eligibility batch from the SQLite store: load the registry, evaluate CHILD_GRANT's
// rule, write the draft memberships (programs::import_eligible), on demo data generated into a
// temporary data directory. Beside it, the baseline: a plain SQLite insert of the same number of
// membership rows in one transaction, and the ratio of the write phase to it.
// SPMIS_BENCH_SIZE: smoke = 2,000 households, full = 1,000,000, a number = that many, else 20,000.

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "spmis/cel/registrant_binding.hpp"
#include "spmis/demo/demo_data.hpp"
#include "spmis/programs/enrollment.hpp"
#include "spmis/programs/program_rules.hpp"
#include "spmis/programs/registry_loader.hpp"

namespace {

std::size_t households() {
    const char* size = std::getenv("SPMIS_BENCH_SIZE");
    const std::string s = size != nullptr ? size : "";
    if (s == "smoke") return 2'000;
    if (s == "full") return 1'000'000;
    if (std::atoi(s.c_str()) > 0) return static_cast<std::size_t>(std::atoi(s.c_str()));
    return 20'000;
}

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU time of the whole process (all threads): on a shared machine, wall time also counts the
// time other processes held the cores, so both are printed.
double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

[[noreturn]] void fail(const spmis::Status& s) {
    std::fprintf(stderr, "bench_rule_batch: %s\n", s.to_string().c_str());
    std::exit(1);
}

// A plain SQLite insert of `rows` rows shaped like program_memberships, in one transaction.
double raw_membership_insert(const std::filesystem::path& dir, std::size_t rows) {
    sqlite3* db = nullptr;
    sqlite3_open((dir / "raw.db").c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE m (id BLOB PRIMARY KEY NOT NULL, program_id BLOB NOT NULL, registrant_id BLOB "
                 "NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, "
                 "UNIQUE (program_id, registrant_id))",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO m VALUES (?, ?, ?, 'draft', ?, ?)", -1, &st, nullptr);
    const spmis::Uuid program = spmis::new_uuid_v7();
    const auto start = Clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (std::size_t i = 0; i < rows; ++i) {
        const spmis::Uuid id = spmis::new_uuid_v7();
        const spmis::Uuid registrant = spmis::new_uuid_v7();
        sqlite3_bind_blob(st, 1, id.bytes().data(), 16, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 2, program.bytes().data(), 16, SQLITE_STATIC);
        sqlite3_bind_blob(st, 3, registrant.bytes().data(), 16, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 4, static_cast<sqlite3_int64>(i));
        sqlite3_bind_int64(st, 5, static_cast<sqlite3_int64>(i));
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double seconds = since(start);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return seconds;
}

// Load and evaluate alone (read only), timed phase by phase.
struct Phases {
    double load = 0;
    double evaluate = 0;
    double load_cpu = 0;
    double evaluate_cpu = 0;
    std::size_t evaluated = 0;
    std::size_t matched = 0;
};

Phases load_and_evaluate(spmis::store::Store& store, const spmis::model::Program& program) {
    Phases p;
    auto start = Clock::now();
    double cpu = cpu_now();
    auto snap = spmis::programs::load_registry(store);
    if (!snap.ok()) fail(snap.status());
    p.load = since(start);
    p.load_cpu = cpu_now() - cpu;
    start = Clock::now();
    cpu = cpu_now();
    auto rule = spmis::programs::compile_eligibility(program);
    if (!rule.ok()) fail(rule.status());
    const spmis::cel::RegistrantBinder binder(spmis::demo::kDemoReferenceDate);
    auto result =
        spmis::programs::evaluate_eligibility(program, *rule, snap->households, snap->individuals, binder);
    p.evaluate = since(start);
    p.evaluate_cpu = cpu_now() - cpu;
    p.evaluated = snap->households.size();
    p.matched = result.matching.size();
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);  // accepts bench/run.sh's flags; nothing is registered
    const std::size_t n = households();
    const auto dir =
        std::filesystem::temp_directory_path() / ("spmis-bench-batch-" + spmis::new_uuid_v7().to_string());
    std::filesystem::create_directories(dir / "data");
    auto store = spmis::store::open_store_in_directory((dir / "data").string());
    if (!store.ok()) fail(store.status());
    auto start = Clock::now();
    auto summary = spmis::demo::generate_demo(**store, {n, 42, nullptr});
    if (!summary.ok()) fail(summary.status());
    std::printf("bench_rule_batch: %zu households, %zu individuals (demo data generated in %.2f s)\n",
                summary->households, summary->individuals, since(start));
    auto program = (*store)->programs().find_program_by_code("CHILD_GRANT");
    if (!program.ok() || !*program) fail(spmis::make_error(spmis::ErrorCode::kNotFound, "CHILD_GRANT"));

    const Phases phases = load_and_evaluate(**store, **program);
    spmis::programs::EnrollmentOptions options;
    options.reference = spmis::demo::kDemoReferenceDate;
    start = Clock::now();
    const double cpu = cpu_now();
    auto report = spmis::programs::import_eligible(**store, (*program)->id, options);
    const double total = since(start);
    const double total_cpu = cpu_now() - cpu;
    if (!report.ok()) fail(report.status());
    const double write = std::max(0.0, total - phases.load - phases.evaluate);
    const double write_cpu = std::max(0.0, total_cpu - phases.load_cpu - phases.evaluate_cpu);
    const double raw = raw_membership_insert(dir, report->created);
    std::printf("phase                  wall      CPU (all threads)\n");
    std::printf("load registry       %7.2f s  %7.2f s  (%.0f households/s wall)\n", phases.load,
                phases.load_cpu, static_cast<double>(phases.evaluated) / phases.load);
    std::printf("evaluate CHILD_GRANT %6.2f s  %7.2f s  (%zu of %zu match)\n", phases.evaluate,
                phases.evaluate_cpu, phases.matched, phases.evaluated);
    std::printf(
        "write memberships   %7.2f s  %7.2f s  (%zu drafts + audit events; total minus load and evaluate run "
        "alone, so noisy)\n",
        write, write_cpu, report->created);
    std::printf("total import_eligible %5.2f s  %7.2f s  (goal for 1,000,000 households: under 10 s wall)\n",
                total, total_cpu);
    std::printf("baseline: plain SQLite insert of %zu membership rows in one transaction %.2f s\n",
                report->created, raw);
    std::printf("ratio write / baseline: %.2fx   total / baseline: %.2fx\n", write / raw, total / raw);
    store->reset();
    std::filesystem::remove_all(dir);
    benchmark::Shutdown();
    return report->created == phases.matched ? 0 : 1;
}
