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

#include "spmis/base/clock.hpp"
#include "spmis/base/text_fold.hpp"
#include "spmis/sync/device_store.hpp"

namespace {

using nlohmann::json;
using spmis::Uuid;

constexpr std::size_t kLimit = 20;

const std::vector<std::string> kGiven{"Grace", "José",  "Amina",  "Chidi", "Nuñez",  "Élodie", "Wanjiru",
                                      "Kofi",  "Aïcha", "Tendai", "Zoë",   "Otieno", "Fátima", "Baraka"};
const std::vector<std::string> kSyllables{"ach", "en",  "ba", "ki", "mo", "ru",
                                          "ta",  "ndu", "li", "sa", "we", "zo"};

std::string make_name(spmis::SeededRandom& rng) {
    std::string family;
    auto parts = rng.uniform(2, 4);
    for (std::int64_t i = 0; i < parts; ++i)
        family += kSyllables[static_cast<std::size_t>(rng.uniform(0, kSyllables.size() - 1))];
    family[0] = static_cast<char>(family[0] - 'a' + 'A');
    return kGiven[static_cast<std::size_t>(rng.uniform(0, kGiven.size() - 1))] + " " + family;
}

Uuid id_of(std::size_t i, std::uint8_t tag) {
    std::array<std::uint8_t, 16> b{0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, tag};
    for (int k = 0; k < 4; ++k) b[15 - k] = static_cast<std::uint8_t>(i >> (8 * k));
    return Uuid(b);
}

spmis::sync::PulledEntitlement entitlement(std::size_t i, const std::string& name) {
    spmis::sync::PulledEntitlement e;
    e.id = id_of(i, 1);
    e.program_id = id_of(0, 3);
    e.cycle_id = id_of(0, 4);
    e.registrant_id = id_of(i, 2);
    e.item = "rice";
    e.unit = "kg";
    e.quantity_milli = e.remaining_milli = 25000;
    e.valid_from = *spmis::parse_date("2020-01-01");
    e.valid_until = *spmis::parse_date("2099-12-31");
    e.service_point_id = id_of(0, 5);
    e.beneficiary = spmis::sync::PulledBeneficiary{e.registrant_id,
                                                   spmis::model::RegistrantKind::kIndividual,
                                                   name,
                                                   "NID-" + std::to_string(i),
                                                   std::nullopt,
                                                   std::nullopt};
    return e;
}

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
        page.records.push_back(
            {static_cast<std::int64_t>(i + 1), "entitlement", id_of(i, 1), entitlement(i, names.back())});
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
