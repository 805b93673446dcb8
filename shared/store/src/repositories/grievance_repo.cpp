// Grievance categories, tickets and their history (schema 25): plain reads and writes; the
// grievance service decides every state change.

#include "repositories/grievance_repo.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

const std::string kGrievanceSelect =
    "SELECT id, number, category, subcategory, priority, channel, complainant_id, sensitive, description, "
    "state, assignee, decision, appeal_of, registrant_id, household_id, program_id, entitlement_id, "
    "payment_id, redemption_id, service_point_id, case_id, opened_by, opened_at, updated_at, "
    "response_due_at, resolution_due_at, responded_at, resolved_at, hold_started_at, held_micros, "
    "escalated_at, escalated_to FROM grievances ";

std::optional<Uuid> optional_uuid(Row& r) {
    return r.optional<Uuid>([](Row& x) { return x.uuid(); });
}

std::optional<UtcTime> optional_time(Row& r) {
    return r.optional<UtcTime>([](Row& x) { return x.time(); });
}

void read_links(Row& r, GrievanceLinks& l) {
    l.registrant_id = optional_uuid(r);
    l.household_id = optional_uuid(r);
    l.program_id = optional_uuid(r);
    l.entitlement_id = optional_uuid(r);
    l.payment_id = optional_uuid(r);
    l.redemption_id = optional_uuid(r);
    l.service_point_id = optional_uuid(r);
    l.case_id = optional_uuid(r);
}

void read_clocks(Row& r, Grievance& g) {
    g.opened_by = r.text();
    g.opened_at = r.time();
    g.updated_at = r.time();
    g.response_due_at = r.time();
    g.resolution_due_at = r.time();
    g.responded_at = optional_time(r);
    g.resolved_at = optional_time(r);
    g.hold_started_at = optional_time(r);
    g.held_micros = r.i64();
    g.escalated_at = optional_time(r);
    g.escalated_to = r.text();
}

Grievance read_grievance(Row& r) {
    Grievance g;
    g.id = r.uuid();
    g.number = r.i64();
    g.category = r.text();
    g.subcategory = r.text();
    g.priority = r.text();
    g.channel = r.text();
    g.complainant_id = optional_uuid(r);
    g.sensitive = r.boolean();
    g.description = r.text();
    g.state = r.text();
    g.assignee = r.text();
    g.decision = r.text();
    g.appeal_of = optional_uuid(r);
    read_links(r, g.links);
    read_clocks(r, g);
    return g;
}

GrievanceEvent read_event(Row& r) {
    GrievanceEvent e;
    e.id = r.uuid();
    e.grievance_id = r.uuid();
    e.kind = r.text();
    e.from_state = r.text();
    e.to_state = r.text();
    e.actor = r.text();
    e.text = r.text();
    e.at = r.time();
    return e;
}

GrievanceCategory read_category(Row& r) {
    GrievanceCategory c;
    c.code = r.text();
    c.name = r.text();
    c.response_hours = r.i64();
    c.resolution_hours = r.i64();
    c.escalate_to = r.text();
    return c;
}

const char* const kCategorySelect =
    "SELECT code, name, response_hours, resolution_hours, escalate_to FROM grievance_categories ";

}  // namespace

Status SqlGrievances::load_subcategories(GrievanceCategory& c) {
    SPMIS_ASSIGN_OR_RETURN(
        c.subcategories, query<std::string>(
                             db_, "SELECT code FROM grievance_subcategories WHERE category = ? ORDER BY code",
                             [](Row& r) { return r.text(); }, c.code));
    return {};
}

Result<std::vector<GrievanceCategory>> SqlGrievances::list_grievance_categories() {
    SPMIS_ASSIGN_OR_RETURN(
        auto categories,
        query<GrievanceCategory>(db_, std::string(kCategorySelect) + "ORDER BY code", read_category));
    for (GrievanceCategory& c : categories) SPMIS_RETURN_IF_ERROR(load_subcategories(c));
    return categories;
}

Result<std::optional<GrievanceCategory>> SqlGrievances::find_grievance_category(const std::string& code) {
    SPMIS_ASSIGN_OR_RETURN(auto found,
                           query_one<GrievanceCategory>(db_, std::string(kCategorySelect) + "WHERE code = ?",
                                                        read_category, code));
    if (found) SPMIS_RETURN_IF_ERROR(load_subcategories(*found));
    return found;
}

