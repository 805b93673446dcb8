// The lean registry scan: only the fields rules read, paged by id like for_each_registrant; and the
// enrolled groups of a program with their members, a page at a time, for streamed generation.

#include <algorithm>

#include "repositories/page_attributes.hpp"
#include "repositories/repositories.hpp"
#include "spmis/store/registry_repository.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

constexpr const char* kColumns =
    "SELECT id, birthdate, sex, area_id, disability, income_minor, pmt_score, vulnerability_score "
    "FROM registrants ";

// Enrolled registrants after ?2 in id order: the membership key (program, registrant) is the order.
constexpr const char* kEnrolledPage =
    "SELECT registrant_id FROM program_memberships WHERE program_id = ?1 AND registrant_id > ?2 AND "
    "state = 'enrolled' ORDER BY registrant_id LIMIT ?3";

// Memberships of the groups in [?1, ?2], in key order (group, individual).
constexpr const char* kMembershipsInRange =
    "SELECT group_id, individual_id, kind FROM group_memberships WHERE group_id >= ?1 AND group_id <= ?2 "
    "ORDER BY group_id, individual_id";

// Rule fields of the registrants in [?1, ?2], in id order.
constexpr const char* kRuleFieldsInRange =
    "SELECT id, birthdate, sex, area_id, disability, income_minor, pmt_score, vulnerability_score, "
    "kind = 'group' FROM registrants WHERE id >= ?1 AND id <= ?2 ORDER BY id";

// Custom attributes of the registrants in [?1, ?2], in key order.
constexpr const char* kAttributesInRange =
    "SELECT registrant_id, name, type, value FROM registrant_attributes "
    "WHERE registrant_id >= ?1 AND registrant_id <= ?2 ORDER BY registrant_id, name";

// Ids minted further apart than this start a new range read: registrants created in between
// (read and skipped) are then few, however late a member joined its household.
constexpr std::int64_t kRangeGapMillis = 60'000;

// Members a household is given room for before its first one is added; larger ones grow.
constexpr std::size_t kTypicalHousehold = 8;

// The rule columns after the id.
void read_rule_columns(Row& r, RuleFields& x) {
    x.birthdate = r.optional<Date>([](Row& y) { return y.date(); });
    x.sex = enumeration<model::Sex>(r);
    x.area_id = r.optional<Uuid>([](Row& y) { return y.uuid(); });
    x.disability = r.boolean();
    x.income_minor = r.optional<std::int64_t>([](Row& y) { return y.i64(); });
    x.pmt_score = r.optional<double>([](Row& y) { return y.f64(); });
    x.vulnerability_score = r.optional<double>([](Row& y) { return y.f64(); });
}

RuleFields read_rule_fields(Row& r) {
    RuleFields x;
    x.id = r.uuid();
    read_rule_columns(r, x);
    return x;
}

bool id_less(const Uuid& a, const Uuid& b) { return a.bytes() < b.bytes(); }

// One registrant of a page: a group (`group` set) or a member; `found` once its row was read.
struct Record {
    RuleFields* fields = nullptr;
    EnrolledGroup* group = nullptr;
    bool found = false;
};

// Adds each page group's members (id and kind) from the memberships of the page's id range.
Status attach_member_ids(Database& db, std::vector<EnrolledGroup>& page) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(kMembershipsInRange));
    st->bind(page.front().group.id, page.back().group.id);
    std::size_t g = 0;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) return {};
        Row row(*st);
        const Uuid group_id = row.uuid();
        while (g < page.size() && id_less(page[g].group.id, group_id)) ++g;
        if (g == page.size()) return {};
        if (page[g].group.id != group_id) continue;
        RuleFields member;
        member.id = row.uuid();
        const auto kind = enumeration<model::GroupMembershipKind>(row);
        SPMIS_RETURN_IF_ERROR(row.status());
        auto& members = page[g].members;
        if (members.empty()) members.reserve(kTypicalHousehold);  // one allocation, not a growth series
        members.emplace_back(std::move(member), kind);
    }
}

