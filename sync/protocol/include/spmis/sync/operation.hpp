#pragma once
// The operation: one change a device (or the server) made, as an intent or a fact, never a row
// diff. Wire format and hashing rules: sync/PROTOCOL.md sections 1 and 2.

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "spmis/base/hex.hpp"
#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::sync {

using Hash = std::array<std::uint8_t, 32>;

// Lowercase hex of a hash, and its strict parse (64 hex digits).
Result<Hash> hash_from_hex(const std::string& text);

// Where an operation belongs; drives scope checks and pull routing.
struct Routing {
    std::optional<Uuid> service_point;
    std::optional<Uuid> program;
    std::optional<Uuid> cycle;
    std::optional<Uuid> household;

    bool operator==(const Routing&) const = default;
};

// The device's clock reading: recorded as evidence, never used for ordering.
struct TimeClaim {
    UtcTime wall{};
    std::string boot_id;
    std::int64_t monotonic_ms = 0;
    std::optional<UtcTime> anchor_server_time;
    std::optional<std::int64_t> anchor_monotonic_ms;

    bool operator==(const TimeClaim&) const = default;
};

struct Operation {
    Uuid device_id;
    std::uint64_t device_seq = 0;
    Hash prev_hash{};
    std::string op_type;
    int op_version = 1;
    std::string record_kind;
    Uuid record_id;
    Routing routing;
    nlohmann::json payload = nlohmann::json::object();
    nlohmann::json base = nlohmann::json::object();
    std::string officer_id;
    TimeClaim time_claim;
    Hash hash{};

    bool operator==(const Operation&) const = default;
};

// The full wire form, including the hash.
nlohmann::json to_json(const Operation& op);
// Strict parse of the wire form: every member present with its type, no floats anywhere; does not
// check the hash (see verify_hash). kInvalidArgument naming the offending member.
Result<Operation> operation_from_json(const nlohmann::json& j);

// The wire form as compact text, keys sorted: the bytes of to_json(op).dump(), written directly.
std::string wire_text(const Operation& op);
// The canonical bytes that are hashed: the wire form without `hash`, keys sorted, no whitespace.
std::string canonical_bytes(const Operation& op);
// SHA-256("spmis-op-v1\0" || prev_hash || canonical_bytes(op)).
Hash compute_hash(const Operation& op);
// Sets op.hash from its content and prev_hash.
void seal(Operation& op);
// True when op.hash matches its content.
bool verify_hash(const Operation& op);

}  // namespace spmis::sync
