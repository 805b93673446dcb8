// Set-based entitlement writes: bulk insert, state changes of a whole selection and the payments of
// a batch. Each keeps the per-record contract of the single-row path (state machine, an audit event
// in every changed record's trail, a distinct sync stamp per row) but runs a few statements in total.

#include "repositories/payment_repo.hpp"
#include "repositories/repositories.hpp"
#include "spmis/model/entitlement_machine.hpp"
#include "spmis/model/record_json.hpp"

namespace spmis::store::SPMIS_STORE_NS {

namespace {

// The audit of one step: one event for the set (kind "entitlements", id the key that chose it) and a
// link from every row of bulk_ids to it, so each record's trail shows the step (migration 14).
Status audit_step(Database& db, const Uuid& key, const std::string& actor, model::EntitlementState from,
                  const EntitlementStep& step, UtcTime at) {
    const std::string set_kind = std::string(model::entitlement_machine().record_kind()) + "s";
    const Uuid event_id = new_uuid_v7();
    SPMIS_RETURN_IF_ERROR(db.append_audit({event_id, actor, set_kind, key, "transition",
                                           model::state_json(model::to_string(from)),
                                           model::state_json(model::to_string(step.to)), step.reason, at}));
    return run(db,
               "INSERT INTO audit_event_records (record_id, event_seq) "
               "SELECT b.id, e.seq FROM bulk_ids b, audit_events e WHERE e.id = ?1",
               event_id);
}

// Moves the entitlements `select_ids` yields (binding ?1 = key, in id order) from `from` through
// `steps`. The ids go through a numbered temp table: one UPDATE stamps each row from one reserved
// block, and each step's audit is one event linked to every id in one INSERT ... SELECT.
Result<std::size_t> bulk_transition(Database& db, const std::string& select_ids, const Uuid& key,
                                    model::EntitlementState from, const std::vector<EntitlementStep>& steps,
                                    const std::string& actor, PhaseTimes* phases = nullptr) {
    const auto lap = [&](const char* name) {
        if (phases != nullptr) phases->lap(name);
    };
    const auto& machine = model::entitlement_machine();
    if (steps.empty()) return make_error(ErrorCode::kInvalidArgument, "a bulk transition needs a step");
    model::EntitlementState state = from;
    for (const auto& step : steps) {
        if (!machine.allows(state, step.to)) {
            return make_error(ErrorCode::kIllegalTransition,
                              "illegal transition of the entitlements of " + key.to_string() + " from '" +
                                  std::string(model::to_string(state)) + "' to '" +
                                  std::string(model::to_string(step.to)) + "'");
        }
        state = step.to;
    }
    std::size_t moved = 0;
    SPMIS_RETURN_IF_ERROR(db.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(db.exec(std::string(kBulkIdsTable) + "; DELETE FROM bulk_ids;"));
        SPMIS_ASSIGN_OR_RETURN(const std::int64_t count,
                               run_counted(db, "INSERT INTO bulk_ids (id) " + select_ids, key));
        lap("collect ids");
        if (count == 0) return Status{};
        SPMIS_ASSIGN_OR_RETURN(std::int64_t first, reserve_stamps(db, count));
        const UtcTime at = db.now();
        SPMIS_ASSIGN_OR_RETURN(
            const std::int64_t updated,
            run_counted(db,
                        "UPDATE entitlements SET state = ?1, updated_at = ?2, server_seq = ?3 + b.n - 1 "
                        "FROM bulk_ids b WHERE entitlements.id = b.id AND entitlements.state = ?4",
                        steps.back().to, at, first, from));
        if (updated != count) {
            return make_error(ErrorCode::kFailedPrecondition,
                              "entitlements changed state during a bulk transition; nothing was changed");
        }
        lap("update entitlements");
        model::EntitlementState before = from;
        for (const auto& step : steps) {
            SPMIS_RETURN_IF_ERROR(audit_step(db, key, actor, before, step, at));
            before = step.to;
        }
        lap("audit rows");
        moved = static_cast<std::size_t>(count);
        return db.exec("DELETE FROM bulk_ids");
    }));
    return moved;
}

