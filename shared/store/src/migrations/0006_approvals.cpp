// Schema 6: approval chains per program and action, approval requests with their chain snapshot,
// the append-only decisions, and delegations of approvals for a date range. Levels are JSON text
// ([{"role"?, "users"?, "permission"?, "required"}]): they are read and written whole.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0006_approvals() {
    static const Migration kMigration{6, "approval chains, requests, decisions, delegations", R"sql(
CREATE TABLE approval_chains (
    program_id BLOB NOT NULL REFERENCES programs(id), action TEXT NOT NULL, levels TEXT NOT NULL,
    updated_by TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (program_id, action)) WITHOUT ROWID;
CREATE TABLE approval_requests (
    id BLOB PRIMARY KEY NOT NULL, program_id BLOB NOT NULL REFERENCES programs(id), action TEXT NOT NULL,
    record_kind TEXT NOT NULL, record_id BLOB NOT NULL, requester TEXT NOT NULL, state TEXT NOT NULL,
    current_level INTEGER NOT NULL, levels TEXT NOT NULL, created_at INTEGER NOT NULL, decided_at INTEGER);
CREATE INDEX approval_requests_state ON approval_requests(state, id);
CREATE INDEX approval_requests_record ON approval_requests(record_id);
CREATE TABLE approval_decisions (
    id BLOB PRIMARY KEY NOT NULL, request_id BLOB NOT NULL REFERENCES approval_requests(id),
    level INTEGER NOT NULL, actor TEXT NOT NULL, on_behalf_of TEXT NOT NULL, verdict TEXT NOT NULL,
    comment TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX approval_decisions_request ON approval_decisions(request_id, id);
CREATE TABLE delegations (
    id BLOB PRIMARY KEY NOT NULL, delegator TEXT NOT NULL, delegate TEXT NOT NULL, from_date TEXT NOT NULL,
    until_date TEXT NOT NULL, reason TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX delegations_delegator ON delegations(delegator);
CREATE INDEX delegations_delegate ON delegations(delegate);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite
