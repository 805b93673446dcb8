// Schema 10: the memberships an enrollment approval request covers (one request per verify run
// when the program has an enrollment chain), and the lookup of a program's pending requests.

#include "sqlite/migrations.hpp"

namespace spmis::store::sqlite {

const Migration& migration_0010_enrollment_approvals() {
    static const Migration kMigration{10, "memberships covered by enrollment approval requests", R"sql(
CREATE TABLE approval_request_memberships (
    request_id BLOB NOT NULL REFERENCES approval_requests(id),
    membership_id BLOB NOT NULL REFERENCES program_memberships(id),
    PRIMARY KEY (request_id, membership_id)) WITHOUT ROWID;
CREATE INDEX approval_request_memberships_membership ON approval_request_memberships(membership_id);
CREATE INDEX approval_requests_program ON approval_requests(program_id, state);
)sql"};
    return kMigration;
}

}  // namespace spmis::store::sqlite
