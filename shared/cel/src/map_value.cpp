#include "spmis/cel/map_value.hpp"

#include <cmath>
#include <functional>
#include <memory>

#include "spmis/cel/tuning.hpp"

namespace spmis::cel {

std::size_t MapValue::KeyHash::operator()(const Key& k) const {
    return std::hash<std::string_view>{}(k.text) ^ (std::hash<std::uint64_t>{}(k.bits) * 31U) ^ k.tag;
}

bool MapValue::key_of(const Value& v, Key* out) {
    switch (v.kind()) {
        case Kind::kBool: *out = {0, v.as_bool() ? 1U : 0U, {}}; return true;
        case Kind::kInt:
            *out = {static_cast<std::uint8_t>(v.as_int() < 0 ? 1 : 2),
                    static_cast<std::uint64_t>(v.as_int()),
                    {}};
            return true;
        case Kind::kUint: *out = {2, v.as_uint(), {}}; return true;
        case Kind::kDouble: {
            // Only used for lookups: an integral double finds the matching int or uint key.
            double d = v.as_double();
            if (std::trunc(d) != d) {
                return false;
            }
            if (d < 0 && d >= -9223372036854775808.0) {
                *out = {1, static_cast<std::uint64_t>(static_cast<std::int64_t>(d)), {}};
                return true;
            }
            if (d >= 0 && d < 18446744073709551616.0) {
                *out = {2, static_cast<std::uint64_t>(d), {}};
                return true;
            }
            return false;
        }
        case Kind::kString: *out = {3, 0, v.as_string()}; return true;
        default: return false;
    }
}

Value MapValue::make(std::vector<Entry> entries) {
    auto m = std::make_shared<MapValue>();
    m->entries_ = std::move(entries);
    bool indexed = m->entries_.size() > tuning::kCelMapIndexThreshold;
    for (std::size_t i = 0; i < m->entries_.size(); ++i) {
        const Value& k = m->entries_[i].first;
        Key key;
        if (k.kind() == Kind::kDouble || !key_of(k, &key)) {
            return Value::error("unsupported key type: " + type_name(k));
        }
        if (m->lookup_prefix(key, i) != nullptr) {
            return Value::error("Failed with repeated key");
        }
        if (indexed) {
            m->index_.emplace(key, i);
        }
    }
    return Value::map(std::move(m));
}

const Value* MapValue::lookup_prefix(const Key& k, std::size_t n) const {
    if (!index_.empty() || n > tuning::kCelMapIndexThreshold) {
        auto it = index_.find(k);
        return it == index_.end() ? nullptr : &entries_[it->second].second;
    }
    for (std::size_t i = 0; i < n; ++i) {
        Key other;
        if (key_of(entries_[i].first, &other) && other == k) {
            return &entries_[i].second;
        }
    }
    return nullptr;
}

const Value* MapValue::find(const Value& key) const {
    Key k;
    if (!key_of(key, &k)) {
        return nullptr;
    }
    return lookup_prefix(k, entries_.size());
}

const Value* MapValue::find_string(std::string_view key) const {
    return lookup_prefix({3, 0, key}, entries_.size());
}

}  // namespace spmis::cel
