#include "repositories/repositories.hpp"
#include "repositories/transition.hpp"
#include "spmis/model/device_machine.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

const std::string kUserSelect =
    "SELECT id, username, display_name, password_hash, active, created_at FROM users ";
const std::string kDeviceSelect =
    "SELECT id, name, user_id, public_key, state, registered_at, revoked_at FROM devices ";

model::User read_user(Row& r) {
    model::User u;
    u.id = r.uuid();
    u.username = r.text();
    u.display_name = r.text();
    u.password_hash = r.text();
    u.active = r.boolean();
    u.created_at = r.time();
    return u;
}

model::Device read_device(Row& r) {
    model::Device d;
    d.id = r.uuid();
    d.name = r.text();
    d.user_id = r.optional<Uuid>([](Row& x) { return x.uuid(); });
    d.public_key = r.text();
    d.state = enumeration<model::DeviceState>(r);
    d.registered_at = r.time();
    d.revoked_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
    return d;
}

}  // namespace

Status SqlAccess::insert_user(const model::User& u) {
    return db_.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(
            run(db_,
                "INSERT INTO users (id, username, display_name, password_hash, active, created_at) "
                "VALUES (?,?,?,?,?,?)",
                u.id, u.username, u.display_name, u.password_hash, u.active, u.created_at));
        for (model::Role role : u.roles) {
            SPMIS_RETURN_IF_ERROR(
                run(db_, "INSERT INTO user_roles (user_id, role) VALUES (?,?)", u.id, role));
        }
        return {};
    });
}

Result<model::User> SqlAccess::with_roles(model::User u) {
    SPMIS_ASSIGN_OR_RETURN(auto roles, query<model::Role>(
                                           db_, "SELECT role FROM user_roles WHERE user_id = ?",
                                           [](Row& r) { return enumeration<model::Role>(r); }, u.id));
    std::sort(roles.begin(), roles.end());
    u.roles = std::move(roles);
    return u;
}

Result<model::User> SqlAccess::get_user(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(auto u,
                           get_by_id<model::User>(db_, kUserSelect + "WHERE id = ?", read_user, "user", id));
    return with_roles(std::move(u));
}

Result<std::optional<model::User>> SqlAccess::find_user(const std::string& username) {
    SPMIS_ASSIGN_OR_RETURN(
        auto u, query_one<model::User>(db_, kUserSelect + "WHERE username = ?", read_user, username));
    if (!u) return std::optional<model::User>{};
    SPMIS_ASSIGN_OR_RETURN(auto full, with_roles(std::move(*u)));
    return std::optional<model::User>(std::move(full));
}

Result<std::vector<model::User>> SqlAccess::list_users() {
    SPMIS_ASSIGN_OR_RETURN(auto rows, query<model::User>(db_, kUserSelect + "ORDER BY username", read_user));
    for (auto& u : rows) {
        SPMIS_ASSIGN_OR_RETURN(u, with_roles(std::move(u)));
    }
    return rows;
}

Status SqlAccess::put_session(const StoredSession& s) {
    return run(
        db_,
        "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?,?,?) ON CONFLICT (token_hash) "
        "DO UPDATE SET user_id = excluded.user_id, expires_at = excluded.expires_at",
        s.token_hash, s.user_id, s.expires_at);
}

Result<std::optional<StoredSession>> SqlAccess::find_session(const std::string& token_hash) {
    return query_one<StoredSession>(
        db_, "SELECT token_hash, user_id, expires_at FROM sessions WHERE token_hash = ?",
        [](Row& r) {
            StoredSession s;
            s.token_hash = r.text();
            s.user_id = r.uuid();
            s.expires_at = r.time();
            return s;
        },
        token_hash);
}

Status SqlAccess::revoke_session(const std::string& token_hash) {
    return run(db_, "DELETE FROM sessions WHERE token_hash = ?", token_hash);
}

Status SqlAccess::purge_sessions(UtcTime now) {
    return run(db_, "DELETE FROM sessions WHERE expires_at < ?", now);
}

Result<std::optional<LoginFailures>> SqlAccess::find_login_failures(const std::string& key) {
    return query_one<LoginFailures>(
        db_, "SELECT failures, locked_until, last_failure FROM login_failures WHERE key = ?",
        [](Row& r) {
            LoginFailures f;
            f.failures = r.i64();
            f.locked_until = r.time();
            f.last_failure = r.time();
            return f;
        },
        key);
}

