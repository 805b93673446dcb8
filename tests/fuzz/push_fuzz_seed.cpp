// Writes seed push bodies for push_fuzz: valid pushes built with the real encoder (operations of
// every kind, chained, signed with a key generated here and thrown away) and edge cases around what
// the fast reader declines (escapes, unicode, floats, repeated members, trailing text, ...).
// Usage: push_fuzz_seed OUT_DIR

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/messages.hpp"
#include "spmis/sync/protocol.hpp"
#include "spmis/sync/push_read.hpp"

namespace {

using nlohmann::json;
using spmis::new_uuid_v7;
using spmis::Uuid;
using spmis::sync::Operation;

std::string id() { return new_uuid_v7().to_string(); }

// One operation of kind `k` (PROTOCOL.md section 4), unchained.
Operation op_of_kind(int k, const Uuid& device) {
    Operation op;
    op.device_id = device;
    op.record_id = new_uuid_v7();
    op.officer_id = "officer-" + std::to_string(k);
    op.time_claim.wall = *spmis::parse_time("2026-11-21T09:00:00Z");
    op.time_claim.boot_id = "boot-" + std::to_string(k % 3);
    op.time_claim.monotonic_ms = 1'000 * k - 3;
    if (k % 2 == 1) {
        op.time_claim.anchor_server_time = *spmis::parse_time("2026-11-20T23:59:59Z");
        op.time_claim.anchor_monotonic_ms = -k;
    }
    op.routing.service_point = new_uuid_v7();
    if (k % 3 == 0) op.routing.program = new_uuid_v7();
    if (k % 4 == 0) op.routing.household = new_uuid_v7();
    switch (k % 7) {
        case 0:
            op.op_type = "attendance.record";
            op.record_kind = "attendance";
            op.payload = {{"registrant_id", id()}, {"event_id", id()}, {"service_point_id", nullptr}};
            break;
        case 1:
            op.op_type = "redemption.record";
            op.record_kind = "redemption";
            op.payload = {{"entitlement_id", id()},
                          {"quantity_milli", 12'500},
                          {"unit", "kg"},
                          {"collector_name", "Zoë \"Q\" N'Diaye\n"},
                          {"collector_relation", "père"},
                          {"credential_cti", "00ff"}};
            op.base = {{"believed_remaining_milli", 25'000}};
            break;
        case 2:
            op.op_type = "redemption.void";
            op.record_kind = "redemption";
            op.payload = {{"redemption_id", id()}, {"reason", "entered twice \\ by mistake\t"}};
            break;
        case 3:
            op.op_type = "membership.transition";
            op.record_kind = "membership";
            op.payload = {{"membership_id", id()}, {"to", "suspended"}, {"reason", "moved"}};
            op.base = {{"expected_state", "active"}};
            break;
        case 4:
            op.op_type = "registrant.update";
            op.record_kind = "registrant";
            op.payload = {
                {"fields",
                 {{"phone", "+254 700 000"}, {"given_name", std::string("Ama") + '\0' + " \U0001F600"}}}};
            op.base = {{"field_versions", {{"phone", 3}, {"given_name", 0}}}};
            break;
        case 5:
            op.op_type = "registrant.create";
            op.record_kind = "registrant";
            op.payload = {{"given_name", "Kofi"}, {"birthdate", "1990-02-28"}, {"membership_kind", "other"}};
            break;
        default:
            op.op_type = "case.resolve";
            op.record_kind = "reconciliation_case";
            op.payload = {{"case_id", id()},
                          {"decision", {{"kind", "adjust"}, {"amounts", {1, -2, 0, 9'007'199'254'740'993}}}},
                          {"reason", ""}};
            break;
    }
    return op;
}

// A signed push of `n` chained operations starting at kind `first_kind`.
json push_body(int first_kind, int n) {
    const auto keys = spmis::sync::generate_key_pair();
    const Uuid device = new_uuid_v7();
    spmis::sync::ChainTip tip;
    spmis::sync::PushRequest push;
    push.device_id = device;
    for (int i = 0; i < n; ++i) {
        push.ops.push_back(op_of_kind(first_kind + i, device));
        spmis::sync::chain_append(tip, push.ops.back());
    }
    if (!push.ops.empty()) push.signature_hex = spmis::to_hex(sign_batch(keys, push.ops.back()));
    return to_json(push);
}

// `text` with the (scalar) value of the first member `name` replaced by `value`, or "" when absent.
std::string with_value(const std::string& text, const std::string& name, const std::string& value) {
    const std::string key = "\"" + name + "\":";
    const std::size_t start = text.find(key);
    if (start == std::string::npos) return "";
    const std::size_t from = start + key.size();
    const std::size_t to = text[from] == '"' ? text.find('"', from + 1) + 1 : text.find_first_of(",}", from);
    return text.substr(0, from) + value + text.substr(to);
}

// Near misses: one scalar of an otherwise valid body written in a way only one JSON grammar rule
// (or only the full parser) allows, so a fast reader that drifts fails on the seed itself.
void near_misses(const std::string& text, std::vector<std::string>& out) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> edits = {
        {"protocol", {"01", "-0", "1.0", "1e0", "+1", " 1 ", "2", "0"}},
        {"device_seq", {"01", "-0", "0", "1.0", "1E0", "+1", "-1", "18446744073709551616", "\"1\""}},
        {"op_version", {"01", "1.5", "1001", "true"}},
        {"monotonic_ms", {"-0", "00", "-9223372036854775809", "null"}},
        {"anchor_monotonic_ms", {"null", "01", "\"1\""}},
        {"anchor_server_time", {"null", "\"2026-11-20T23:59:59.5Z\"", "\"2026-11-20 23:59:59Z\""}},
        {"officer_id", {"\"a\\/b\"", "\"\\u0041\"", "\"\\n\"", "\"\xc3\xa9\"", "\"\x7f\"", "\"\"", "null"}},
        {"op_type", {"\"attendance.record\\t\"", "\"\\\"\""}},
        {"signature", {"\"\\/\"", "\"ab\\u0063d\"", "\"\\\\\"", "1"}},
        {"boot_id", {"\"\\b\"", "\"\xf0\x9f\x98\x80\"", "\"\xff\""}},
        {"service_point", {"null", "\"\"", "\"01a200a3-2CCE-701f-9422-28d52cfa8678\""}},
        {"prev_hash", {"\"" + std::string(64, 'A') + "\"", "\"" + std::string(63, '0') + "\""}},
    };
    for (const auto& [name, values] : edits) {
        for (const auto& value : values) {
            std::string body = with_value(text, name, value);
            if (!body.empty()) out.push_back(std::move(body));
        }
    }
}

// Bodies just beside the usual shape: some the fast reader must decline, some both paths refuse.
std::vector<std::string> edge_cases(const json& good) {
    const std::string text = good.dump();
    std::vector<std::string> out = {
        text + " trailing",
        text + "\n",
        "\xEF\xBB\xBF" + text,
        "{\"protocol\":1,\"protocol\":1," + text.substr(1),
        "{\"protocol\":-0}",
        "{\"protocol\":01}",
        "{\"protocol\":1.0}",
        "{\"protocol\":1e0}",
        "[]",
        "",
        "{\"protocol\":1,\"device_id\":\"" + id() + "\",\"ops\":[],\"signature\":\"\"}"};
    auto with = [&](auto change) {
        json j = good;
        change(j);
        out.push_back(j.dump());
    };
    with([](json& j) { j["ops"][0]["officer_id"] = "esc\"aped\u00e9"; });
    with([](json& j) { j["ops"][0]["payload"]["ratio"] = 0.5; });
    with([](json& j) { j["ops"][0]["payload"]["big"] = 18'446'744'073'709'551'615ULL; });
    with([](json& j) { j["ops"][0]["device_seq"] = 9'223'372'036'854'775'807LL; });
    with([](json& j) { j["ops"][0]["time_claim"]["monotonic_ms"] = INT64_MIN; });
    with([](json& j) { j["ops"][0]["time_claim"]["anchor_server_time"] = nullptr; });
    with([](json& j) { j["ops"][0]["routing"].erase("cycle"); });
    with([](json& j) { j["ops"][0]["routing"]["galaxy"] = nullptr; });
    with([](json& j) { j["ops"][0]["surprise"] = 1; });
    with([](json& j) { j["extra"] = true; });
    with([](json& j) {
        j["ops"][0]["base"] = {{"deep", {{"a", {{"b", {{"c", json::array({json::array()})}}}}}}}};
    });
    // Around the nesting limit (the operation is level 1, its payload level 2).
    for (int levels : {spmis::sync::kOperationMaxDepth - 2, spmis::sync::kOperationMaxDepth - 1}) {
        json deep = json::array();
        for (int i = 1; i < levels; ++i) deep = json::array({deep});
        with([&](json& j) { j["ops"][0]["payload"]["deep"] = deep; });
    }
    // Escaped keys, and a payload string holding brackets and escaped quotes.
    std::string escaped = text;
    escaped.replace(escaped.find("\"signature\""), 11, "\"sign\\u0061ture\"");
    out.push_back(escaped);
    with([](json& j) { j["ops"][0]["payload"]["note"] = "}]{[\\\"\\"; });
    out.push_back(good.dump(4, '\t'));
    near_misses(text, out);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: push_fuzz_seed OUT_DIR\n";
        return 2;
    }
    const std::filesystem::path out_dir = argv[1];
    std::filesystem::create_directories(out_dir);
    std::vector<std::string> bodies;
    for (int kind = 0; kind < 7; ++kind) {
        for (int n : {1, 2, 3, 5}) bodies.push_back(push_body(kind, n).dump(kind % 2 == 0 ? -1 : 1));
    }
    bodies.push_back(push_body(0, 0).dump());
    // The valid bodies must take the fast path, or the fuzzer would start far from the comparison.
    for (const auto& body : bodies) {
        if (!spmis::sync::read_push_fast(body)) {
            std::cerr << "push_fuzz_seed: the fast reader declines a valid body: " << body.substr(0, 200)
                      << "\n";
            return 1;
        }
    }
    const std::size_t valid = bodies.size();
    for (auto& edge : edge_cases(push_body(1, 2))) bodies.push_back(std::move(edge));
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        std::ofstream(out_dir / ("seed_" + std::to_string(i)), std::ios::binary) << bodies[i];
    }
    std::cout << "push_fuzz_seed: wrote " << bodies.size() << " seeds (" << valid << " valid, read fast)\n";
    return 0;
}