// Runs a range query (?1, ?2 = first and last id) over the sorted records, one read per cluster of
// ids minted close together, calling on_match(row, first, end) for each row whose id is records
// [first, end) (a member of two groups of the page is two records with one id).
template <typename F>
Status merge_ranges(Database& db, const char* sql, std::vector<Record>& records, F on_match) {
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
    std::size_t i = 0;
    for (std::size_t begin = 0; begin < records.size();) {
        std::size_t end = begin + 1;
        while (end < records.size()) {
            const Uuid& prev = records[end - 1].fields->id;
            const Uuid& next = records[end].fields->id;
            const bool close = prev.version() == 7 && next.version() == 7 &&
                               next.unix_millis() - prev.unix_millis() <= kRangeGapMillis;
            if (!close) break;
            ++end;
        }
        st->bind(records[begin].fields->id, records[end - 1].fields->id);
        while (true) {
            SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
            if (!has_row) break;
            Row row(*st);
            const Uuid id = row.uuid();
            while (i < end && id_less(records[i].fields->id, id)) ++i;
            if (i == end) break;
            if (records[i].fields->id != id) continue;  // a registrant outside the page
            std::size_t last = i;
            while (last < end && records[last].fields->id == id) ++last;
            SPMIS_RETURN_IF_ERROR(on_match(row, i, last));
        }
        i = begin = end;
    }
    return {};
}

// Reads the rule fields and custom attributes of the page's groups and members. A member whose
// registrant row is missing is dropped; a group that is missing or not a group gets is_group false.
Status fill_page(Database& db, std::vector<EnrolledGroup>& page) {
    std::vector<Record> records;
    std::size_t people = page.size();
    for (const auto& g : page) people += g.members.size();
    records.reserve(people);
    for (auto& g : page) {
        records.push_back({&g.group, &g, false});
        for (auto& member : g.members) records.push_back({&member.first, nullptr, false});
    }
    const auto by_id = [](const Record& a, const Record& b) { return id_less(a.fields->id, b.fields->id); };
    // Members registered with their household follow it in id order (v7 ids): often already sorted.
    if (!std::is_sorted(records.begin(), records.end(), by_id))
        std::sort(records.begin(), records.end(), by_id);
    const auto fill_fields = [&](Row& row, std::size_t first, std::size_t end) -> Status {
        RuleFields fields;
        fields.id = records[first].fields->id;  // merge_ranges has read the id column
        read_rule_columns(row, fields);
        const bool is_group = row.boolean();
        SPMIS_RETURN_IF_ERROR(row.status());
        for (std::size_t j = first; j < end; ++j) {
            *records[j].fields = fields;
            records[j].found = true;
            if (records[j].group != nullptr) records[j].group->is_group = is_group;
        }
        return Status{};
    };
    SPMIS_RETURN_IF_ERROR(merge_ranges(db, kRuleFieldsInRange, records, fill_fields));
    SPMIS_RETURN_IF_ERROR(
        merge_ranges(db, kAttributesInRange, records, [&](Row& row, std::size_t first, std::size_t end) {
            model::CustomAttribute a;
            a.name = row.text();
            a.type = enumeration<model::AttributeType>(row);
            a.value = row.text();
            for (std::size_t j = first; j < end; ++j) records[j].fields->attributes.push_back(a);
            return row.status();
        }));
    for (const auto& r : records) {
        if (r.found) continue;
        if (r.group != nullptr) r.group->is_group = false;
        if (r.group == nullptr) r.fields->id = Uuid{};  // marks the member for removal
    }
    for (auto& g : page) {
        if (!g.is_group) g.members.clear();
        std::erase_if(g.members, [](const auto& m) { return m.first.id.is_nil(); });
    }
    return {};
}

}  // namespace

Status SqlRegistry::for_each_enrolled_group(const Uuid& program_id, std::size_t page_size,
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
            g.group.id = row.uuid();
            g.is_group = false;  // until its registrant row says so
            SPMIS_RETURN_IF_ERROR(row.status());
            page.push_back(std::move(g));
        }
        if (page.empty()) return {};
        SPMIS_RETURN_IF_ERROR(attach_member_ids(db_, page));
        SPMIS_RETURN_IF_ERROR(fill_page(db_, page));
        after = page.back().group.id;
        const bool last_page = page.size() < page_size;
        SPMIS_RETURN_IF_ERROR(visit(page));
        if (last_page) return {};
    }
}

Status SqlRegistry::for_each_rule_fields(model::RegistrantKind kind,
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

}  // namespace spmis::store::SPMIS_STORE_NS
