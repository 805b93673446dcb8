// Demo data generation (households written through the store's bulk path) beside a raw SQLite
// insert of the same number of rows with one prepared statement: the baseline is what SQLite
// alone costs, the ratio is what the domain layer adds. SPMIS_BENCH_SIZE: smoke = 2,000
// households, full = 1,000,000, otherwise 20,000.

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "spmis/demo/demo_data.hpp"
#include "spmis/demo/tuning.hpp"

namespace {

std::size_t households() {
    const char* size = std::getenv("SPMIS_BENCH_SIZE");
    std::string s = size != nullptr ? size : "";
    if (s == "smoke") return 2'000;
    if (s == "full") return 1'000'000;
    return 20'000;
}

std::filesystem::path fresh_dir(const char* name) {
    auto dir =
        std::filesystem::temp_directory_path() / (std::string(name) + "-" + spmis::new_uuid_v7().to_string());
    std::filesystem::create_directories(dir);
    return dir;
}

double g_demo_seconds = 0;
double g_raw_seconds = 0;
std::size_t g_rows = 0;

void BM_DemoGenerate(benchmark::State& state) {
    for (auto _ : state) {
        auto dir = fresh_dir("spmis-bench-demo");
        auto store = spmis::store::open_store_in_directory(dir.string());
        auto start = std::chrono::steady_clock::now();
        auto summary = spmis::demo::generate_demo(**store, {households(), 42, nullptr});
        g_demo_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!summary.ok()) state.SkipWithError(summary.status().to_string().c_str());
        // Rows written: groups + individuals (registrants) + one membership per individual.
        g_rows = summary->households + 2 * summary->individuals;
        state.SetIterationTime(g_demo_seconds);
        store->reset();
        std::filesystem::remove_all(dir);
    }
    state.counters["households_per_s"] = static_cast<double>(households()) / g_demo_seconds;
}

void BM_RawSqliteInsert(benchmark::State& state) {
    for (auto _ : state) {
        auto dir = fresh_dir("spmis-bench-raw");
        sqlite3* db = nullptr;
        sqlite3_open((dir / "raw.db").c_str(), &db);
        sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, birthdate TEXT, score REAL)",
                     nullptr, nullptr, nullptr);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO t (name, birthdate, score) VALUES (?, ?, ?)", -1, &st, nullptr);
        auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < g_rows; ++i) {
            if (i % (spmis::tuning::kDemoBatchHouseholds * 4) == 0)
                sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
            sqlite3_bind_text(st, 1, "Amina Diallo", -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, "1990-01-01", -1, SQLITE_STATIC);
            sqlite3_bind_double(st, 3, static_cast<double>(i % 60));
            sqlite3_step(st);
            sqlite3_reset(st);
            if ((i + 1) % (spmis::tuning::kDemoBatchHouseholds * 4) == 0 || i + 1 == g_rows) {
                sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
            }
        }
        g_raw_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.SetIterationTime(g_raw_seconds);
        sqlite3_finalize(st);
        sqlite3_close(db);
        std::filesystem::remove_all(dir);
    }
    state.counters["rows_per_s"] = static_cast<double>(g_rows) / g_raw_seconds;
}

BENCHMARK(BM_DemoGenerate)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawSqliteInsert)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (g_demo_seconds > 0 && g_raw_seconds > 0) {
        std::printf("demo generate: %zu households (%zu rows) in %.2f s = %.0f households/s, %.0f rows/s\n",
                    households(), g_rows, g_demo_seconds, static_cast<double>(households()) / g_demo_seconds,
                    static_cast<double>(g_rows) / g_demo_seconds);
        std::printf("baseline raw SQLite insert of %zu rows: %.2f s = %.0f rows/s\n", g_rows, g_raw_seconds,
                    static_cast<double>(g_rows) / g_raw_seconds);
        std::printf("ratio (demo time / raw insert time): %.2fx\n", g_demo_seconds / g_raw_seconds);
    }
    return 0;
}
