#include "repositories/page_attributes.hpp"
#include "repositories/repositories.hpp"
#include "spmis/base/text_fold.hpp"
#include "spmis/model/record_json.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

using model::Registrant;

const std::string kRegistrantColumns =
    "id, kind, external_id, name, given_name, family_name, birthdate, sex, area_id, phone, national_id, "
    "disability, income_minor, income_currency, pmt_score, vulnerability_score, created_at, updated_at";

// Folded as the device folds names (accents and case); migration 18 folds old rows the same way.
std::string search_name(const std::string& name) { return fold_for_search(name); }

// The least valid UTF-8 string above every string that starts with `prefix`: its last character
// moved up by one code point. Both backends compare these keys bytewise (SQLite's BINARY, and
// PostgreSQL's C collation), and UTF-8's byte order is code point order, so [prefix, end) is
// exactly the keys starting with prefix. (PostgreSQL refuses a 0xFF byte as an upper bound.)
std::string prefix_end(std::string prefix) {
    constexpr char32_t kLast = 0x10FFFF;
    while (!prefix.empty()) {
        std::size_t start = prefix.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(prefix[start]) & 0xC0) == 0x80) --start;
        const auto lead = static_cast<unsigned char>(prefix[start]);
        const std::size_t length = prefix.size() - start;
        char32_t cp = length == 1 ? lead : lead & (0xFF >> (length + 1));
        for (std::size_t i = start + 1; i < prefix.size(); ++i) cp = (cp << 6) | (prefix[i] & 0x3F);
        prefix.resize(start);
        if (cp >= kLast) continue;  // no character above it: carry into the one before
        ++cp;
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xE000;  // surrogates are not characters
        if (cp < 0x80) {
            prefix += static_cast<char>(cp);
        } else if (cp < 0x800) {
            prefix += static_cast<char>(0xC0 | (cp >> 6));
            prefix += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            prefix += static_cast<char>(0xE0 | (cp >> 12));
            prefix += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            prefix += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            prefix += static_cast<char>(0xF0 | (cp >> 18));
            prefix += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            prefix += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            prefix += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return prefix;
    }
    return "\xF4\x8F\xBF\xBF";  // U+10FFFF: above every key of an empty prefix
}

model::Area read_area(Row& r) {
    model::Area a;
    a.id = r.uuid();
    a.code = r.text();
    a.name = r.text();
    a.level = r.i32();
    a.parent_id = r.optional<Uuid>([](Row& x) { return x.uuid(); });
    return a;
}

Registrant read_registrant(Row& r) {
    Registrant x;
    x.id = r.uuid();
    x.kind = enumeration<model::RegistrantKind>(r);
    x.external_id = r.text();
    x.name = r.text();
    x.given_name = r.text();
    x.family_name = r.text();
    x.birthdate = r.optional<Date>([](Row& y) { return y.date(); });
    x.sex = enumeration<model::Sex>(r);
    x.area_id = r.optional<Uuid>([](Row& y) { return y.uuid(); });
    x.phone = r.text();
    x.national_id = r.text();
    x.disability = r.boolean();
    x.income = r.optional<Money>([](Row& y) { return y.money(); });
    if (!x.income) r.text();  // skip the NULL currency column
    x.pmt_score = r.optional<double>([](Row& y) { return y.f64(); });
    x.vulnerability_score = r.optional<double>([](Row& y) { return y.f64(); });
    x.created_at = r.time();
    x.updated_at = r.time();
    return x;
}

model::GroupMembership read_group_membership(Row& r) {
    model::GroupMembership m;
    m.group_id = r.uuid();
    m.individual_id = r.uuid();
    m.kind = enumeration<model::GroupMembershipKind>(r);
    return m;
}

}  // namespace

Status SqlRegistry::insert_area(const model::Area& a) {
    return run(db_, "INSERT INTO areas (id, code, name, level, parent_id) VALUES (?,?,?,?,?)", a.id, a.code,
               a.name, a.level, a.parent_id);
}