Status SqlAccess::put_login_failures(const std::string& key, const LoginFailures& f) {
    return run(db_,
               "INSERT INTO login_failures (key, failures, locked_until, last_failure) VALUES (?,?,?,?) "
               "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
               "locked_until = excluded.locked_until, last_failure = excluded.last_failure",
               key, f.failures, f.locked_until, f.last_failure);
}

Status SqlAccess::delete_login_failures(const std::string& key) {
    return run(db_, "DELETE FROM login_failures WHERE key = ?", key);
}

Status SqlAccess::insert_device(const model::Device& d) {
    return db_.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(run(db_,
                                  "INSERT INTO devices (id, name, user_id, public_key, state, registered_at, "
                                  "revoked_at) VALUES (?,?,?,?,?,?,?)",
                                  d.id, d.name, d.user_id, d.public_key, d.state, d.registered_at,
                                  d.revoked_at));
        for (const auto& sp : d.service_point_ids) {
            SPMIS_RETURN_IF_ERROR(
                run(db_, "INSERT INTO device_service_points (device_id, service_point_id) VALUES (?,?)", d.id,
                    sp));
        }
        return {};
    });
}

Result<model::Device> SqlAccess::with_service_points(model::Device d) {
    SPMIS_ASSIGN_OR_RETURN(d.service_point_ids,
                           query<Uuid>(
                               db_,
                               "SELECT service_point_id FROM device_service_points WHERE device_id = ? "
                               "ORDER BY service_point_id",
                               [](Row& r) { return r.uuid(); }, d.id));
    return d;
}

Result<model::Device> SqlAccess::get_device(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(
        auto d, get_by_id<model::Device>(db_, kDeviceSelect + "WHERE id = ?", read_device, "device", id));
    return with_service_points(std::move(d));
}

Result<std::vector<model::Device>> SqlAccess::list_devices() {
    SPMIS_ASSIGN_OR_RETURN(auto rows, query<model::Device>(db_, kDeviceSelect + "ORDER BY id", read_device));
    for (auto& d : rows) {
        SPMIS_ASSIGN_OR_RETURN(d, with_service_points(std::move(d)));
    }
    return rows;
}

Status SqlAccess::record_device_contact(const Uuid& id, UtcTime at) {
    return run(db_,
               "INSERT INTO device_contacts (device_id, last_sync_at) VALUES (?1, ?2) "
               "ON CONFLICT (device_id) DO UPDATE SET last_sync_at = ?2",
               id, at);
}

Result<std::map<Uuid, DeviceActivity>> SqlAccess::device_activity() {
    using Entry = std::pair<Uuid, DeviceActivity>;
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           query<Entry>(db_,
                                        "SELECT d.id, c.last_sync_at, "
                                        "(SELECT COUNT(*) FROM sync_operations o WHERE o.device_id = d.id), "
                                        "(SELECT COUNT(*) FROM sync_operations o WHERE o.device_id = d.id "
                                        "AND o.disposition <> 'accepted'), "
                                        "(SELECT COUNT(*) FROM sync_operations o WHERE o.device_id = d.id "
                                        "AND o.disposition IN ('rejected', 'accepted_flagged') "
                                        "AND o.disposition = 'rejected') "
                                        "FROM devices d LEFT JOIN device_contacts c ON c.device_id = d.id",
                                        [](Row& r) {
                                            Entry e;
                                            e.first = r.uuid();
                                            e.second.last_sync_at =
                                                r.optional<UtcTime>([](Row& x) { return x.time(); });
                                            e.second.operations_received = r.i64();
                                            e.second.operations_flagged = r.i64();
                                            e.second.operations_rejected = r.i64();
                                            return e;
                                        }));
    return std::map<Uuid, DeviceActivity>(rows.begin(), rows.end());
}

Status SqlAccess::transition_device(const Uuid& id, model::DeviceState to, const std::string& actor,
                                    const std::string& reason) {
    return audited_transition<model::DeviceState>(
        db_, model::device_machine(), "devices",
        "UPDATE devices SET state = ?2, revoked_at = CASE WHEN ?2 = 'revoked' THEN ?3 ELSE revoked_at END "
        "WHERE id = ?1",
        id, to, actor, reason);
}

}  // namespace spmis::store::SPMIS_STORE_NS
