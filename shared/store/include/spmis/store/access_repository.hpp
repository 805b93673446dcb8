#pragma once
// Who may act: staff users with roles, and field devices.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/model/user.hpp"

namespace spmis::store {

// A staff login session as stored: the token's hash, never the token.
// Failed logins of one throttled key ("user:NAME", "address:IP"), kept in the database so that
// several server nodes count them together (schema 24).
struct LoginFailures {
    std::int64_t failures = 0;
    UtcTime locked_until{};
    UtcTime last_failure{};

    bool operator==(const LoginFailures&) const = default;
};

struct StoredSession {
    std::string token_hash;
    Uuid user_id;
    UtcTime expires_at{};

    bool operator==(const StoredSession&) const = default;
};

// Users and devices.
// What the server has heard from a device.
struct DeviceActivity {
    std::optional<UtcTime> last_sync_at;   // its last hello; nullopt before the first
    std::int64_t operations_received = 0;  // operations stored (each once, whatever was replayed)
    std::int64_t operations_flagged = 0;   // of those, answered other than plain `accepted`
    std::int64_t operations_rejected = 0;  // of those, answered `rejected` (changed nothing)
};

class AccessRepository {
public:
    virtual ~AccessRepository() = default;

    // Inserts a user with roles; kAlreadyExists when the username is taken.
    virtual Status insert_user(const model::User& u) = 0;
    // The user with this id.
    virtual Result<model::User> get_user(const Uuid& id) = 0;
    // The user with this username, or nullopt.
    virtual Result<std::optional<model::User>> find_user(const std::string& username) = 0;
    // Every user (with roles) ordered by username.
    virtual Result<std::vector<model::User>> list_users() = 0;

    // Stores (or replaces) a login session.
    virtual Status put_session(const StoredSession& s) = 0;
    // The session with this token hash, or nullopt.
    virtual Result<std::optional<StoredSession>> find_session(const std::string& token_hash) = 0;
    // Deletes a session; ok when unknown.
    virtual Status revoke_session(const std::string& token_hash) = 0;
    // Deletes sessions that expired before now.
    virtual Status purge_sessions(UtcTime now) = 0;
    // A throttled key's failed logins; nullopt when it has none.
    virtual Result<std::optional<LoginFailures>> find_login_failures(const std::string& key) = 0;
    virtual Status put_login_failures(const std::string& key, const LoginFailures& f) = 0;
    virtual Status delete_login_failures(const std::string& key) = 0;

    // Inserts a device with its service points.
    virtual Status insert_device(const model::Device& d) = 0;
    // The device with this id.
    virtual Result<model::Device> get_device(const Uuid& id) = 0;
    // Every device in id order.
    virtual Result<std::vector<model::Device>> list_devices() = 0;
    // Records that a device synced at `at` (its hello); kept as the device's last sync.
    virtual Status record_device_contact(const Uuid& id, UtcTime at) = 0;
    // Per device: last sync, operations received, flagged and rejected.
    virtual Result<std::map<Uuid, DeviceActivity>> device_activity() = 0;
    // Moves a device to `to` (revoking records revoked_at), audited atomically.
    virtual Status transition_device(const Uuid& id, model::DeviceState to, const std::string& actor,
                                     const std::string& reason) = 0;
};

}  // namespace spmis::store