Result<model::Area> SqlRegistry::get_area(const Uuid& id) {
    return get_by_id<model::Area>(db_, "SELECT id, code, name, level, parent_id FROM areas WHERE id = ?",
                                  read_area, "area", id);
}

Result<std::optional<model::Area>> SqlRegistry::find_area_by_code(const std::string& code) {
    return query_one<model::Area>(db_, "SELECT id, code, name, level, parent_id FROM areas WHERE code = ?",
                                  read_area, code);
}

Result<std::vector<model::Area>> SqlRegistry::list_areas() {
    return query<model::Area>(db_, "SELECT id, code, name, level, parent_id FROM areas ORDER BY level, code",
                              read_area);
}

Status SqlRegistry::write_registrant(const Registrant& r, bool insert) {
    static const std::string kInsert = "INSERT INTO registrants (" + kRegistrantColumns +
                                       ", search_name) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static const std::string kUpdate =
        "UPDATE registrants SET kind=?2, external_id=?3, name=?4, given_name=?5, family_name=?6, "
        "birthdate=?7, "
        "sex=?8, area_id=?9, phone=?10, national_id=?11, disability=?12, income_minor=?13, "
        "income_currency=?14, "
        "pmt_score=?15, vulnerability_score=?16, created_at=?17, updated_at=?18, search_name=?19 WHERE id=?1";
    std::optional<std::int64_t> income_minor;
    std::optional<std::string> income_currency;
    if (r.income) {
        income_minor = r.income->minor_units;
        income_currency = r.income->currency;
    }
    SPMIS_RETURN_IF_ERROR(run(db_, insert ? kInsert : kUpdate, r.id, r.kind, r.external_id, r.name,
                              r.given_name, r.family_name, r.birthdate, r.sex, r.area_id, r.phone,
                              r.national_id, r.disability, income_minor, income_currency, r.pmt_score,
                              r.vulnerability_score, r.created_at, r.updated_at, search_name(r.name)));
    if (!insert) {
        SPMIS_RETURN_IF_ERROR(run(db_, "DELETE FROM registrant_attributes WHERE registrant_id = ?", r.id));
        SPMIS_RETURN_IF_ERROR(run(db_, "DELETE FROM registrant_name_keys WHERE registrant_id = ?", r.id));
    }
    for (const std::string& key : name_word_keys(search_name(r.name))) {
        SPMIS_RETURN_IF_ERROR(run(db_,
                                  "INSERT INTO registrant_name_keys (word_key, registrant_id) "
                                  "VALUES (?, ?) ON CONFLICT DO NOTHING",
                                  key, r.id));
    }
    for (const auto& a : r.attributes) {
        SPMIS_RETURN_IF_ERROR(run(db_,
                                  "INSERT INTO registrant_attributes (registrant_id, name, type, value) "
                                  "VALUES (?,?,?,?)",
                                  r.id, a.name, a.type, a.value));
    }
    return {};
}

Status SqlRegistry::insert_registrant(const Registrant& r) {
    return db_.transaction([&] { return write_registrant(r, true); });
}

Status SqlRegistry::insert_registrants(std::span<const Registrant> rs) {
    return db_.transaction([&]() -> Status {
        for (const auto& r : rs) SPMIS_RETURN_IF_ERROR(write_registrant(r, true));
        return {};
    });
}

Status SqlRegistry::update_registrant(const Registrant& r, const std::string& actor,
                                      const std::string& reason) {
    return db_.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(Registrant before, get_registrant(r.id));
        SPMIS_RETURN_IF_ERROR(write_registrant(r, false));
        return db_.append_audit(db_.audit_event(actor, "registrant", r.id, "update",
                                                model::registrant_json(before), model::registrant_json(r),
                                                reason));
    });
}

