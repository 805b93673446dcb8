// The lean registry scan: only the fields rules read, paged by id like for_each_registrant; and the
// enrolled groups of a program with their members, a page at a time, for streamed generation.

#include <algorithm>

#include "spmis/store/registry_repository.hpp"
#include "sqlite/page_attributes.hpp"
#include "sqlite/repositories.hpp"

namespace spmis::store::sqlite {
namespace {

constexpr const char* kColumns =
    "SELECT id, birthdate, sex, area_id, disability, income_minor, pmt_score, vulnerability_score "
    "FROM registrants ";

// Enrolled registrants after ?2 in id order: the membership key (program, registrant) is the order.
constexpr const char* kEnrolledPage =
    "SELECT r.id, r.birthdate, r.sex, r.area_id, r.disability, r.income_minor, r.pmt_score, "
    "r.vulnerability_score, r.kind = 'group' FROM program_memberships m JOIN registrants r ON r.id = "
    "m.registrant_id WHERE m.program_id = ?1 AND m.registrant_id > ?2 AND m.state = 'enrolled' "
    "ORDER BY m.registrant_id LIMIT ?3";

// Members of the groups in [?1, ?2], in the membership key's order (group, individual).
constexpr const char* kMembersInRange =
    "SELECT g.group_id, g.kind, i.id, i.birthdate, i.sex, i.area_id, i.disability, i.income_minor, "
    "i.pmt_score, i.vulnerability_score FROM group_memberships g JOIN registrants i ON i.id = "
    "g.individual_id WHERE g.group_id >= ?1 AND g.group_id <= ?2 ORDER BY g.group_id, g.individual_id";

// Custom attributes of the registrants in [?1, ?2], in key order.
constexpr const char* kAttributesInRange =
    "SELECT registrant_id, name, type, value FROM registrant_attributes "
    "WHERE registrant_id >= ?1 AND registrant_id <= ?2 ORDER BY registrant_id, name";

RuleFields read_rule_fields(Row& r) {
    RuleFields x;
    x.id = r.uuid();
    x.birthdate = r.optional<Date>([](Row& y) { return y.date(); });
    x.sex = r.enumeration<model::Sex>();
    x.area_id = r.optional<Uuid>([](Row& y) { return y.uuid(); });
    x.disability = r.boolean();
    x.income_minor = r.optional<std::int64_t>([](Row& y) { return y.i64(); });
    x.pmt_score = r.optional<double>([](Row& y) { return y.f64(); });
    x.vulnerability_score = r.optional<double>([](Row& y) { return y.f64(); });
    return x;
}

bool id_less(const Uuid& a, const Uuid& b) { return a.bytes() < b.bytes(); }

// Reads the members of the page's groups and attaches them by merge: the page and the member rows
// are both in group id order.
Status attach_members(Database& db, std::vector<EnrolledGroup>& page) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(kMembersInRange));
    st->bind(page.front().group.id, page.back().group.id);
    std::size_t g = 0;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) return {};
        Row row(*st);
        const Uuid group_id = row.uuid();
        while (g < page.size() && id_less(page[g].group.id, group_id)) ++g;
        if (g == page.size()) return {};
        if (page[g].group.id != group_id || !page[g].is_group) continue;
        const auto kind = row.enumeration<model::GroupMembershipKind>();
        page[g].members.emplace_back(read_rule_fields(row), kind);
        SPMIS_RETURN_IF_ERROR(row.status());
    }
}

// Attaches the custom attributes of every record of the page (groups and members) from one range
// read merged in id order. A household's members are registered with it, so their ids sit next to
// its own and the range holds little else; a member registered much later widens the range (more
// rows read and skipped, same result).
Status attach_attributes(Database& db, std::vector<EnrolledGroup>& page) {
    std::vector<RuleFields*> records;
    for (auto& g : page) {
        records.push_back(&g.group);
        for (auto& member : g.members) records.push_back(&member.first);
    }
    std::sort(records.begin(), records.end(),
              [](const RuleFields* a, const RuleFields* b) { return id_less(a->id, b->id); });
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(kAttributesInRange));
    st->bind(records.front()->id, records.back()->id);
    std::size_t i = 0;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) return {};
        Row row(*st);
        const Uuid id = row.uuid();
        while (i < records.size() && id_less(records[i]->id, id)) ++i;
        if (i == records.size()) return {};
        if (records[i]->id != id) continue;  // a registrant outside the page
        model::CustomAttribute a;
        a.name = row.text();
        a.type = row.enumeration<model::AttributeType>();
        a.value = row.text();
        SPMIS_RETURN_IF_ERROR(row.status());
        // A member of two groups of the page is two records with one id.
        for (std::size_t j = i; j < records.size() && records[j]->id == id; ++j)
            records[j]->attributes.push_back(a);
    }
}

}  // namespace

Status SqliteRegistry::for_each_enrolled_group(
    const Uuid& program_id, std::size_t page_size,
    const std::function<Status(std::vector<EnrolledGroup>&)>& visit) {
    Uuid after;  // nil: before every real id
    std::vector<EnrolledGroup> page;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(Statement * st, db_.prepare(kEnrolledPage));
        st->bind(program_id, after, static_cast<std::int64_t>(page_size));
        page.clear();
        while (true) {
            SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
            if (!has_row) break;
            Row row(*st);
            EnrolledGroup g;
            g.group = read_rule_fields(row);
            g.is_group = row.boolean();
            SPMIS_RETURN_IF_ERROR(row.status());
            page.push_back(std::move(g));
        }
        if (page.empty()) return {};
        SPMIS_RETURN_IF_ERROR(attach_members(db_, page));
        SPMIS_RETURN_IF_ERROR(attach_attributes(db_, page));
        after = page.back().group.id;
        const bool last_page = page.size() < page_size;
        SPMIS_RETURN_IF_ERROR(visit(page));
        if (last_page) return {};
    }
}

Status SqliteRegistry::for_each_rule_fields(model::RegistrantKind kind,
                                            const std::function<Status(const RuleFields&)>& visit) {
    // A separate first-page statement so every later page seeks (see for_each_registrant).
    static const std::string kFirst = std::string(kColumns) + "WHERE kind = ?1 ORDER BY id LIMIT ?2";
    static const std::string kNext =
        std::string(kColumns) + "WHERE kind = ?1 AND id > ?2 ORDER BY id LIMIT ?3";
    const auto page_size = static_cast<std::int64_t>(kRegistryScanPage);
    std::optional<Uuid> after;
    while (true) {
        auto rows = after ? query<RuleFields>(db_, kNext, read_rule_fields, kind, *after, page_size)
                          : query<RuleFields>(db_, kFirst, read_rule_fields, kind, page_size);
        SPMIS_ASSIGN_OR_RETURN(auto page, std::move(rows));
        SPMIS_RETURN_IF_ERROR(attach_page_attributes(db_, page));
        for (const auto& r : page) SPMIS_RETURN_IF_ERROR(visit(r));
        if (page.size() < kRegistryScanPage) return {};
        after = page.back().id;
    }
}

}  // namespace spmis::store::sqlite
