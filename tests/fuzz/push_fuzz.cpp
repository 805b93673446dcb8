// Differential libFuzzer target: the input is a push body. The fast reader (read_push_fast) and the
// full path (nlohmann parse, then push_request_from_json, the reference) both read it and must never
// crash; whenever the fast reader accepts, the full path must accept too and read the same request,
// member by member. Any difference traps with a short message naming the member. Every request
// the full path reads is also encoded (wire_text) and compared with nlohmann's dump of its JSON.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "spmis/sync/messages.hpp"
#include "spmis/sync/push_read.hpp"

namespace {

using nlohmann::json;
using spmis::sync::Operation;
using spmis::sync::PushRequest;

[[noreturn]] void fail(const char* what, std::size_t op_index) {
    std::fprintf(stderr, "push_fuzz: %s (operation %zu)\n", what, op_index);
    __builtin_trap();
}

[[noreturn]] void differ(const char* member, std::size_t op_index) {
    std::fprintf(stderr, "push_fuzz: fast reader and full parser differ on %s\n", member);
    fail("difference", op_index);
}

// Same JSON value, and the same text once encoded (so integer signedness cannot hide).
bool same_json(const json& a, const json& b) {
    return a == b && a.type() == b.type() && a.dump() == b.dump();
}

void compare_op(const Operation& fast, const Operation& full, std::size_t i) {
    if (fast.device_id != full.device_id) differ("device_id", i);
    if (fast.device_seq != full.device_seq) differ("device_seq", i);
    if (fast.prev_hash != full.prev_hash) differ("prev_hash", i);
    if (fast.op_type != full.op_type) differ("op_type", i);
    if (fast.op_version != full.op_version) differ("op_version", i);
    if (fast.record_kind != full.record_kind) differ("record_kind", i);
    if (fast.record_id != full.record_id) differ("record_id", i);
    if (fast.routing.service_point != full.routing.service_point) differ("routing.service_point", i);
    if (fast.routing.program != full.routing.program) differ("routing.program", i);
    if (fast.routing.cycle != full.routing.cycle) differ("routing.cycle", i);
    if (fast.routing.household != full.routing.household) differ("routing.household", i);
    if (!same_json(fast.payload, full.payload)) differ("payload", i);
    if (!same_json(fast.base, full.base)) differ("base", i);
    if (fast.officer_id != full.officer_id) differ("officer_id", i);
    const auto& ft = fast.time_claim;
    const auto& lt = full.time_claim;
    if (ft.wall != lt.wall) differ("time_claim.wall", i);
    if (ft.boot_id != lt.boot_id) differ("time_claim.boot_id", i);
    if (ft.monotonic_ms != lt.monotonic_ms) differ("time_claim.monotonic_ms", i);
    if (ft.anchor_server_time != lt.anchor_server_time) differ("time_claim.anchor_server_time", i);
    if (ft.anchor_monotonic_ms != lt.anchor_monotonic_ms) differ("time_claim.anchor_monotonic_ms", i);
    if (fast.hash != full.hash) differ("hash", i);
    // The hashed bytes too: whatever the fast reader hands the verifier must hash the same.
    if (spmis::sync::canonical_bytes(fast) != spmis::sync::canonical_bytes(full))
        differ("canonical bytes", i);
}

void compare(const PushRequest& fast, const PushRequest& full) {
    if (fast.device_id != full.device_id) differ("device_id", 0);
    if (fast.signature_hex != full.signature_hex) differ("signature", 0);
    if (fast.ops.size() != full.ops.size()) differ("number of operations", 0);
    for (std::size_t i = 0; i < fast.ops.size(); ++i) compare_op(fast.ops[i], full.ops[i], i);
}

// The encoder the hash check runs on must write exactly nlohmann's dump of the wire form.
void check_encoding(const PushRequest& request) {
    for (std::size_t i = 0; i < request.ops.size(); ++i) {
        const Operation& op = request.ops[i];
        const std::string dumped =
            spmis::sync::to_json(op).dump(-1, ' ', false, json::error_handler_t::replace);
        if (spmis::sync::wire_text(op) != dumped)
            fail("wire_text differs from nlohmann's dump of to_json", i);
    }
}

// The reference path, as the server takes it for any body the fast reader declines.
std::optional<PushRequest> full_read(std::string_view body) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    auto request = spmis::sync::push_request_from_json(j);
    if (!request.ok()) return std::nullopt;
    return std::move(*request);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    std::optional<PushRequest> fast = spmis::sync::read_push_fast(body);
    std::optional<PushRequest> full = full_read(body);
    if (full) check_encoding(*full);
    if (!fast) return 0;
    if (!full) differ("acceptance (the full parser refuses this body)", 0);
    compare(*fast, *full);
    return 0;
}