Status SqlRegistry::load_attributes(Registrant& r) {
    SPMIS_ASSIGN_OR_RETURN(r.attributes, query<model::CustomAttribute>(
                                             db_,
                                             "SELECT name, type, value FROM registrant_attributes "
                                             "WHERE registrant_id = ? ORDER BY name",
                                             [](Row& row) {
                                                 model::CustomAttribute a;
                                                 a.name = row.text();
                                                 a.type = enumeration<model::AttributeType>(row);
                                                 a.value = row.text();
                                                 return a;
                                             },
                                             r.id));
    return {};
}

Result<std::vector<Registrant>> SqlRegistry::with_attributes(Result<std::vector<Registrant>> rows) {
    if (!rows.ok()) return rows;
    for (auto& r : *rows) SPMIS_RETURN_IF_ERROR(load_attributes(r));
    return rows;
}

Result<Registrant> SqlRegistry::get_registrant(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(
        auto rows,
        with_attributes(query<Registrant>(
            db_, "SELECT " + kRegistrantColumns + " FROM registrants WHERE id = ?", read_registrant, id)));
    if (rows.empty())
        return make_error(ErrorCode::kNotFound, "registrant " + id.to_string() + " does not exist");
    return std::move(rows.front());
}

Result<std::optional<Registrant>> SqlRegistry::find_by_external_id(const std::string& external_id) {
    // The "<> ''" term repeats the partial index's condition; without it SQLite scans the table.
    static const std::string kSql =
        "SELECT " + kRegistrantColumns + " FROM registrants WHERE external_id = ? AND external_id <> ''";
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           with_attributes(query<Registrant>(db_, kSql, read_registrant, external_id)));
    if (rows.empty()) return std::optional<Registrant>{};
    return std::optional<Registrant>(std::move(rows.front()));
}

Result<std::vector<Registrant>> SqlRegistry::find_by_name_prefix(const std::string& prefix,
                                                                 std::size_t limit) {
    const std::string low = search_name(prefix);
    return with_attributes(
        query<Registrant>(db_,
                          "SELECT " + kRegistrantColumns +
                              " FROM registrants WHERE search_name >= ? AND search_name < ? "
                              "ORDER BY search_name, id LIMIT ?",
                          read_registrant, low, prefix_end(low), static_cast<std::int64_t>(limit)));
}

Result<std::vector<Registrant>> SqlRegistry::search_registrants(const RegistrantQuery& q) {
    const std::string low = search_name(q.name_prefix);
    // Every filter is a bound parameter; an empty one is switched off inside the SQL.
    return with_attributes(query<Registrant>(
        db_,
        "SELECT " + kRegistrantColumns +
            " FROM registrants WHERE (?1 = '' OR id IN (SELECT registrant_id FROM registrant_name_keys "
            "WHERE word_key >= ?1 AND word_key < ?2)) "
            "AND (?3 = '' OR external_id = ?3) AND (?4 = '' OR national_id = ?4) "
            "AND (?5 IS NULL OR area_id = ?5) AND (?6 IS NULL OR id > ?6) ORDER BY id LIMIT ?7",
        read_registrant, low, prefix_end(low), q.external_id, q.national_id, q.area_id, q.after_id,
        static_cast<std::int64_t>(q.limit)));
}

Result<std::int64_t> SqlRegistry::count_registrants(model::RegistrantKind kind) {
    SPMIS_ASSIGN_OR_RETURN(auto n, query_one<std::int64_t>(
                                       db_, "SELECT count(*) FROM registrants WHERE kind = ?",
                                       [](Row& r) { return r.i64(); }, kind));
    return n.value_or(0);
}

