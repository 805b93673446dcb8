// Monitoring figures: one SQL aggregate per figure family, grouped in the database rather than
// counted in C++, so a million entitlements cost one scan each.

#include <algorithm>

#include "repositories/payment_repo.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

using CountPair = std::pair<std::int64_t, std::int64_t>;
using CycleStates = std::pair<Uuid, EntitlementStateFigures>;
using CyclePayments = std::pair<Uuid, PaymentFigures>;

// Entitlement states that commit budget: granted and not withdrawn.
constexpr const char* kCommitted = "('approved', 'transferred', 'paid')";

CycleFigures* find_cycle(ProgramFigures& out, const Uuid& id) {
    auto it = std::find_if(out.cycles.begin(), out.cycles.end(),
                           [&](const CycleFigures& c) { return c.cycle_id == id; });
    return it == out.cycles.end() ? nullptr : &*it;
}

}  // namespace

Result<ProgramFigures> SqlMonitoring::program_figures(const Uuid& program_id) {
    SPMIS_ASSIGN_OR_RETURN(auto known, query_one<std::int64_t>(
                                           db_, "SELECT COUNT(*) FROM programs WHERE id = ?",
                                           [](Row& r) { return r.i64(); }, program_id));
    if (known.value_or(0) == 0) {
        return make_error(ErrorCode::kNotFound, "program " + program_id.to_string() + " does not exist");
    }
    ProgramFigures out;
    SPMIS_ASSIGN_OR_RETURN(out.memberships,
                           query<StateCount>(
                               db_,
                               "SELECT state, COUNT(*) FROM program_memberships WHERE program_id = ? "
                               "GROUP BY state ORDER BY state",
                               [](Row& r) {
                                   return StateCount{r.text(), r.i64()};
                               },
                               program_id));
    SPMIS_ASSIGN_OR_RETURN(
        auto coverage,
        query_one<CountPair>(
            db_,
            "SELECT COUNT(*) FILTER (WHERE state IN ('draft', 'enrolled', 'paused', 'exited')), "
            "COUNT(*) FILTER (WHERE state = 'enrolled') FROM program_memberships WHERE program_id = ?",
            [](Row& r) {
                return std::pair{r.i64(), r.i64()};
            },
            program_id));
    out.eligible = coverage->first;
    out.enrolled = coverage->second;
    SPMIS_RETURN_IF_ERROR(add_cycles(program_id, out));
    SPMIS_RETURN_IF_ERROR(add_service_points(program_id, out));
    SPMIS_RETURN_IF_ERROR(add_redemption_days(program_id, out));
    return out;
}

Status SqlMonitoring::add_cycles(const Uuid& program_id, ProgramFigures& out) {
    SPMIS_ASSIGN_OR_RETURN(
        out.cycles,
        query<CycleFigures>(
            db_,
            std::string("SELECT c.id, c.sequence, c.name, c.state, c.budget_minor, c.budget_currency, "
                        "(SELECT COALESCE(SUM(e.amount_minor), 0) FROM entitlements e WHERE "
                        "e.cycle_id = c.id AND e.state IN ") +
                kCommitted + ") FROM cycles c WHERE c.program_id = ? ORDER BY c.sequence",
            [](Row& r) {
                CycleFigures c;
                c.cycle_id = r.uuid();
                c.sequence = r.i32();
                c.name = r.text();
                c.state = r.text();
                c.budget = r.money();
                c.committed_minor = r.i64();
                return c;
            },
            program_id));
    SPMIS_ASSIGN_OR_RETURN(
        auto states,
        query<CycleStates>(
            db_,
            "SELECT cycle_id, state, COUNT(*), SUM(amount_minor), SUM(quantity) FROM entitlements "
            "WHERE program_id = ? GROUP BY cycle_id, state ORDER BY cycle_id, state",
            [](Row& r) {
                Uuid cycle = r.uuid();
                EntitlementStateFigures f{r.text(), r.i64(), r.i64(), r.f64()};
                return std::pair{cycle, f};
            },
            program_id));
    for (auto& [cycle, figures] : states) {
        if (CycleFigures* c = find_cycle(out, cycle)) c->entitlements.push_back(figures);
    }
    SPMIS_ASSIGN_OR_RETURN(
        auto payments, query<CyclePayments>(
                           db_,
                           "SELECT b.cycle_id, COUNT(*) FILTER (WHERE p.status = 'pending'), COUNT(*) FILTER "
                           "(WHERE p.status = 'paid'), "
                           "COUNT(*) FILTER (WHERE p.status = 'failed'), "
                           "SUM(CASE WHEN p.status = 'paid' THEN p.amount_minor ELSE 0 END) FROM payments p "
                           "JOIN payment_batches b ON b.id = p.batch_id JOIN cycles c ON c.id = b.cycle_id "
                           "WHERE c.program_id = ? GROUP BY b.cycle_id",
                           [](Row& r) {
                               Uuid cycle = r.uuid();
                               PaymentFigures f{r.i64(), r.i64(), r.i64(), r.i64()};
                               return std::pair{cycle, f};
                           },
                           program_id));
    for (auto& [cycle, figures] : payments) {
        if (CycleFigures* c = find_cycle(out, cycle)) c->payments = figures;
    }
    return {};
}

