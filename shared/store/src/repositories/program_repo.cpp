#include "repositories/approval_repo.hpp"
#include "repositories/repositories.hpp"
#include "repositories/transition.hpp"
#include "spmis/model/cycle_machine.hpp"
#include "spmis/model/membership_machine.hpp"
#include "spmis/model/program_machine.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

using model::CycleState;
using model::MembershipState;
using Variable = std::pair<std::string, std::string>;

const std::string kProgramSelect =
    "SELECT id, code, name, target, state, eligibility_cel, compliance_cel, kind, rule_kind, rule_fixed, "
    "rule_cel, currency, item, quantity, unit, created_at FROM programs ";
const std::string kMembershipSelect =
    std::string("SELECT ") + kMembershipColumns + " FROM program_memberships ";
const std::string kCycleSelect =
    "SELECT id, program_id, sequence, name, start_date, end_date, budget_minor, budget_currency, state, "
    "created_at FROM cycles ";

model::Program read_program(Row& r) {
    model::Program p;
    p.id = r.uuid();
    p.code = r.text();
    p.name = r.text();
    p.target = enumeration<model::TargetType>(r);
    p.state = enumeration<model::ProgramState>(r);
    p.eligibility_cel = r.text();
    p.compliance_cel = r.text();
    p.kind = enumeration<model::EntitlementKind>(r);
    p.rule.kind = enumeration<model::AmountRuleKind>(r);
    p.rule.fixed_value = r.i64();
    p.rule.cel = r.text();
    p.currency = r.text();
    p.item = r.text();
    p.quantity = r.f64();
    p.unit = r.text();
    p.created_at = r.time();
    return p;
}

model::Cycle read_cycle(Row& r) {
    model::Cycle c;
    c.id = r.uuid();
    c.program_id = r.uuid();
    c.sequence = r.i32();
    c.name = r.text();
    c.start_date = r.date();
    c.end_date = r.date();
    c.budget = r.money();
    c.state = enumeration<CycleState>(r);
    c.created_at = r.time();
    return c;
}

}  // namespace

const char* const kMembershipColumns =
    "id, program_id, registrant_id, state, enrollment_date, exit_date, created_at, updated_at";

model::ProgramMembership read_membership(Row& r) {
    model::ProgramMembership m;
    m.id = r.uuid();
    m.program_id = r.uuid();
    m.registrant_id = r.uuid();
    m.state = enumeration<MembershipState>(r);
    m.enrollment_date = r.optional<Date>([](Row& x) { return x.date(); });
    m.exit_date = r.optional<Date>([](Row& x) { return x.date(); });
    m.created_at = r.time();
    m.updated_at = r.time();
    return m;
}

Status SqlPrograms::insert_program(const model::Program& p) {
    return db_.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(run(
            db_,
            "INSERT INTO programs (id, code, name, target, state, eligibility_cel, "
            "compliance_cel, kind, rule_kind, rule_fixed, rule_cel, currency, item, quantity, "
            "unit, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            p.id, p.code, p.name, p.target, p.state, p.eligibility_cel, p.compliance_cel, p.kind, p.rule.kind,
            p.rule.fixed_value, p.rule.cel, p.currency, p.item, p.quantity, p.unit, p.created_at));
        for (const auto& [name, cel] : p.variables) {
            SPMIS_RETURN_IF_ERROR(run(db_,
                                      "INSERT INTO program_variables (program_id, name, cel) VALUES (?,?,?)",
                                      p.id, name, cel));
        }
        return {};
    });
}

Result<std::vector<model::Program>> SqlPrograms::with_variables(Result<std::vector<model::Program>> rows) {
    if (!rows.ok()) return rows;
    for (auto& p : *rows) {
        SPMIS_ASSIGN_OR_RETURN(auto vars,
                               query<Variable>(
                                   db_, "SELECT name, cel FROM program_variables WHERE program_id = ?",
                                   [](Row& r) {
                                       std::string name = r.text();
                                       return std::pair{name, r.text()};
                                   },
                                   p.id));
        p.variables = std::map<std::string, std::string>(vars.begin(), vars.end());
    }
    return rows;
}

Result<model::Program> SqlPrograms::get_program(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(auto rows, with_variables(query<model::Program>(
                                          db_, kProgramSelect + "WHERE id = ?", read_program, id)));
    if (rows.empty())
        return make_error(ErrorCode::kNotFound, "program " + id.to_string() + " does not exist");
    return std::move(rows.front());
}