std::pair<Money, std::int64_t> read_totals(Row& r) {
    Money m = r.money();
    return {m, r.i64()};
}

}  // namespace

Status SqlDelivery::insert_entitlements(std::span<const model::Entitlement> es) {
    if (es.empty()) return {};
    return db_.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(std::int64_t seq, reserve_stamps(db_, static_cast<std::int64_t>(es.size())));
        SPMIS_ASSIGN_OR_RETURN(
            Statement * st,
            db_.prepare("INSERT INTO entitlements (id, cycle_id, program_id, registrant_id, kind, state, "
                        "amount_minor, currency, item, quantity, unit, service_point_id, voucher_code, "
                        "valid_from, valid_until, created_at, updated_at, server_seq) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        for (const auto& e : es) {
            SPMIS_RETURN_IF_ERROR(st->bind(e.id, e.cycle_id, e.program_id, e.registrant_id, e.kind, e.state,
                                           e.amount.minor_units, e.amount.currency, e.item, e.quantity,
                                           e.unit, e.service_point_id, e.voucher_code, e.valid_from,
                                           e.valid_until, e.created_at, e.created_at, seq++)
                                      .run());
        }
        return Status{};
    });
}

Result<std::size_t> SqlDelivery::transition_cycle_entitlements(const Uuid& cycle_id,
                                                               model::EntitlementState from,
                                                               const std::vector<EntitlementStep>& steps,
                                                               const std::string& actor) {
    const std::string select = "SELECT id FROM entitlements WHERE cycle_id = ?1 AND state = '" +
                               std::string(model::to_string(from)) + "' ORDER BY id";
    return bulk_transition(db_, select, cycle_id, from, steps, actor);
}

Result<BatchPayments> SqlPayments::add_batch_payments(const model::PaymentBatch& batch,
                                                      const std::string& actor, const std::string& reason) {
    BatchPayments out;
    SPMIS_RETURN_IF_ERROR(db_.transaction([&]() -> Status {
        // Payable: approved cash entitlements that no pending or paid payment holds.
        SPMIS_RETURN_IF_ERROR(run(
            db_,
            "INSERT INTO payments (id, batch_id, entitlement_id, amount_minor, currency, status, "
            "provider_reference, failure_reason, updated_at) SELECT spmis_uuid7(), ?1, e.id, e.amount_minor, "
            "e.currency, 'pending', '', '', ?3 FROM entitlements e WHERE e.cycle_id = ?2 AND e.kind = 'cash' "
            "AND e.state = 'approved' AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.entitlement_id = e.id "
            "AND p.status <> 'failed') ORDER BY e.id",
            batch.id, batch.cycle_id, batch.created_at));
        out.phases.lap("insert payments");
        SPMIS_ASSIGN_OR_RETURN(
            out.count,
            bulk_transition(db_,
                            "SELECT entitlement_id FROM payments WHERE batch_id = ?1 ORDER BY entitlement_id",
                            batch.id, model::EntitlementState::kApproved,
                            {{model::EntitlementState::kTransferred, reason}}, actor, &out.phases));
        using Totals = std::pair<Money, std::int64_t>;  // sum, distinct currencies
        SPMIS_ASSIGN_OR_RETURN(auto totals, query_one<Totals>(db_,
                                                              "SELECT COALESCE(SUM(amount_minor), 0), "
                                                              "COALESCE(MIN(currency), ''), COUNT(DISTINCT "
                                                              "currency) FROM payments WHERE batch_id = ?",
                                                              read_totals, batch.id));
        if (totals && totals->second > 1) {
            return make_error(ErrorCode::kFailedPrecondition, "the payable entitlements of cycle " +
                                                                  batch.cycle_id.to_string() +
                                                                  " are in more than one currency");
        }
        if (totals) out.total = totals->first;
        out.phases.lap("totals");
        return Status{};
    }));
    return out;
}

}  // namespace spmis::store::SPMIS_STORE_NS
