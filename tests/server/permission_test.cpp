#include <gtest/gtest.h>

#include "spmis/auth/role.hpp"

namespace spmis::auth {
namespace {

TEST(PermissionTest, NamesRoundTrip) {
    for (Role role : all_roles()) EXPECT_EQ(parse_role(role_name(role)), role);
    EXPECT_EQ(all_roles().size(), 7u);
    EXPECT_EQ(parse_permission("users_manage"), Permission::kUsersManage);
    EXPECT_FALSE(parse_role("root"));
    EXPECT_FALSE(parse_permission("everything"));
}

TEST(PermissionTest, TableGrantsEachRoleItsFamiliesOnly) {
    EXPECT_TRUE(role_allows(Role::kAdministrator, Permission::kUsersManage));
    EXPECT_FALSE(role_allows(Role::kAdministrator, Permission::kEnrollmentRun));
    EXPECT_TRUE(role_allows(Role::kProgramViewer, Permission::kProgramRead));
    EXPECT_FALSE(role_allows(Role::kProgramViewer, Permission::kRegistryWrite));
    EXPECT_TRUE(role_allows(Role::kEnrollmentOfficer, Permission::kEnrollmentRun));
    EXPECT_FALSE(role_allows(Role::kEnrollmentOfficer, Permission::kFinanceManage));
    EXPECT_TRUE(role_allows(Role::kFinanceOfficer, Permission::kFinanceManage));
    EXPECT_TRUE(role_allows(Role::kProgramManager, Permission::kProgramManage));
    EXPECT_TRUE(role_allows(Role::kAuditor, Permission::kAuditRead));
    EXPECT_FALSE(role_allows(Role::kAuditor, Permission::kRegistryWrite));
    EXPECT_FALSE(role_allows(Role::kFieldOfficer, Permission::kRegistryRead));
    for (Role role : all_roles()) {
        EXPECT_TRUE(role_allows(role, Permission::kPublic));
        EXPECT_TRUE(role_allows(role, Permission::kAuthenticated));
    }
}

}  // namespace
}  // namespace spmis::auth
