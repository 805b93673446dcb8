#pragma once
// The one way the SQLite backend changes a record's state: read the current state, ask the
// model's state machine, update, run any side effects and append the audit event, all in one
// transaction so the audit trail can never disagree with the data.

#include <functional>
#include <string>

#include "repositories/backend.hpp"
#include "spmis/model/record_json.hpp"
#include "spmis/model/state_machine.hpp"

namespace spmis::store::SPMIS_STORE_NS {

// `table` holds `id` and `state`; `update_sql` binds ?1 id, ?2 new state, ?3 now (micros).
// `side_effect(from)` runs after the update inside the same transaction.
template <typename S>
Status audited_transition(Database& db, const model::StateMachine<S>& machine, const std::string& table,
                          const std::string& update_sql, const Uuid& id, S to, const std::string& actor,
                          const std::string& reason, const std::function<Status(S)>& side_effect = {}) {
    return db.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto state, query_one<std::string>(
                                               db, "SELECT state FROM " + table + " WHERE id = ?",
                                               [](Row& r) { return r.text(); }, id));
        if (!state) {
            return make_error(ErrorCode::kNotFound,
                              std::string(machine.record_kind()) + " " + id.to_string() + " does not exist");
        }
        SPMIS_ASSIGN_OR_RETURN(S from, model::parse_enum<S>(*state));
        SPMIS_RETURN_IF_ERROR(machine.check(id, from, to));
        SPMIS_RETURN_IF_ERROR(run(db, update_sql, id, to, db.now()));
        if (side_effect) SPMIS_RETURN_IF_ERROR(side_effect(from));
        return db.append_audit(db.audit_event(actor, std::string(machine.record_kind()), id, "transition",
                                              model::state_json(model::to_string(from)),
                                              model::state_json(model::to_string(to)), reason));
    });
}

}  // namespace spmis::store::SPMIS_STORE_NS
