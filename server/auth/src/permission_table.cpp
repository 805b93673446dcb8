// The one place that says which role may do which family of actions.

#include <array>
#include <utility>

#include "spmis/auth/role.hpp"

namespace spmis::auth {
namespace {

using P = Permission;
using R = Role;

struct Grant {
    Role role;
    std::vector<Permission> permissions;
};

const std::vector<Grant>& grants() {
    static const std::vector<Grant> table = {
        {R::kProgramViewer, {P::kRegistryRead, P::kProgramRead}},
        {R::kEnrollmentOfficer,
         {P::kRegistryRead, P::kRegistryWrite, P::kProgramRead, P::kEnrollmentRun, P::kGrievanceOpen}},
        {R::kFinanceOfficer, {P::kRegistryRead, P::kProgramRead, P::kFinanceManage, P::kGrievanceOpen}},
        {R::kProgramManager,
         {P::kRegistryRead, P::kRegistryWrite, P::kProgramRead, P::kProgramManage, P::kEnrollmentRun,
          P::kFinanceManage, P::kGrievanceOpen, P::kGrievanceAssign, P::kGrievanceResolve,
          P::kGrievanceReadSensitive}},
        {R::kAdministrator, {P::kUsersManage, P::kDevicesManage, P::kConfigManage}},
        // Auditors oversee staff: they read misconduct complaints (sensitive) but do not handle tickets.
        {R::kAuditor, {P::kRegistryRead, P::kProgramRead, P::kAuditRead, P::kGrievanceReadSensitive}},
        {R::kFieldOfficer, {}},
    };
    return table;
}

constexpr std::array<std::pair<Role, std::string_view>, 7> kRoleNames = {{
    {R::kProgramViewer, "program_viewer"},
    {R::kEnrollmentOfficer, "enrollment_officer"},
    {R::kFinanceOfficer, "finance_officer"},
    {R::kProgramManager, "program_manager"},
    {R::kAdministrator, "administrator"},
    {R::kAuditor, "auditor"},
    {R::kFieldOfficer, "field_officer"},
}};

constexpr std::array<std::pair<Permission, std::string_view>, 16> kPermissionNames = {{
    {P::kPublic, "public"},
    {P::kAuthenticated, "authenticated"},
    {P::kRegistryRead, "registry_read"},
    {P::kRegistryWrite, "registry_write"},
    {P::kProgramRead, "program_read"},
    {P::kProgramManage, "program_manage"},
    {P::kEnrollmentRun, "enrollment_run"},
    {P::kFinanceManage, "finance_manage"},
    {P::kUsersManage, "users_manage"},
    {P::kDevicesManage, "devices_manage"},
    {P::kConfigManage, "config_manage"},
    {P::kAuditRead, "audit_read"},
    {P::kGrievanceOpen, "grievance_open"},
    {P::kGrievanceAssign, "grievance_assign"},
    {P::kGrievanceResolve, "grievance_resolve"},
    {P::kGrievanceReadSensitive, "grievance_read_sensitive"},
}};

}  // namespace

std::string_view role_name(Role role) {
    for (const auto& [r, name] : kRoleNames) {
        if (r == role) return name;
    }
    return "unknown";
}

std::optional<Role> parse_role(std::string_view name) {
    for (const auto& [r, n] : kRoleNames) {
        if (n == name) return r;
    }
    return std::nullopt;
}

const std::vector<Role>& all_roles() {
    static const std::vector<Role> roles = [] {
        std::vector<Role> out;
        out.reserve(kRoleNames.size());
        for (const auto& entry : kRoleNames) out.push_back(entry.first);
        return out;
    }();
    return roles;
}

std::string_view permission_name(Permission permission) {
    for (const auto& [p, name] : kPermissionNames) {
        if (p == permission) return name;
    }
    return "unknown";
}

const std::vector<Permission>& all_permissions() {
    static const std::vector<Permission> permissions = [] {
        std::vector<Permission> out;
        out.reserve(kPermissionNames.size());
        for (const auto& entry : kPermissionNames) out.push_back(entry.first);
        return out;
    }();
    return permissions;
}

std::optional<Permission> parse_permission(std::string_view name) {
    for (const auto& [p, n] : kPermissionNames) {
        if (n == name) return p;
    }
    return std::nullopt;
}

bool role_allows(Role role, Permission permission) {
    if (permission == P::kPublic || permission == P::kAuthenticated) return true;
    for (const Grant& grant : grants()) {
        if (grant.role != role) continue;
        for (Permission p : grant.permissions) {
            if (p == permission) return true;
        }
    }
    return false;
}

}  // namespace spmis::auth
