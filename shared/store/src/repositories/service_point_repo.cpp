#include "repositories/repositories.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

const std::string kAttendanceSelect =
    "SELECT id, event_id, registrant_id, device_id, recorded_by, at FROM attendance ";
const std::string kRedemptionColumns =
    "SELECT id, entitlement_id, service_point_id, event_id, device_id, quantity, value_minor, "
    "value_currency, "
    "recipient, proxy_name, credential_id, recorded_by, at";
const std::string kEventSelect =
    "SELECT id, service_point_id, program_id, cycle_id, starts_at, ends_at FROM distribution_events ";

std::optional<Uuid> optional_uuid(Row& r) {
    return r.optional<Uuid>([](Row& x) { return x.uuid(); });
}

model::ServicePoint read_service_point(Row& r) {
    model::ServicePoint sp;
    sp.id = r.uuid();
    sp.code = r.text();
    sp.name = r.text();
    sp.area_id = optional_uuid(r);
    sp.capacity_per_day = r.i32();
    return sp;
}

model::DistributionEvent read_event(Row& r) {
    model::DistributionEvent e;
    e.id = r.uuid();
    e.service_point_id = r.uuid();
    e.program_id = r.uuid();
    e.cycle_id = optional_uuid(r);
    e.starts_at = r.time();
    e.ends_at = r.time();
    return e;
}

model::Attendance read_attendance(Row& r) {
    model::Attendance a;
    a.id = r.uuid();
    a.event_id = r.uuid();
    a.registrant_id = r.uuid();
    a.device_id = optional_uuid(r);
    a.recorded_by = r.text();
    a.at = r.time();
    return a;
}

model::Redemption read_redemption(Row& r) {
    model::Redemption x;
    x.id = r.uuid();
    x.entitlement_id = r.uuid();
    x.service_point_id = r.uuid();
    x.event_id = optional_uuid(r);
    x.device_id = optional_uuid(r);
    x.quantity = r.f64();
    x.value = r.money();
    x.recipient = enumeration<model::Recipient>(r);
    x.proxy_name = r.text();
    x.credential_id = r.text();
    x.recorded_by = r.text();
    x.at = r.time();
    return x;
}

}  // namespace

Status SqlServicePoints::insert_service_point(const model::ServicePoint& sp) {
    return db_.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(run(db_,
                                  "INSERT INTO service_points (id, code, name, area_id, capacity_per_day) "
                                  "VALUES (?,?,?,?,?)",
                                  sp.id, sp.code, sp.name, sp.area_id, sp.capacity_per_day));
        for (const auto& program_id : sp.program_ids) {
            SPMIS_RETURN_IF_ERROR(
                run(db_, "INSERT INTO service_point_programs (service_point_id, program_id) VALUES (?,?)",
                    sp.id, program_id));
        }
        return {};
    });
}

Result<std::vector<model::ServicePoint>> SqlServicePoints::with_programs(
    Result<std::vector<model::ServicePoint>> rows) {
    if (!rows.ok()) return rows;
    for (auto& sp : *rows) {
        SPMIS_ASSIGN_OR_RETURN(sp.program_ids, query<Uuid>(
                                                   db_,
                                                   "SELECT program_id FROM service_point_programs "
                                                   "WHERE service_point_id = ? ORDER BY program_id",
                                                   [](Row& r) { return r.uuid(); }, sp.id));
    }
    return rows;
}

Result<model::ServicePoint> SqlServicePoints::get_service_point(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(
        auto rows,
        with_programs(query<model::ServicePoint>(
            db_, "SELECT id, code, name, area_id, capacity_per_day FROM service_points WHERE id = ?",
            read_service_point, id)));
    if (rows.empty())
        return make_error(ErrorCode::kNotFound, "service_point " + id.to_string() + " does not exist");
    return std::move(rows.front());
}

Result<std::vector<model::ServicePoint>> SqlServicePoints::list_service_points() {
    return with_programs(query<model::ServicePoint>(
        db_, "SELECT id, code, name, area_id, capacity_per_day FROM service_points ORDER BY code",
        read_service_point));
}

Status SqlServicePoints::insert_event(const model::DistributionEvent& e) {
    return run(
        db_,
        "INSERT INTO distribution_events (id, service_point_id, program_id, cycle_id, starts_at, ends_at) "
        "VALUES (?,?,?,?,?,?)",
        e.id, e.service_point_id, e.program_id, e.cycle_id, e.starts_at, e.ends_at);
}

Result<model::DistributionEvent> SqlServicePoints::get_event(const Uuid& id) {
    return get_by_id<model::DistributionEvent>(db_, kEventSelect + "WHERE id = ?", read_event,
                                               "distribution_event", id);
}

Result<std::vector<model::DistributionEvent>> SqlServicePoints::list_events(const Uuid& service_point_id) {
    return query<model::DistributionEvent>(db_,
                                           kEventSelect + "WHERE service_point_id = ? ORDER BY starts_at, id",
                                           read_event, service_point_id);
}

Result<std::vector<model::Attendance>> SqlServicePoints::list_attendance(const Uuid& event_id) {
    return query<model::Attendance>(db_, kAttendanceSelect + "WHERE event_id = ? ORDER BY id",
                                    read_attendance, event_id);
}

Result<std::vector<model::Attendance>> SqlServicePoints::list_attendance_of(const Uuid& registrant_id) {
    // `duplicate_of IS NULL` lets SQLite use the partial index of schema 12 (attendance_first).
    return query<model::Attendance>(
        db_, kAttendanceSelect + "WHERE registrant_id = ? AND duplicate_of IS NULL ORDER BY id",
        read_attendance, registrant_id);
}

Status SqlServicePoints::insert_redemption(const model::Redemption& r) {
    SPMIS_RETURN_IF_ERROR(run(
        db_,
        "INSERT INTO redemptions (id, entitlement_id, service_point_id, event_id, device_id, quantity, "
        "value_minor, value_currency, recipient, proxy_name, credential_id, recorded_by, at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        r.id, r.entitlement_id, r.service_point_id, r.event_id, r.device_id, r.quantity, r.value.minor_units,
        r.value.currency, r.recipient, r.proxy_name, r.credential_id, r.recorded_by, r.at));
    // The entitlement's remaining balance changed: a new stamp makes pull send it again. Done here,
    // not by a trigger (schema 13), so the insert stays a one-table statement.
    SPMIS_ASSIGN_OR_RETURN(std::int64_t stamp, reserve_stamps(db_, 1));
    return run(db_, "UPDATE entitlements SET server_seq = ? WHERE id = ?", stamp, r.entitlement_id);
}

Result<std::vector<model::Redemption>> SqlServicePoints::list_redemptions(const Uuid& entitlement_id) {
    return query<model::Redemption>(
        db_, kRedemptionColumns + " FROM redemptions WHERE entitlement_id = ? ORDER BY id", read_redemption,
        entitlement_id);
}

Result<std::vector<RedemptionListing>> SqlServicePoints::list_redemption_listings(
    const Uuid& entitlement_id) {
    return query<RedemptionListing>(
        db_, kRedemptionColumns + ", voided_by FROM redemptions WHERE entitlement_id = ? ORDER BY id",
        [](Row& r) {
            RedemptionListing listing;
            listing.redemption = read_redemption(r);
            listing.voided_by = r.optional<std::string>([](Row& x) { return x.text(); }).value_or("");
            return listing;
        },
        entitlement_id);
}

}  // namespace spmis::store::SPMIS_STORE_NS
