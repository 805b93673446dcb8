#pragma once
// A small CBOR (RFC 8949) value, a deterministic encoder (shortest-form integers, definite lengths,
// map keys in bytewise order of their encoding) and a strict decoder with depth and size limits.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"

namespace spmis::credential {

// The major kinds we handle. Integers keep their CBOR split: kUnsigned holds n, kNegative holds
// n for the value -1 - n, so the whole 64-bit range of both survives a round trip.
enum class CborType { kUnsigned, kNegative, kBytes, kText, kArray, kMap, kTag, kSimple, kFloat };

// One CBOR data item. Maps keep their entries in `items` as key, value, key, value, ...
struct CborValue {
    CborType type = CborType::kSimple;
    std::uint64_t number = 22;  // integer argument, tag number or simple value (22 = null)
    double real = 0.0;
    Bytes bytes;                   // kBytes payload, or kText UTF-8 bytes
    std::vector<CborValue> items;  // array elements, map key/value pairs, or the tagged item

    static CborValue integer(std::int64_t v);
    static CborValue byte_string(Bytes b);
    static CborValue text(std::string_view s);
    static CborValue array(std::vector<CborValue> elements);
    // Entries are (key, value) pairs; the encoder sorts them, duplicates are the caller's bug.
    static CborValue map(std::vector<std::pair<CborValue, CborValue>> entries);
    static CborValue tag(std::uint64_t number, CborValue inner);
    static CborValue boolean(bool v);
    static CborValue null();

    bool is_int() const { return type == CborType::kUnsigned || type == CborType::kNegative; }
    // The integer if it fits int64, else nullopt (also for non-integers).
    std::optional<std::int64_t> as_int() const;
    // The text as std::string (kText only; empty otherwise).
    std::string as_text() const { return {bytes.begin(), bytes.end()}; }
    std::size_t map_size() const { return items.size() / 2; }
    // The value under an integer key of a map, or nullptr.
    const CborValue* find(std::int64_t key) const;
    // The value under a text key of a map, or nullptr.
    const CborValue* find(std::string_view key) const;
};

// Structural equality (same type, argument, payload and children in order).
bool operator==(const CborValue& a, const CborValue& b);

// Deterministic encoding (RFC 8949 section 4.2.1 core rules).
Bytes cbor_encode(const CborValue& value);

// Limits of the decoder; inputs beyond them are rejected, never partially read.
struct CborLimits {
    int max_depth = 16;
    std::size_t max_input = 64 * 1024;
};

// Strict decode of exactly one item: definite lengths only, no trailing bytes, valid UTF-8 text,
// no duplicate map keys, well-formed simple values. kInvalidArgument with the reason otherwise.
Result<CborValue> cbor_decode(const Bytes& data, const CborLimits& limits = {});

}  // namespace spmis::credential
