#include "fake_server.hpp"

#include <sodium.h>

#include <algorithm>

#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/request_signature.hpp"

namespace spmis::sync::testing {

using nlohmann::json;

namespace {

Status refused(const std::string& why) { return make_error(ErrorCode::kUnauthenticated, why); }

}  // namespace

Result<std::string> FakeServer::handle(const std::string& endpoint, const std::string& body) {
    auto j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return make_error(ErrorCode::kInvalidArgument, "body is not JSON");
    if (endpoint == "hello") return hello(j);
    if (endpoint == "push") return push(j);
    if (endpoint == "pull") return pull(j);
    return make_error(ErrorCode::kNotFound, "no endpoint " + endpoint);
}

void FakeServer::put_record(const std::string& kind, const Uuid& id, PulledData data) {
    current_[{kind, id.to_string()}] = Version{++seq_, std::move(data)};
}

void FakeServer::remove_record(const std::string& kind, const Uuid& id) {
    current_[{kind, id.to_string()}] = Version{++seq_, std::nullopt};
}

void FakeServer::restore_to(std::uint64_t seq) {
    while (!ops_.empty() && ops_.back().device_seq > seq) {
        results_.erase(ops_.back().device_seq);
        ops_.pop_back();
    }
    epoch += "-restored";
}

std::int64_t FakeServer::remaining_milli(const Uuid& entitlement_id) const {
    auto it = current_.find({"entitlement", entitlement_id.to_string()});
    if (it == current_.end() || !it->second.data) return 0;
    auto r = redeemed_.find(entitlement_id.to_string());
    return std::get<PulledEntitlement>(*it->second.data).quantity_milli -
           (r == redeemed_.end() ? 0 : r->second);
}

void FakeServer::refresh_entitlement(const Uuid& id) {
    auto it = current_.find({"entitlement", id.to_string()});
    if (it == current_.end() || !it->second.data) return;
    PulledEntitlement data = std::get<PulledEntitlement>(*it->second.data);
    data.redeemed_milli = redeemed_[id.to_string()];
    data.remaining_milli = remaining_milli(id);
    put_record("entitlement", id, std::move(data));
}

Result<std::string> FakeServer::hello(const json& body) {
    if (!verify_request(device_key_, "hello", body)) return refused("bad hello signature");
    json copy = body;
    copy.erase("request_sig");
    SPMIS_ASSIGN_OR_RETURN(auto req, hello_request_from_json(copy));
    if (req.device_id != device_id_) return refused("unknown device");
    HelloResponse r;
    r.server_time = from_unix_micros(1'800'000'000'000'000);
    r.epoch = epoch;
    r.acked_seq = ops_.empty() ? 0 : ops_.back().device_seq;
    r.actions = hello_actions;
    return to_json(r).dump();
}

OpResult FakeServer::apply(const Operation& op) {
    ++applied_;
    OpResult r{op.device_seq, Disposition::kAccepted, "", {}, std::nullopt};
    if (op.op_type == "redemption.record") {
        auto eid = Uuid::parse(op.payload.value("entitlement_id", ""));
        std::int64_t q = op.payload.value("quantity_milli", std::int64_t{0});
        if (!eid.ok() || q <= 0)
            return {op.device_seq, Disposition::kRejected, "bad redemption", {}, std::nullopt};
        bool over = remaining_milli(*eid) < q;
        redeemed_[eid->to_string()] += q;
        refresh_entitlement(*eid);
        if (over || op.payload.contains("override_reason")) {
            r.disposition = Disposition::kAcceptedFlagged;
            r.reason = over ? "over_redemption" : "override";
            r.cases.push_back(new_uuid_v7());
        }
    }
    return r;
}

Result<std::string> FakeServer::push(const json& body) {
    SPMIS_ASSIGN_OR_RETURN(auto req, push_request_from_json(body));
    if (req.device_id != device_id_ || req.ops.empty()) return refused("unknown device or empty push");
    SPMIS_ASSIGN_OR_RETURN(auto sig, signature_from_hex(req.signature_hex));
    if (!verify_batch(device_key_, req.ops.back(), sig)) return refused("bad batch signature");
    std::uint64_t first = req.ops.front().device_seq;
    std::uint64_t acked = ops_.empty() ? 0 : ops_.back().device_seq;
    PushResponse resp;
    if (first > acked + 1) {
        resp.acked_seq = acked;  // a gap holds every later operation
        return to_json(resp).dump();
    }
    Hash pred = first == 1 ? Hash{} : ops_[first - 2].hash;
    SPMIS_RETURN_IF_ERROR(verify_chain(req.ops, pred));
    for (const auto& op : req.ops) {
        if (op.device_seq <= acked) {
            if (ops_[op.device_seq - 1].hash != op.hash) return make_error(ErrorCode::kConflict, "fork");
            OpResult replay = results_[op.device_seq];
            replay.disposition = Disposition::kDuplicate;
            resp.results.push_back(replay);
            continue;
        }
        ops_.push_back(op);
        results_[op.device_seq] = apply(op);
        resp.results.push_back(results_[op.device_seq]);
    }
    resp.acked_seq = ops_.back().device_seq;
    return to_json(resp).dump();
}

Result<std::string> FakeServer::pull(const json& body) {
    ++pull_calls_;
    if (!verify_request(device_key_, "pull", body)) return refused("bad pull signature");
    json copy = body;
    copy.erase("request_sig");
    SPMIS_ASSIGN_OR_RETURN(auto req, pull_request_from_json(copy));
    std::vector<PulledRecord> after;
    for (const auto& [key, v] : current_) {
        if (v.server_seq > req.cursor) {
            after.push_back({v.server_seq, key.first, *Uuid::parse(key.second), v.data});
        }
    }
    std::sort(after.begin(), after.end(),
              [](const auto& a, const auto& b) { return a.server_seq < b.server_seq; });
    PullResponse resp;
    resp.next_cursor = std::max(req.cursor, seq_);
    std::int64_t bytes = 0;
    for (std::size_t i = 0; i < after.size(); ++i) {
        auto size = static_cast<std::int64_t>(after[i].data ? encode_pulled(*after[i].data).dump().size()
                                                            : std::size_t{4});
        if (!resp.records.empty() && bytes + size > req.byte_budget) {
            resp.has_more = true;
            resp.next_cursor = resp.records.back().server_seq;
            break;
        }
        bytes += size;
        resp.records.push_back(after[i]);
    }
    std::vector<std::string> lines;
    for (const auto& [key, v] : current_) {
        if (v.server_seq <= resp.next_cursor && v.data) {
            lines.push_back(key.first + ":" + key.second + ":" + std::to_string(v.server_seq) + "\n");
        }
    }
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const auto& l : lines) all += l;
    Hash h{};
    crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(all.data()), all.size());
    resp.scope_count = static_cast<std::int64_t>(lines.size());
    resp.scope_checksum = to_hex(h);
    return to_json(resp).dump();
}

}  // namespace spmis::sync::testing
