#include "spmis/sync/operation.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include "canonical_json.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

constexpr char kHashDomain[] = "spmis-op-v1";

json optional_uuid(const std::optional<Uuid>& id) { return id ? json(id->to_string()) : json(nullptr); }

json time_claim_json(const TimeClaim& t) {
    json j = {{"wall", format_time(t.wall)}, {"boot_id", t.boot_id}, {"monotonic_ms", t.monotonic_ms}};
    if (t.anchor_server_time) j["anchor_server_time"] = format_time(*t.anchor_server_time);
    if (t.anchor_monotonic_ms) j["anchor_monotonic_ms"] = *t.anchor_monotonic_ms;
    return j;
}

json without_hash(const Operation& op) {
    return {{"device_id", op.device_id.to_string()},
            {"device_seq", op.device_seq},
            {"prev_hash", to_hex(op.prev_hash)},
            {"op_type", op.op_type},
            {"op_version", op.op_version},
            {"record_kind", op.record_kind},
            {"record_id", op.record_id.to_string()},
            {"routing",
             {{"service_point", optional_uuid(op.routing.service_point)},
              {"program", optional_uuid(op.routing.program)},
              {"cycle", optional_uuid(op.routing.cycle)},
              {"household", optional_uuid(op.routing.household)}}},
            {"payload", op.payload},
            {"base", op.base},
            {"officer_id", op.officer_id},
            {"time_claim", time_claim_json(op.time_claim)}};
}

void append_optional_uuid(std::string& out, const std::optional<Uuid>& id) {
    if (id) {
        out.push_back('"');
        out += id->to_string();
        out.push_back('"');
    } else {
        out.append("null");
    }
}

void append_time_claim(std::string& out, const TimeClaim& t) {
    using namespace canonical;
    out.push_back('{');
    if (t.anchor_monotonic_ms) {
        append_key(out, "anchor_monotonic_ms");
        append_integer(out, *t.anchor_monotonic_ms);
        out.push_back(',');
    }
    if (t.anchor_server_time) {
        append_key(out, "anchor_server_time");
        append_string(out, format_time(*t.anchor_server_time));
        out.push_back(',');
    }
    append_key(out, "boot_id");
    append_string(out, t.boot_id);
    out.push_back(',');
    append_key(out, "monotonic_ms");
    append_integer(out, t.monotonic_ms);
    out.push_back(',');
    append_key(out, "wall");
    append_string(out, format_time(t.wall));
    out.push_back('}');
}

// The members of without_hash(op) (plus `hash` when asked) in sorted key order, written directly:
// the same bytes as dumping the tree, at a fraction of the cost (no tree, no map, no copies).
void encode_into(std::string& out, const Operation& op, bool with_hash) {
    using namespace canonical;
    out.push_back('{');
    append_key(out, "base");
    append_value(out, op.base);
    out.append(",\"device_id\":\"");
    out += op.device_id.to_string();
    out.append("\",\"device_seq\":");
    append_unsigned(out, op.device_seq);
    if (with_hash) {
        out.append(",\"hash\":\"");
        out += to_hex(op.hash);
        out.push_back('"');
    }
    out.append(",\"officer_id\":");
    append_string(out, op.officer_id);
    out.append(",\"op_type\":");
    append_string(out, op.op_type);
    out.append(",\"op_version\":");
    append_integer(out, op.op_version);
    out.append(",\"payload\":");
    append_value(out, op.payload);
    out.append(",\"prev_hash\":\"");
    out += to_hex(op.prev_hash);
    out.append("\",\"record_id\":\"");
    out += op.record_id.to_string();
    out.append("\",\"record_kind\":");
    append_string(out, op.record_kind);
    out.append(",\"routing\":{\"cycle\":");
    append_optional_uuid(out, op.routing.cycle);
    out.append(",\"household\":");
    append_optional_uuid(out, op.routing.household);
    out.append(",\"program\":");
    append_optional_uuid(out, op.routing.program);
    out.append(",\"service_point\":");
    append_optional_uuid(out, op.routing.service_point);
    out.append("},\"time_claim\":");
    append_time_claim(out, op.time_claim);
    out.push_back('}');
}

std::string encode(const Operation& op, bool with_hash) {
    std::string out;
    out.reserve(640);
    encode_into(out, op, with_hash);
    return out;
}

}  // namespace

Result<Hash> hash_from_hex(const std::string& text) {
    return from_hex_exact<32>(text, "hash", HexCase::kLowerOnly);
}

json to_json(const Operation& op) {
    json j = without_hash(op);
    j["hash"] = to_hex(op.hash);
    return j;
}

std::string wire_text(const Operation& op) { return encode(op, true); }

std::string canonical_bytes(const Operation& op) { return encode(op, false); }

Hash compute_hash(const Operation& op) {
    // One buffer, one digest call: OpenSSL's SHA-256 uses the CPU's SHA extensions where present
    // (fetched once; libsodium computes the same digest should OpenSSL fail).
    static const EVP_MD* const kSha256 = [] {
        const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
        return md != nullptr ? md : EVP_sha256();
    }();
    std::string message(kHashDomain, sizeof kHashDomain);
    message.reserve(704);
    message.append(reinterpret_cast<const char*>(op.prev_hash.data()), op.prev_hash.size());
    encode_into(message, op, false);
    Hash out{};
    unsigned int size = 0;
    if (EVP_Digest(message.data(), message.size(), out.data(), &size, kSha256, nullptr) != 1 ||
        size != out.size()) {
        crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(message.data()),
                           message.size());
    }
    return out;
}

void seal(Operation& op) { op.hash = compute_hash(op); }

bool verify_hash(const Operation& op) { return compute_hash(op) == op.hash; }

}  // namespace spmis::sync
