#pragma once
// The world the sync benchmarks run against, written in one transaction through the store: one
// in-kind program and cycle, service point SP1 with `events` distribution events, and `households`
// households (group + head + program membership + an approved entitlement at SP1 large enough that
// no benchmark load over-redeems it).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/bench/bench_size.hpp"  // pick(), for the benchmarks that include this
#include "spmis/store/store.hpp"

namespace spmis::bench {

struct BenchHousehold {
    Uuid household, head, membership, entitlement;
};

struct BenchWorld {
    Uuid program, cycle, service_point;
    std::vector<Uuid> events;
    std::vector<BenchHousehold> households;
};

// Seeds the world into `store`; the first failing insert's status.
Result<BenchWorld> seed_bench_world(store::Store& store, std::size_t households, std::size_t events);

// Seconds since `start` on the steady clock.
double seconds_since(std::int64_t start_ns);
// The steady clock now, in nanoseconds.
std::int64_t now_ns();

}  // namespace spmis::bench
