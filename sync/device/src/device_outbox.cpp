// Device store: the outbox (append inside a domain transaction, push results, summaries).

#include "spmis/sync/device_store.hpp"
#include "sqlite_db.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::as_int;
using device::as_text;
using device::is_null;
using nlohmann::json;

namespace {

Result<OutboxEntry> entry_from_row(const device::Row& r) {
    auto parsed = json::parse(as_text(r[0]), nullptr, false);
    if (parsed.is_discarded()) return make_error(ErrorCode::kCorrupt, "outbox row is not JSON");
    OutboxEntry e;
    SPMIS_ASSIGN_OR_RETURN(e.op, operation_from_json(parsed));
    e.acked = as_text(r[1]) == "acked";
    if (!is_null(r[2])) {
        SPMIS_ASSIGN_OR_RETURN(auto d, disposition_from_string(as_text(r[2])));
        e.disposition = d;
    }
    e.reason = as_text(r[3]);
    for (const auto& c : json::parse(is_null(r[4]) ? "[]" : as_text(r[4]), nullptr, false)) {
        if (auto u = Uuid::parse(c.is_string() ? c.get<std::string>() : ""); u.ok()) e.cases.push_back(*u);
    }
    return e;
}

constexpr char kOutboxColumns[] = "SELECT op_json, status, disposition, reason, cases FROM outbox ";

}  // namespace

Status DeviceStore::check_fail_point(std::string_view point) {
    if (fail_point_ != point) return {};
    fail_point_.clear();
    return make_error(ErrorCode::kStorage, "injected failure at " + std::string(point));
}

Result<Operation> DeviceStore::append_op(Operation op) {
    SPMIS_ASSIGN_OR_RETURN(auto s, state());
    if (!s.enrollment) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "the device is not enrolled yet (run `enroll` first)");
    }
    op.device_id = s.enrollment->device_id;
    op.officer_id = s.officer_id;
    op.time_claim = time_claim();
    ChainTip tip = s.tip;
    chain_append(tip, op);
    SPMIS_RETURN_IF_ERROR(device::discard(
        db_->run("INSERT INTO outbox (device_seq, op_json, hash, op_type, record_id) VALUES (?, ?, ?, ?, ?)",
                 {static_cast<std::int64_t>(op.device_seq), to_json(op).dump(), to_hex(op.hash), op.op_type,
                  op.record_id.to_string()})));
    SPMIS_RETURN_IF_ERROR(
        device::discard(db_->run("UPDATE device_state SET tip_seq = ?, tip_hash = ? WHERE id = 1",
                                 {static_cast<std::int64_t>(tip.seq), to_hex(tip.hash)})));
    return op;
}

Result<std::vector<Operation>> DeviceStore::pending_ops(std::size_t limit) const {
    SPMIS_ASSIGN_OR_RETURN(auto rows, db_->query("SELECT op_json FROM outbox WHERE status = 'pending' "
                                                 "ORDER BY device_seq LIMIT ?",
                                                 {static_cast<std::int64_t>(limit)}));
    std::vector<Operation> ops;
    for (const auto& r : rows) {
        auto parsed = json::parse(as_text(r[0]), nullptr, false);
        SPMIS_ASSIGN_OR_RETURN(auto op, operation_from_json(parsed));
        ops.push_back(std::move(op));
    }
    return ops;
}

Result<std::vector<OutboxEntry>> DeviceStore::outbox() const {
    SPMIS_ASSIGN_OR_RETURN(auto rows, db_->query(std::string(kOutboxColumns) + "ORDER BY device_seq"));
    std::vector<OutboxEntry> out;
    for (const auto& r : rows) {
        SPMIS_ASSIGN_OR_RETURN(auto e, entry_from_row(r));
        out.push_back(std::move(e));
    }
    return out;
}

Status DeviceStore::record_push_results(const PushResponse& response) {
    device::Transaction tx(*db_);
    SPMIS_RETURN_IF_ERROR(tx.begun());
    for (const auto& r : response.results) {
        json cases = json::array();
        for (const auto& c : r.cases) cases.push_back(c.to_string());
        // A replay carries the first answer, which the device keeps when it never got it (a crash
        // after the server committed); a replayed answer never hides the first answer already stored.
        const Disposition kept =
            r.disposition == Disposition::kDuplicate && r.first ? *r.first : r.disposition;
        SPMIS_RETURN_IF_ERROR(device::discard(
            db_->run("UPDATE outbox SET disposition = ?, reason = ?, cases = ? WHERE device_seq = ? AND "
                     "NOT (? = 'duplicate' AND disposition IS NOT NULL)",
                     {to_string(kept), r.reason, cases.dump(), static_cast<std::int64_t>(r.device_seq),
                      to_string(r.disposition)})));
    }
    auto acked = static_cast<std::int64_t>(response.acked_seq);
    // Only what the server says it committed durably counts as acknowledged.
    SPMIS_RETURN_IF_ERROR(device::discard(db_->run(
        "UPDATE outbox SET status = 'acked' WHERE device_seq <= ? AND status = 'pending'", {acked})));
    SPMIS_RETURN_IF_ERROR(device::discard(
        db_->run("UPDATE device_state SET acked_seq = MAX(acked_seq, ?) WHERE id = 1", {acked})));
    return tx.commit();
}

Status DeviceStore::mark_pending_above(std::uint64_t server_acked) {
    device::Transaction tx(*db_);
    SPMIS_RETURN_IF_ERROR(tx.begun());
    auto acked = static_cast<std::int64_t>(server_acked);
    SPMIS_RETURN_IF_ERROR(
        device::discard(db_->run("UPDATE outbox SET status = 'pending' WHERE device_seq > ?", {acked})));
    SPMIS_RETURN_IF_ERROR(
        device::discard(db_->run("UPDATE outbox SET status = 'acked' WHERE device_seq <= ?", {acked})));
    SPMIS_RETURN_IF_ERROR(
        device::discard(db_->run("UPDATE device_state SET acked_seq = ? WHERE id = 1", {acked})));
    return tx.commit();
}

Result<OutboxSummary> DeviceStore::outbox_summary() const {
    OutboxSummary s;
    SPMIS_ASSIGN_OR_RETURN(auto counts, db_->query("SELECT status, COUNT(*) FROM outbox GROUP BY status"));
    for (const auto& r : counts) (as_text(r[0]) == "acked" ? s.acked : s.pending) = as_int(r[1]);
    SPMIS_ASSIGN_OR_RETURN(
        auto rows,
        db_->query(std::string(kOutboxColumns) +
                   "WHERE (disposition IN ('accepted_flagged', 'rejected') OR "
                   "(disposition = 'duplicate' AND (reason <> '' OR cases <> '[]'))) "
                   // Flagged for cases the server has all closed: nothing left to do.
                   "AND NOT (cases <> '[]' AND NOT EXISTS (SELECT 1 FROM json_each(outbox.cases) c "
                   "LEFT JOIN case_status s ON s.id = c.value WHERE s.status IS NULL OR "
                   "s.status = 'open')) "
                   "ORDER BY device_seq"));
    for (const auto& r : rows) {
        SPMIS_ASSIGN_OR_RETURN(auto e, entry_from_row(r));
        s.attention.push_back(std::move(e));
    }
    return s;
}

}  // namespace spmis::sync
