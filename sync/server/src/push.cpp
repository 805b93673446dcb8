// Push: verify the batch (device, signature, chain, contiguity), replay stored answers for what was
// already received, apply what is new in one transaction, answer per operation.

#include <algorithm>

#include "apply.hpp"
#include "spmis/sync/protocol.hpp"
#include "spmis/sync/sync_server.hpp"

namespace spmis::sync {
namespace {

// The answer to an operation received before (SYNC.md: a replay gets the stored answer, marked
// duplicate): the first answer's reason and cases, and its disposition as `first`, so nothing is
// counted twice and a device that lost the first answer still learns it.
OpResult replayed_answer(const store::StoredOperation& s) {
    OpResult r{s.device_seq, Disposition::kDuplicate, s.reason, s.case_ids, std::nullopt};
    auto first = disposition_from_string(s.disposition);
    if (first.ok() && *first != Disposition::kDuplicate) r.first = *first;
    return r;
}

store::StoredOperation to_stored(const Operation& op, std::string wire, const OpResult& r,
                                 UtcTime received_at, std::string flags, std::int64_t server_seq) {
    store::StoredOperation s;
    s.server_seq = server_seq;
    s.device_id = op.device_id;
    s.device_seq = op.device_seq;
    s.hash_hex = to_hex(op.hash);
    s.op_type = op.op_type;
    s.record_id = op.record_id;
    s.op_json = std::move(wire);
    s.received_at = received_at;
    s.disposition = to_string(r.disposition);
    s.reason = r.reason;
    s.case_ids = r.cases;
    s.flags = std::move(flags);
    return s;
}

}  // namespace

Status SyncServer::refuse_once(const std::string& type, const std::string& key, const std::string& summary,
                               const Uuid& device_id, std::uint64_t seq) {
    // Raised in its own transaction: the push is refused, but staff must still see it, once.
    return store_.transaction([&]() -> Status {
        store::CaseSubject subject{type, key, summary, std::nullopt, std::nullopt, device_id};
        store::CaseLink link{device_id, device_id, static_cast<std::int64_t>(seq)};
        return store_.cases().raise_case(subject, link).status();
    });
}

Result<SyncServer::DeviceAuth> SyncServer::authenticate_batch(const PushRequest& m) {
    SPMIS_ASSIGN_OR_RETURN(DeviceAuth auth, authenticate(m.device_id));
    for (const auto& op : m.ops) {
        if (op.device_id != m.device_id) {
            return make_error(ErrorCode::kUnauthenticated,
                              "operation " + std::to_string(op.device_seq) + " belongs to another device");
        }
    }
    SPMIS_ASSIGN_OR_RETURN(Signature sig, signature_from_hex(m.signature_hex));
    if (!verify_batch(auth.key, m.ops.back(), sig)) {
        return make_error(ErrorCode::kUnauthenticated,
                          "batch signature does not verify for device " + m.device_id.to_string());
    }
    return auth;
}

Result<PushResponse> SyncServer::push(const nlohmann::json& request) {
    SPMIS_ASSIGN_OR_RETURN(PushRequest m, push_request_from_json(request));
    SPMIS_ASSIGN_OR_RETURN(PreparedPush prepared, prepare_push(std::move(m)));
    return apply_push(prepared);
}

Result<PushResponse> SyncServer::apply_push(const PreparedPush& prepared) {
    const std::size_t n = prepared.request.ops.size();
    SPMIS_RETURN_IF_ERROR(check_push_size(n));
    if (prepared.hash_ok.size() != n || prepared.wire.size() != n)
        return make_error(ErrorCode::kInvalidArgument, "the push was not prepared by prepare_push");
    SPMIS_ASSIGN_OR_RETURN(DeviceAuth auth, authenticate_batch(prepared.request));
    return push_verified(auth, prepared, 0, prepared.request.ops.size());
}

Result<PushResponse> SyncServer::import_bundle(const nlohmann::json& bundle, std::size_t slice) {
    slice = std::clamp<std::size_t>(slice, 1, tuning::kPushMaxOperations);
    SPMIS_ASSIGN_OR_RETURN(PushRequest m, push_request_from_json(bundle));
    if (m.ops.empty()) return make_error(ErrorCode::kInvalidArgument, "the bundle holds no operations");
    const PreparedPush prepared = prepare_operations(std::move(m));
    const PushRequest& request = prepared.request;
    SPMIS_ASSIGN_OR_RETURN(DeviceAuth auth, authenticate_batch(request));
    // The signature covers the last operation, and through the chain every one before it: check the
    // whole chain before any part is applied, then apply it in push-sized slices.
    if (const Status& chain = prepared.chain; !chain.ok()) {
        // Shown to staff once, as a tampered push is.
        const std::string key =
            "tampering:" + request.device_id.to_string() + ":" + to_hex(request.ops.back().hash);
        SPMIS_RETURN_IF_ERROR(
            refuse_once("tampering", key, chain.message(), request.device_id, request.ops.back().device_seq));
        return chain;
    }
    PushResponse all;
    const std::size_t total = request.ops.size();
    for (std::size_t at = 0; at < total; at += slice) {
        // Operations already received (by sync or an earlier import) come back marked duplicate.
        SPMIS_ASSIGN_OR_RETURN(PushResponse part,
                               push_verified(auth, prepared, at, std::min(slice, total - at)));
        all.acked_seq = part.acked_seq;
        for (auto& r : part.results) all.results.push_back(std::move(r));
    }
    return all;
}

Result<PushResponse> SyncServer::push_verified(const DeviceAuth& auth, const PreparedPush& p, std::size_t at,
                                               std::size_t count) {
    const Uuid& device_id = auth.device.id;
    const std::span<const Operation> ops = std::span<const Operation>(p.request.ops).subspan(at, count);
    const std::span<const std::uint8_t> hash_ok = std::span<const std::uint8_t>(p.hash_ok).subspan(at, count);
    PushResponse response;
    UtcTime received_at = clock_.now();
    Status s = store_.transaction([&]() -> Status {
        // Pushes apply one at a time across every server node: the balance and scope checks below
        // read what no other push may change until this one commits.
        SPMIS_RETURN_IF_ERROR(store_.lock_exclusively("sync.push"));
        SPMIS_ASSIGN_OR_RETURN(auto last, store_.operation_log().last_operation(device_id));
        std::uint64_t tip = last ? last->device_seq : 0;
        Hash predecessor{};
        if (last) {
            SPMIS_ASSIGN_OR_RETURN(predecessor, hash_from_hex(last->hash_hex));
        }
        std::size_t first_new = 0;
        for (; first_new < ops.size() && ops[first_new].device_seq <= tip; ++first_new) {
            const Operation& op = ops[first_new];
            SPMIS_ASSIGN_OR_RETURN(auto stored,
                                   store_.operation_log().get_operation(device_id, op.device_seq));
            if (!stored || stored->hash_hex != to_hex(op.hash)) {
                return make_error(ErrorCode::kConflict, "fork: device " + device_id.to_string() +
                                                            " sent different content for sequence " +
                                                            std::to_string(op.device_seq));
            }
            response.results.push_back(replayed_answer(*stored));
        }
        std::span<const Operation> fresh = ops.subspan(first_new);
        if (!fresh.empty() && fresh.front().device_seq != tip + 1) {
            return make_error(ErrorCode::kFailedPrecondition, "gap: expected sequence " +
                                                                  std::to_string(tip + 1) + ", got " +
                                                                  std::to_string(fresh.front().device_seq));
        }
        // The content hashes were checked by prepare, off the store lock.
        SPMIS_RETURN_IF_ERROR(verify_chain(fresh, predecessor, hash_ok.subspan(first_new)));
        Date today = date_of(received_at);
        // One clock update for the batch: every new operation gets its own stamp from the block.
        std::int64_t server_seq = 0;
        if (!fresh.empty()) {
            SPMIS_ASSIGN_OR_RETURN(server_seq, store_.operation_log().reserve_server_seqs(
                                                   static_cast<std::int64_t>(fresh.size())));
        }
        server::PushMemo memo;
        for (std::size_t i = first_new; i < ops.size(); ++i) {
            const Operation& op = ops[i];
            server::ApplyContext ctx{store_, auth.device.service_point_ids,          op,
                                     today,  op.officer_id + "@" + auth.device.name, &memo};
            SPMIS_ASSIGN_OR_RETURN(OpResult r, server::apply_operation(ctx));
            std::string flags;
            if (auto skew = clock_skew(op.time_claim, received_at)) {
                flags = "clock_skew";
                CaseRequest c{"clock_skew", "clock_skew:" + op.device_id.to_string(), *skew};
                SPMIS_ASSIGN_OR_RETURN(Uuid id, server::raise(ctx, c, std::nullopt, op.device_id));
                r.cases.push_back(id);
                if (r.disposition == Disposition::kAccepted) r.disposition = Disposition::kAcceptedFlagged;
                r.reason += (r.reason.empty() ? "" : "; ") + *skew;
            }
            SPMIS_RETURN_IF_ERROR(
                store_.operation_log()
                    .insert_operation(to_stored(op, p.wire[at + i], r, received_at, flags, server_seq++))
                    .status());
            response.results.push_back(std::move(r));
        }
        response.acked_seq = fresh.empty() ? tip : fresh.back().device_seq;
        return {};
    });
    if (s.code() == ErrorCode::kConflict || s.code() == ErrorCode::kCorrupt) {
        // Forks and tampering are refused and shown to staff exactly once per offending content.
        const Operation& last = ops.back();
        std::string type = s.code() == ErrorCode::kConflict ? "fork" : "tampering";
        SPMIS_RETURN_IF_ERROR(refuse_once(type, type + ":" + device_id.to_string() + ":" + to_hex(last.hash),
                                          s.message(), device_id, last.device_seq));
    }
    SPMIS_RETURN_IF_ERROR(s);
    return response;
}

}  // namespace spmis::sync
