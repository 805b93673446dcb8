// Offline lookups by name prefix on a field device store (SQLite file, the real find()) holding N
// beneficiaries, beside a baseline: a linear scan of an in-memory vector of the same folded names.
// Prints the median latency of each and the ratio. SPMIS_BENCH_SIZE=smoke: 2,000 people and 15
// queries; full: 50,000 and 300.

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "big_tablet.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/base/text_fold.hpp"
#include "spmis/sync/device_store.hpp"

namespace {

using nlohmann::json;
using spmis::Uuid;

constexpr std::size_t kLimit = 20;

using spmis::bench::entitlement;
using spmis::bench::id_of;
using spmis::bench::make_name;

// CPU time of this thread: on a loaded machine wall time also counts the time spent waiting for a core.
double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

double median_us(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Any word of the folded name starts with the folded prefix; at most kLimit hits, like find().
std::size_t scan(const std::vector<std::string>& folded, const std::string& prefix) {
    std::size_t hits = 0;
    for (const auto& name : folded) {
        for (std::size_t at = 0; at != std::string::npos && at < name.size();) {
            if (name.compare(at, prefix.size(), prefix) == 0) {
                ++hits;
                break;
            }
            at = name.find(' ', at);
            if (at != std::string::npos) ++at;
        }
        if (hits == kLimit) break;
    }
    return hits;
}

}  // namespace

int main() {
    const char* size_env = std::getenv("SPMIS_BENCH_SIZE");
    bool smoke = size_env != nullptr && std::string(size_env) == "smoke";
    std::size_t n = smoke ? 2'000 : 50'000;
    std::size_t queries = smoke ? 15 : 300;
    auto dir = std::filesystem::temp_directory_path() / ("spmis-bench-lookup-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    spmis::sync::FakeDeviceClock clock(spmis::from_unix_micros(1'800'000'000'000'000), "boot");
    const spmis::Date today = spmis::date_of(clock.wall());
    auto store = spmis::sync::DeviceStore::open((dir / "field.db").string(), clock);
    if (!store.ok()) {
        std::fprintf(stderr, "cannot open store: %s\n", store.status().to_string().c_str());
        return 1;
    }
    spmis::SeededRandom rng(20261121);
    std::vector<std::string> names;
    std::vector<std::string> folded;
    spmis::sync::PullResponse page;
    for (std::size_t i = 0; i < n; ++i) {
        names.push_back(make_name(rng));
        folded.push_back(spmis::fold_for_search(names.back()));
        page.records.push_back({static_cast<std::int64_t>(i + 1), "entitlement", id_of(i, 1),
                                entitlement(i, names.back(), today)});
        if (page.records.size() == 1000 || i + 1 == n) {
            page.next_cursor = static_cast<std::int64_t>(i + 1);
            if (auto s = (*store)->apply_pull_page(page); !s.ok()) {
                std::fprintf(stderr, "cannot load: %s\n", s.to_string().c_str());
                return 1;
            }
            page.records.clear();
        }
    }
    std::vector<std::string> prefixes;
    for (std::size_t q = 0; q < queries; ++q) {
        const std::string& f =
            folded[static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(n) - 1))];
        std::size_t word = q % 2 == 0 ? 0 : f.find(' ') + 1;  // given name or family name
        prefixes.push_back(f.substr(word, 3));
    }
    std::vector<double> store_us;
    std::vector<double> store_cpu_us;
    std::vector<double> scan_us;
    std::size_t store_hits = 0;
    std::size_t scan_hits = 0;
    for (const auto& p : prefixes) {
        double c0 = thread_cpu_us();
        auto t0 = std::chrono::steady_clock::now();
        auto found = (*store)->find(p, kLimit);
        auto t1 = std::chrono::steady_clock::now();
        store_cpu_us.push_back(thread_cpu_us() - c0);
        scan_hits += scan(folded, p);
        auto t2 = std::chrono::steady_clock::now();
        if (!found.ok()) {
            std::fprintf(stderr, "find failed: %s\n", found.status().to_string().c_str());
            return 1;
        }
        store_hits += found->size();
        store_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        scan_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
    }
    double s = median_us(store_us);
    double b = median_us(scan_us);
    std::printf("field lookup by name prefix, %zu beneficiaries, %zu queries (limit %zu)\n", n, queries,
                kLimit);
    std::printf("  device store find():        median %9.1f us  (%zu hits; CPU median %.1f us)\n", s,
                store_hits, median_us(store_cpu_us));
    std::printf("  baseline in-memory scan:    median %9.1f us  (%zu hits)\n", b, scan_hits);
    std::printf("  ratio store/baseline: %.2f\n", s / b);
    store->reset();
    std::filesystem::remove_all(dir);
    return 0;
}