Status SqlMonitoring::add_service_points(const Uuid& program_id, ProgramFigures& out) {
    SPMIS_ASSIGN_OR_RETURN(out.service_points, query<ServicePointFigures>(
                                                   db_, R"sql(
WITH entitled AS (
    SELECT service_point_id AS sp, SUM(quantity) AS q FROM entitlements
    WHERE program_id = ?1 AND kind = 'in_kind' AND service_point_id IS NOT NULL
      AND state IN ('approved', 'transferred', 'paid', 'expired')
    GROUP BY service_point_id),
redeemed AS (
    SELECT r.service_point_id AS sp, SUM(r.quantity) AS q FROM redemptions r
    JOIN entitlements e ON e.id = r.entitlement_id
    WHERE e.program_id = ?1 AND e.kind = 'in_kind' AND r.voided_by IS NULL
    GROUP BY r.service_point_id)
SELECT s.id, s.code, COALESCE(entitled.q, 0), COALESCE(redeemed.q, 0) FROM service_points s
LEFT JOIN entitled ON entitled.sp = s.id LEFT JOIN redeemed ON redeemed.sp = s.id
WHERE entitled.sp IS NOT NULL OR redeemed.sp IS NOT NULL ORDER BY s.code)sql",
                                                   [](Row& r) {
                                                       ServicePointFigures f;
                                                       f.service_point_id = r.uuid();
                                                       f.code = r.text();
                                                       f.entitled = r.f64();
                                                       f.redeemed = r.f64();
                                                       return f;
                                                   },
                                                   program_id));
    return {};
}

Status SqlMonitoring::add_redemption_days(const Uuid& program_id, ProgramFigures& out) {
    // `at` is microseconds since the epoch; the day is the UTC day of the hand-over.
    static const std::string kSql = "SELECT " + day_of_micros("r.at") + R"sql( AS day, COUNT(*),
    CAST(ROUND(SUM(r.quantity) * 1000) AS BIGINT)
FROM redemptions r JOIN entitlements e ON e.id = r.entitlement_id
WHERE e.program_id = ?1 AND r.voided_by IS NULL GROUP BY day ORDER BY day)sql";
    SPMIS_ASSIGN_OR_RETURN(out.redemptions_per_day, query<RedemptionDay>(
                                                        db_, kSql,
                                                        [](Row& r) {
                                                            RedemptionDay d;
                                                            d.date = r.text();
                                                            d.count = r.i64();
                                                            d.quantity_milli = r.i64();
                                                            return d;
                                                        },
                                                        program_id));
    return {};
}

}  // namespace spmis::store::SPMIS_STORE_NS
