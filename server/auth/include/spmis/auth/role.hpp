#pragma once
// Staff roles and what each may do. The permission table lives in one file
// (src/permission_table.cpp); route declarations name a Permission, never a role.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spmis::auth {

enum class Role {
    kProgramViewer,
    kEnrollmentOfficer,
    kFinanceOfficer,
    kProgramManager,
    kAdministrator,
    kAuditor,
    kFieldOfficer,  // devices in the field (sync), not staff of the web API
};

// Families of actions that routes declare as their minimum requirement.
enum class Permission {
    kPublic,                  // no token needed (health, login, OpenAPI)
    kAuthenticated,           // any valid token (logout, who am I)
    kRegistryRead,            // registrants, areas, service points: read
    kRegistryWrite,           // registrants: create, update, import
    kProgramRead,             // programs, memberships, jobs: read
    kProgramManage,           // programs: create, end, reactivate; approvals
    kEnrollmentRun,           // import eligible, verify, deduplicate, enroll; membership transitions
    kFinanceManage,           // cycles, entitlements, payments
    kUsersManage,             // staff accounts
    kDevicesManage,           // field devices and their keys
    kConfigManage,            // configuration
    kAuditRead,               // audit events
    kGrievanceOpen,           // grievances: open, add notes, appeal
    kGrievanceAssign,         // grievances: assign to a staff user
    kGrievanceResolve,        // grievances: start, hold, resolve with a decision, reject, close
    kGrievanceReadSensitive,  // grievances flagged sensitive: read (others see them nowhere)
};

// "program_viewer", ...
std::string_view role_name(Role role);
// The role with that name, or nullopt.
std::optional<Role> parse_role(std::string_view name);
// Every role, in declaration order.
const std::vector<Role>& all_roles();

// "registry_read", ...
std::string_view permission_name(Permission permission);
// Every permission, in declaration order.
const std::vector<Permission>& all_permissions();
// The permission with that name, or nullopt.
std::optional<Permission> parse_permission(std::string_view name);

// docs/roles.md: the permission table as a Markdown table (permissions by roles).
std::string roles_markdown();

// True when a user with this role may perform actions of this family.
bool role_allows(Role role, Permission permission);

}  // namespace spmis::auth