Status SqlGrievances::put_grievance_category(const GrievanceCategory& c) {
    SPMIS_RETURN_IF_ERROR(
        run(db_,
            "INSERT INTO grievance_categories (code, name, response_hours, resolution_hours, "
            "escalate_to) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (code) DO UPDATE SET "
            "name = ?2, response_hours = ?3, resolution_hours = ?4, escalate_to = ?5",
            c.code, c.name, c.response_hours, c.resolution_hours, c.escalate_to));
    SPMIS_RETURN_IF_ERROR(run(db_, "DELETE FROM grievance_subcategories WHERE category = ?", c.code));
    for (const std::string& sub : c.subcategories) {
        SPMIS_RETURN_IF_ERROR(run(db_,
                                  "INSERT INTO grievance_subcategories (category, code) VALUES (?, ?) "
                                  "ON CONFLICT DO NOTHING",
                                  c.code, sub));
    }
    return {};
}

Result<std::int64_t> SqlGrievances::next_grievance_number() {
    SPMIS_ASSIGN_OR_RETURN(auto highest,
                           query_one<std::int64_t>(db_, "SELECT COALESCE(MAX(number), 0) FROM grievances",
                                                   [](Row& r) { return r.i64(); }));
    return (highest ? *highest : 0) + 1;
}

Status SqlGrievances::insert_grievance(const Grievance& g) {
    const GrievanceLinks& l = g.links;
    return run(
        db_,
        "INSERT INTO grievances (id, number, category, subcategory, priority, channel, complainant_id, "
        "sensitive, description, state, assignee, decision, appeal_of, registrant_id, household_id, "
        "program_id, entitlement_id, payment_id, redemption_id, service_point_id, case_id, opened_by, "
        "opened_at, updated_at, response_due_at, resolution_due_at, responded_at, resolved_at, "
        "hold_started_at, held_micros, escalated_at, escalated_to) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        g.id, g.number, g.category, g.subcategory, g.priority, g.channel, g.complainant_id,
        static_cast<std::int64_t>(g.sensitive), g.description, g.state, g.assignee, g.decision, g.appeal_of,
        l.registrant_id, l.household_id, l.program_id, l.entitlement_id, l.payment_id, l.redemption_id,
        l.service_point_id, l.case_id, g.opened_by, g.opened_at, g.updated_at, g.response_due_at,
        g.resolution_due_at, g.responded_at, g.resolved_at, g.hold_started_at, g.held_micros, g.escalated_at,
        g.escalated_to);
}

Status SqlGrievances::update_grievance(const Grievance& g) {
    return run(
        db_,
        "UPDATE grievances SET state = ?, assignee = ?, decision = ?, updated_at = ?, responded_at = ?, "
        "resolved_at = ?, hold_started_at = ?, held_micros = ?, escalated_at = ?, escalated_to = ?, "
        "case_id = ? WHERE id = ?",
        g.state, g.assignee, g.decision, g.updated_at, g.responded_at, g.resolved_at, g.hold_started_at,
        g.held_micros, g.escalated_at, g.escalated_to, g.links.case_id, g.id);
}

Result<Grievance> SqlGrievances::get_grievance(const Uuid& id) {
    return get_by_id<Grievance>(db_, kGrievanceSelect + "WHERE id = ?", read_grievance, "grievance", id);
}

Result<std::vector<Grievance>> SqlGrievances::list_grievances(const GrievanceFilter& f) {
    return query<Grievance>(
        db_,
        kGrievanceSelect +
            "WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR category = ?2) "
            "AND (?3 IS NULL OR priority = ?3) AND (?4 IS NULL OR assignee = ?4) "
            "AND (?5 = 0 OR state NOT IN ('resolved', 'closed', 'rejected')) AND (?6 = 1 OR sensitive = 0) "
            "AND (?7 IS NULL OR opened_at >= ?7) AND (?8 IS NULL OR opened_at < ?8) "
            "AND (?9 IS NULL OR id < ?9) ORDER BY id DESC LIMIT ?10",
        read_grievance, f.state, f.category, f.priority, f.assignee, static_cast<std::int64_t>(f.open_only),
        static_cast<std::int64_t>(f.include_sensitive), f.opened_from, f.opened_until, f.before,
        f.limit == 0 ? INT64_MAX : static_cast<std::int64_t>(f.limit));
}

Status SqlGrievances::append_grievance_event(const GrievanceEvent& e) {
    return run(db_,
               "INSERT INTO grievance_events (id, grievance_id, kind, from_state, to_state, actor, text, at) "
               "VALUES (?,?,?,?,?,?,?,?)",
               e.id, e.grievance_id, e.kind, e.from_state, e.to_state, e.actor, e.text, e.at);
}

Result<std::vector<GrievanceEvent>> SqlGrievances::list_grievance_events(const Uuid& grievance_id) {
    return query<GrievanceEvent>(db_,
                                 "SELECT id, grievance_id, kind, from_state, to_state, actor, text, at "
                                 "FROM grievance_events WHERE grievance_id = ? ORDER BY id",
                                 read_event, grievance_id);
}

}  // namespace spmis::store::SPMIS_STORE_NS
