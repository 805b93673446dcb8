// Device store: the outbox (append inside a domain transaction, push results, summaries).

#include "spmis/sync/device_store.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::query;
using device::Row;
using device::run;
using nlohmann::json;

namespace {

using StatusCount = std::pair<std::string, std::int64_t>;

// An outbox row as stored (kOutboxColumns); entry_from_row parses it.
struct OutboxRow {
    std::string op_json, status;
    std::optional<std::string> disposition;
    std::string reason;
    std::optional<std::string> cases;
};

OutboxRow read_outbox_row(Row& r) {
    OutboxRow o;
    o.op_json = r.text();
    o.status = r.text();
    o.disposition = r.optional<std::string>(device::read_text);
    o.reason = r.text();
    o.cases = r.optional<std::string>(device::read_text);
    return o;
}

Result<OutboxEntry> entry_from_row(const OutboxRow& r) {
    auto parsed = json::parse(r.op_json, nullptr, false);
    if (parsed.is_discarded()) return make_error(ErrorCode::kCorrupt, "outbox row is not JSON");
    OutboxEntry e;
    SPMIS_ASSIGN_OR_RETURN(e.op, operation_from_json(parsed));
    e.acked = r.status == "acked";
    if (r.disposition) {
        SPMIS_ASSIGN_OR_RETURN(auto d, disposition_from_string(*r.disposition));
        e.disposition = d;
    }
    e.reason = r.reason;
    for (const auto& c : json::parse(r.cases.value_or("[]"), nullptr, false)) {
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
    SPMIS_RETURN_IF_ERROR(
        run(*db_, "INSERT INTO outbox (device_seq, op_json, hash, op_type, record_id) VALUES (?, ?, ?, ?, ?)",
            static_cast<std::int64_t>(op.device_seq), to_json(op).dump(), to_hex(op.hash), op.op_type,
            op.record_id.to_string()));
    SPMIS_RETURN_IF_ERROR(run(*db_, "UPDATE device_state SET tip_seq = ?, tip_hash = ? WHERE id = 1",
                              static_cast<std::int64_t>(tip.seq), to_hex(tip.hash)));
    return op;
}

Result<std::vector<Operation>> DeviceStore::pending_ops(std::size_t limit) const {
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           query<std::string>(*db_,
                                              "SELECT op_json FROM outbox WHERE status = 'pending' "
                                              "ORDER BY device_seq LIMIT ?",
                                              device::read_text, static_cast<std::int64_t>(limit)));
    std::vector<Operation> ops;
    for (const auto& r : rows) {
        auto parsed = json::parse(r, nullptr, false);
        SPMIS_ASSIGN_OR_RETURN(auto op, operation_from_json(parsed));
        ops.push_back(std::move(op));
    }
    return ops;
}

Result<std::vector<OutboxEntry>> DeviceStore::outbox() const {
    SPMIS_ASSIGN_OR_RETURN(
        auto rows,
        query<OutboxRow>(*db_, std::string(kOutboxColumns) + "ORDER BY device_seq", read_outbox_row));
    std::vector<OutboxEntry> out;
    for (const auto& r : rows) {
        SPMIS_ASSIGN_OR_RETURN(auto e, entry_from_row(r));
        out.push_back(std::move(e));
    }
    return out;
}

Status DeviceStore::record_push_results(const PushResponse& response) {
    return db_->transaction([&]() -> Status {
        for (const auto& r : response.results) {
            json cases = json::array();
            for (const auto& c : r.cases) cases.push_back(c.to_string());
            // A replay carries the first answer, which the device keeps when it never got it (a crash
            // after the server committed); a replayed answer never hides the first answer already stored.
            const Disposition kept =
                r.disposition == Disposition::kDuplicate && r.first ? *r.first : r.disposition;
            SPMIS_RETURN_IF_ERROR(
                run(*db_,
                    "UPDATE outbox SET disposition = ?, reason = ?, cases = ? WHERE device_seq = ? AND "
                    "NOT (? = 'duplicate' AND disposition IS NOT NULL)",
                    to_string(kept), r.reason, cases.dump(), static_cast<std::int64_t>(r.device_seq),
                    to_string(r.disposition)));
        }
        auto acked = static_cast<std::int64_t>(response.acked_seq);
        // Only what the server says it committed durably counts as acknowledged.
        SPMIS_RETURN_IF_ERROR(run(
            *db_, "UPDATE outbox SET status = 'acked' WHERE device_seq <= ? AND status = 'pending'", acked));
        return run(*db_, "UPDATE device_state SET acked_seq = MAX(acked_seq, ?) WHERE id = 1", acked);
    });
}

Status DeviceStore::mark_pending_above(std::uint64_t server_acked) {
    const auto acked = static_cast<std::int64_t>(server_acked);
    return db_->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(run(*db_, "UPDATE outbox SET status = 'pending' WHERE device_seq > ?", acked));
        SPMIS_RETURN_IF_ERROR(run(*db_, "UPDATE outbox SET status = 'acked' WHERE device_seq <= ?", acked));
        return run(*db_, "UPDATE device_state SET acked_seq = ? WHERE id = 1", acked);
    });
}

Result<OutboxSummary> DeviceStore::outbox_summary() const {
    OutboxSummary s;
    SPMIS_ASSIGN_OR_RETURN(
        auto counts,
        query<StatusCount>(*db_, "SELECT status, COUNT(*) FROM outbox GROUP BY status", [](Row& r) {
            return StatusCount{r.text(), r.i64()};
        }));
    for (const auto& [status, n] : counts) (status == "acked" ? s.acked : s.pending) = n;
    SPMIS_ASSIGN_OR_RETURN(
        auto rows,
        query<OutboxRow>(*db_,
                         std::string(kOutboxColumns) +
                             "WHERE (disposition IN ('accepted_flagged', 'rejected') OR "
                             "(disposition = 'duplicate' AND (reason <> '' OR cases <> '[]'))) "
                             // Flagged for cases the server has all closed: nothing left to do.
                             "AND NOT (cases <> '[]' AND NOT EXISTS (SELECT 1 FROM json_each(outbox.cases) c "
                             "LEFT JOIN case_status s ON s.id = c.value WHERE s.status IS NULL OR "
                             "s.status = 'open')) "
                             "ORDER BY device_seq",
                         read_outbox_row));
    for (const auto& r : rows) {
        SPMIS_ASSIGN_OR_RETURN(auto e, entry_from_row(r));
        s.attention.push_back(std::move(e));
    }
    return s;
}

}  // namespace spmis::sync
