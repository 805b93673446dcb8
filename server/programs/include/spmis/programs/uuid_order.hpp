#pragma once
// An ordering of ids by their bytes for std::map / std::set keys. Comparing bytes directly avoids
// instantiating Uuid's defaulted operator<=> (which clang-tidy flags inside base/uuid.hpp).

#include <map>
#include <set>

#include "spmis/base/uuid.hpp"

namespace spmis::programs {

// Strict weak order of ids by their 16 bytes (the same order as Uuid's <=>).
struct UuidLess {
    bool operator()(const Uuid& a, const Uuid& b) const { return a.bytes() < b.bytes(); }
};

// A set of ids.
using UuidSet = std::set<Uuid, UuidLess>;

// A map keyed by id.
template <typename V>
using UuidMap = std::map<Uuid, V, UuidLess>;

}  // namespace spmis::programs
