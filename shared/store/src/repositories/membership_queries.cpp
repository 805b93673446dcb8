// Membership paging, identities for deduplication, and the transitions that carry data of their
// own (duplicate of, exit date). Part of SqlPrograms.

#include "repositories/repositories.hpp"
#include "repositories/transition.hpp"
#include "spmis/model/membership_machine.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

using model::MembershipState;

const std::string kListingSelect = std::string("SELECT ") + kMembershipColumns +
                                   ", duplicate_of FROM program_memberships WHERE program_id = ?1 ";

MembershipListing read_listing(Row& r) {
    MembershipListing l;
    l.membership = read_membership(r);
    l.duplicate_of = r.optional<Uuid>([](Row& x) { return x.uuid(); });
    return l;
}

// For a group, the personal fields are its head's; the area is the registrant's own when set.
const char* const kIdentitySelect =
    "SELECT m.id, m.registrant_id, m.state, r.created_at, coalesce(h.national_id, r.national_id), "
    "coalesce(h.name, r.name), coalesce(h.birthdate, r.birthdate), coalesce(r.area_id, h.area_id) "
    "FROM program_memberships m JOIN registrants r ON r.id = m.registrant_id "
    "LEFT JOIN group_memberships g ON g.group_id = r.id AND g.kind = 'head' "
    "LEFT JOIN registrants h ON h.id = g.individual_id "
    "WHERE m.program_id = ? ORDER BY r.created_at, r.id";

MembershipIdentity read_identity(Row& r) {
    MembershipIdentity i;
    i.membership_id = r.uuid();
    i.registrant_id = r.uuid();
    i.state = enumeration<MembershipState>(r);
    i.registrant_created_at = r.time();
    i.national_id = r.optional<std::string>([](Row& x) { return x.text(); }).value_or("");
    i.name = r.optional<std::string>([](Row& x) { return x.text(); }).value_or("");
    i.birthdate = r.optional<Date>([](Row& x) { return x.date(); });
    i.area_id = r.optional<Uuid>([](Row& x) { return x.uuid(); });
    return i;
}

}  // namespace

Result<std::vector<MembershipListing>> SqlPrograms::list_membership_page(const MembershipPageQuery& q) {
    // One statement per filter shape so that each uses its index (program_id, [state,] id). Each
    // binds only the values its SQL uses: PostgreSQL cannot type a parameter the SQL never names.
    const std::string select = kListingSelect;
    const auto limit = static_cast<std::int64_t>(q.limit);
    if (q.state && q.after)
        return query<MembershipListing>(db_, select + "AND state = ? AND id > ? ORDER BY id LIMIT ?",
                                        read_listing, q.program_id, *q.state, *q.after, limit);
    if (q.state)
        return query<MembershipListing>(db_, select + "AND state = ? ORDER BY id LIMIT ?", read_listing,
                                        q.program_id, *q.state, limit);
    if (q.after)
        return query<MembershipListing>(db_, select + "AND id > ? ORDER BY id LIMIT ?", read_listing,
                                        q.program_id, *q.after, limit);
    return query<MembershipListing>(db_, select + "ORDER BY id LIMIT ?", read_listing, q.program_id, limit);
}

Result<std::vector<MembershipIdentity>> SqlPrograms::membership_identities(const Uuid& program_id) {
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           query<MembershipIdentity>(db_, kIdentitySelect, read_identity, program_id));
    // A group with two heads appears twice; both rows share the sort key, so they are adjacent.
    std::vector<MembershipIdentity> out;
    for (auto& row : rows) {
        if (out.empty() || out.back().membership_id != row.membership_id) out.push_back(std::move(row));
    }
    return out;
}

Status SqlPrograms::mark_duplicate(const Uuid& id, const Uuid& original, const std::string& actor,
                                   const std::string& reason) {
    auto record_original = [&](MembershipState) -> Status {
        return run(db_, "UPDATE program_memberships SET duplicate_of = ?2 WHERE id = ?1", id, original);
    };
    return audited_transition<MembershipState>(
        db_, model::membership_machine(), "program_memberships",
        "UPDATE program_memberships SET state = ?2, updated_at = ?3 WHERE id = ?1", id,
        MembershipState::kDuplicated, actor, reason, record_original);
}

Status SqlPrograms::exit_membership(const Uuid& id, Date date, const std::string& actor,
                                    const std::string& reason) {
    auto stamp_exit = [&](MembershipState) -> Status {
        return run(db_, "UPDATE program_memberships SET exit_date = ?2 WHERE id = ?1", id, date);
    };
    return audited_transition<MembershipState>(
        db_, model::membership_machine(), "program_memberships",
        "UPDATE program_memberships SET state = ?2, updated_at = ?3 WHERE id = ?1", id,
        MembershipState::kExited, actor, reason, stamp_exit);
}

}  // namespace spmis::store::SPMIS_STORE_NS