Status SqlRegistry::for_each_registrant(model::RegistrantKind kind,
                                        const std::function<Status(const Registrant&)>& visit) {
    // Pages by id so no statement stays open while `visit` runs other queries. The first page has
    // its own statement: with "(? IS NULL OR id > ?)" SQLite cannot seek, and every page would
    // scan the table from its start.
    static const std::string kFirst =
        "SELECT " + kRegistrantColumns + " FROM registrants WHERE kind = ?1 ORDER BY id LIMIT ?2";
    static const std::string kNext =
        "SELECT " + kRegistrantColumns + " FROM registrants WHERE kind = ?1 AND id > ?2 ORDER BY id LIMIT ?3";
    const auto page_size = static_cast<std::int64_t>(kRegistryScanPage);
    std::optional<Uuid> after;
    while (true) {
        auto rows = after ? query<Registrant>(db_, kNext, read_registrant, kind, *after, page_size)
                          : query<Registrant>(db_, kFirst, read_registrant, kind, page_size);
        SPMIS_ASSIGN_OR_RETURN(auto page, std::move(rows));
        SPMIS_RETURN_IF_ERROR(load_page_attributes(page));
        for (const auto& r : page) SPMIS_RETURN_IF_ERROR(visit(r));
        if (page.size() < kRegistryScanPage) return {};
        after = page.back().id;
    }
}

Status SqlRegistry::load_page_attributes(std::vector<Registrant>& page) {
    return attach_page_attributes(db_, page);
}

Status SqlRegistry::put_group_membership(const model::GroupMembership& m) {
    return run(db_,
               "INSERT INTO group_memberships (group_id, individual_id, kind) VALUES (?,?,?) "
               "ON CONFLICT (group_id, individual_id) DO UPDATE SET kind = excluded.kind",
               m.group_id, m.individual_id, m.kind);
}

Status SqlRegistry::put_group_memberships(std::span<const model::GroupMembership> ms) {
    return db_.transaction([&]() -> Status {
        for (const auto& m : ms) SPMIS_RETURN_IF_ERROR(put_group_membership(m));
        return {};
    });
}

Status SqlRegistry::remove_group_membership(const Uuid& group_id, const Uuid& individual_id) {
    return run(db_, "DELETE FROM group_memberships WHERE group_id = ? AND individual_id = ?", group_id,
               individual_id);
}

Result<std::vector<model::GroupMembership>> SqlRegistry::list_group_members(const Uuid& group_id) {
    return query<model::GroupMembership>(db_,
                                         "SELECT group_id, individual_id, kind FROM group_memberships "
                                         "WHERE group_id = ? ORDER BY individual_id",
                                         read_group_membership, group_id);
}

Status SqlRegistry::for_each_group_membership(
    const std::function<Status(const model::GroupMembership&)>& visit) {
    // Pages on the primary key (group_id, individual_id), like for_each_registrant.
    static const std::string kColumns = "SELECT group_id, individual_id, kind FROM group_memberships ";
    static const std::string kFirst = kColumns + "ORDER BY group_id, individual_id LIMIT ?1";
    static const std::string kNext =
        kColumns + "WHERE (group_id, individual_id) > (?1, ?2) ORDER BY group_id, individual_id LIMIT ?3";
    const auto page_size = static_cast<std::int64_t>(kRegistryScanPage);
    std::optional<model::GroupMembership> last;
    while (true) {
        auto rows = last ? query<model::GroupMembership>(db_, kNext, read_group_membership, last->group_id,
                                                         last->individual_id, page_size)
                         : query<model::GroupMembership>(db_, kFirst, read_group_membership, page_size);
        SPMIS_ASSIGN_OR_RETURN(auto page, std::move(rows));
        for (const auto& m : page) SPMIS_RETURN_IF_ERROR(visit(m));
        if (page.size() < kRegistryScanPage) return {};
        last = page.back();
    }
}

Result<std::vector<model::GroupMembership>> SqlRegistry::list_groups_of(const Uuid& individual_id) {
    return query<model::GroupMembership>(db_,
                                         "SELECT group_id, individual_id, kind FROM group_memberships "
                                         "WHERE individual_id = ? ORDER BY group_id",
                                         read_group_membership, individual_id);
}

}  // namespace spmis::store::SPMIS_STORE_NS
