// The big tablet of bench_field_screen: loads N pulled beneficiaries (one individual with one rice
// entitlement each, generated names with accents) into the device store file STORE, through the
// store's own pull path. Not a benchmark itself (no bench_ prefix: bench/run.sh does not run it).
// Usage: field_screen_store STORE N

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "big_tablet.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/sync/device_store.hpp"

namespace {

constexpr std::size_t kPage = 1000;  // records per pull page, as a real pull

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: field_screen_store STORE N\n");
        return 2;
    }
    const std::size_t n = std::strtoul(argv[2], nullptr, 10);
    // Today, as the spmis-field ui the benchmark starts sees it, so the entitlements are valid there.
    spmis::sync::FakeDeviceClock clock(spmis::SystemClock::instance().now(), "boot");
    const spmis::Date today = spmis::date_of(clock.wall());
    auto store = spmis::sync::DeviceStore::open(argv[1], clock);
    if (!store.ok()) {
        std::fprintf(stderr, "cannot open store: %s\n", store.status().to_string().c_str());
        return 1;
    }
    spmis::SeededRandom rng(20261121);
    spmis::sync::PullResponse page;
    for (std::size_t i = 0; i < n; ++i) {
        page.records.push_back({static_cast<std::int64_t>(i + 1), "entitlement", spmis::bench::id_of(i, 1),
                                spmis::bench::entitlement(i, spmis::bench::make_name(rng), today)});
        if (page.records.size() < kPage && i + 1 < n) continue;
        page.next_cursor = static_cast<std::int64_t>(i + 1);
        if (auto s = (*store)->apply_pull_page(page); !s.ok()) {
            std::fprintf(stderr, "cannot load: %s\n", s.to_string().c_str());
            return 1;
        }
        page.records.clear();
    }
    return 0;
}
