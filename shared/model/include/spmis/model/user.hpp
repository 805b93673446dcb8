#pragma once
// Staff users with roles, and field devices.

#include <optional>
#include <string>
#include <vector>

#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::model {

enum class Role {
    kProgramViewer,
    kEnrollmentOfficer,
    kFinanceOfficer,
    kProgramManager,
    kAdministrator,
    kAuditor,
    kFieldOfficer
};
enum class DeviceState { kActive, kRevoked };

template <>
struct EnumInfo<Role> {
    static constexpr std::string_view kKind = "role";
    static constexpr std::array<std::string_view, 7> kNames{
        "program_viewer", "enrollment_officer", "finance_officer", "program_manager", "administrator",
        "auditor",        "field_officer"};
};
template <>
struct EnumInfo<DeviceState> {
    static constexpr std::string_view kKind = "device state";
    static constexpr std::array<std::string_view, 2> kNames{"active", "revoked"};
};

// A staff member. `password_hash` is an argon2id string (never the password).
struct User {
    Uuid id;
    std::string username;
    std::string display_name;
    std::vector<Role> roles;
    std::string password_hash;
    bool active = true;
    UtcTime created_at{};

    bool operator==(const User&) const = default;
};

// A field device, bound to a field officer and some service points; its public key signs sync
// operations and credentials.
struct Device {
    Uuid id;
    std::string name;
    std::optional<Uuid> user_id;
    std::string public_key;  // base64 Ed25519 public key
    DeviceState state = DeviceState::kActive;
    std::vector<Uuid> service_point_ids;
    UtcTime registered_at{};
    std::optional<UtcTime> revoked_at;

    bool operator==(const Device&) const = default;
};

}  // namespace spmis::model
