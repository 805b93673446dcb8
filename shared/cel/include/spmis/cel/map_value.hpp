#pragma once
// CEL maps: keys of bool, int, uint or string. Numeric keys match across int, uint and integral
// doubles (`{1u: 'a'}[1]` and `[1.0]` find the same entry), as the spec's heterogeneous
// equality says.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "spmis/cel/value.hpp"

namespace spmis::cel {

// An immutable map; entries keep insertion order for printing.
class MapValue {
public:
    using Entry = std::pair<Value, Value>;

    // Builds a map; an error value when a key has an unsupported type or repeats.
    static Value make(std::vector<Entry> entries);
    // The value under `key`, or nullptr when absent or the key cannot be a map key.
    const Value* find(const Value& key) const;
    // Same as find() with a string key, without building a Value.
    const Value* find_string(std::string_view key) const;
    const std::vector<Entry>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }

private:
    struct Key {
        std::uint8_t tag = 0;  // 0 bool, 1 negative int, 2 non-negative number, 3 string
        std::uint64_t bits = 0;
        std::string_view text;
        bool operator==(const Key& o) const { return tag == o.tag && bits == o.bits && text == o.text; }
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    // The normalized key of a value; false when the value cannot be a map key.
    static bool key_of(const Value& v, Key* out);
    // Lookup among the first n entries (all of them once the index is built).
    const Value* lookup_prefix(const Key& k, std::size_t n) const;

    std::vector<Entry> entries_;
    std::unordered_map<Key, std::size_t, KeyHash> index_;  // only for larger maps
};

}  // namespace spmis::cel