Result<std::optional<model::Program>> SqlPrograms::find_program_by_code(const std::string& code) {
    SPMIS_ASSIGN_OR_RETURN(auto rows, with_variables(query<model::Program>(
                                          db_, kProgramSelect + "WHERE code = ?", read_program, code)));
    if (rows.empty()) return std::optional<model::Program>{};
    return std::optional<model::Program>(std::move(rows.front()));
}

Result<std::vector<model::Program>> SqlPrograms::list_programs() {
    return with_variables(query<model::Program>(db_, kProgramSelect + "ORDER BY code", read_program));
}

Status SqlPrograms::transition_program(const Uuid& id, model::ProgramState to, const std::string& actor,
                                       const std::string& reason) {
    return audited_transition<model::ProgramState>(db_, model::program_machine(), "programs",
                                                   "UPDATE programs SET state = ?2 WHERE id = ?1", id, to,
                                                   actor, reason);
}

Status SqlPrograms::insert_membership(const model::ProgramMembership& m) {
    return run(
        db_,
        "INSERT INTO program_memberships (id, program_id, registrant_id, state, enrollment_date, exit_date, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
        m.id, m.program_id, m.registrant_id, m.state, m.enrollment_date, m.exit_date, m.created_at,
        m.updated_at);
}

Result<model::ProgramMembership> SqlPrograms::get_membership(const Uuid& id) {
    return get_by_id<model::ProgramMembership>(db_, kMembershipSelect + "WHERE id = ?", read_membership,
                                               "program_membership", id);
}

Result<std::optional<model::ProgramMembership>> SqlPrograms::find_membership(const Uuid& program_id,
                                                                             const Uuid& registrant_id) {
    return query_one<model::ProgramMembership>(
        db_, kMembershipSelect + "WHERE program_id = ? AND registrant_id = ?", read_membership, program_id,
        registrant_id);
}

Result<std::vector<model::ProgramMembership>> SqlPrograms::list_memberships(const Uuid& program_id) {
    return query<model::ProgramMembership>(db_, kMembershipSelect + "WHERE program_id = ? ORDER BY id",
                                           read_membership, program_id);
}

Result<std::vector<model::ProgramMembership>> SqlPrograms::list_memberships_of(const Uuid& registrant_id) {
    return query<model::ProgramMembership>(db_, kMembershipSelect + "WHERE registrant_id = ? ORDER BY id",
                                           read_membership, registrant_id);
}

Status SqlPrograms::transition_membership(const Uuid& id, MembershipState to, const std::string& actor,
                                          const std::string& reason) {
    auto stamp_dates = [&](MembershipState) -> Status {
        const char* column = to == MembershipState::kEnrolled ? "enrollment_date"
                             : to == MembershipState::kExited ? "exit_date"
                                                              : nullptr;
        if (column == nullptr) return {};
        return run(db_,
                   std::string("UPDATE program_memberships SET ") + column + " = coalesce(" + column +
                       ", ?2) WHERE id = ?1",
                   id, date_of(db_.now()));
    };
    return audited_transition<MembershipState>(
        db_, model::membership_machine(), "program_memberships",
        "UPDATE program_memberships SET state = ?2, updated_at = ?3 WHERE id = ?1", id, to, actor, reason,
        stamp_dates);
}

Status SqlPrograms::insert_cycle(const model::Cycle& c) {
    return run(db_,
               "INSERT INTO cycles (id, program_id, sequence, name, start_date, end_date, budget_minor, "
               "budget_currency, state, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
               c.id, c.program_id, c.sequence, c.name, c.start_date, c.end_date, c.budget.minor_units,
               c.budget.currency, c.state, c.created_at, c.created_at);
}

Result<model::Cycle> SqlPrograms::get_cycle(const Uuid& id) {
    return get_by_id<model::Cycle>(db_, kCycleSelect + "WHERE id = ?", read_cycle, "cycle", id);
}

Result<std::vector<model::Cycle>> SqlPrograms::list_cycles(const Uuid& program_id) {
    return query<model::Cycle>(db_, kCycleSelect + "WHERE program_id = ? ORDER BY sequence", read_cycle,
                               program_id);
}

Status SqlPrograms::transition_cycle(const Uuid& id, CycleState to, const std::string& actor,
                                     const std::string& reason) {
    return audited_transition<CycleState>(db_, model::cycle_machine(), "cycles",
                                          "UPDATE cycles SET state = ?2, updated_at = ?3 WHERE id = ?1", id,
                                          to, actor, reason);
}

}  // namespace spmis::store::SPMIS_STORE_NS
