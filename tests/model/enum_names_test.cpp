#include "spmis/model/enum_names.hpp"

#include <gtest/gtest.h>

#include <set>

#include "spmis/model/cycle.hpp"
#include "spmis/model/entitlement.hpp"
#include "spmis/model/payment.hpp"
#include "spmis/model/program.hpp"
#include "spmis/model/registrant.hpp"
#include "spmis/model/service_point.hpp"
#include "spmis/model/user.hpp"

namespace spmis::model {
namespace {

// Every name parses back to its value and names are unique within an enum.
template <typename E>
void expect_round_trip() {
    std::set<std::string_view> seen;
    for (E v : all_values<E>()) {
        auto name = to_string(v);
        EXPECT_TRUE(seen.insert(name).second) << name;
        auto parsed = parse_enum<E>(name);
        ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
        EXPECT_EQ(*parsed, v);
    }
    auto bad = parse_enum<E>("no_such_value");
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(bad.status().message().find(EnumInfo<E>::kKind), std::string::npos);
}

TEST(EnumNamesTest, EveryEnumRoundTripsThroughItsName) {
    expect_round_trip<RegistrantKind>();
    expect_round_trip<Sex>();
    expect_round_trip<GroupMembershipKind>();
    expect_round_trip<AttributeType>();
    expect_round_trip<TargetType>();
    expect_round_trip<ProgramState>();
    expect_round_trip<EntitlementKind>();
    expect_round_trip<AmountRuleKind>();
    expect_round_trip<MembershipState>();
    expect_round_trip<CycleState>();
    expect_round_trip<EntitlementState>();
    expect_round_trip<PaymentBatchState>();
    expect_round_trip<PaymentStatus>();
    expect_round_trip<ProviderKind>();
    expect_round_trip<Recipient>();
    expect_round_trip<Role>();
    expect_round_trip<DeviceState>();
}

TEST(EnumNamesTest, UsesStableWireNames) {
    EXPECT_EQ(to_string(CycleState::kToApprove), "to_approve");
    EXPECT_EQ(to_string(EntitlementKind::kInKind), "in_kind");
    EXPECT_EQ(to_string(MembershipState::kNotEligible), "not_eligible");
    EXPECT_EQ(to_string(Role::kFieldOfficer), "field_officer");
}

TEST(EnumNamesTest, RejectsWrongCase) { EXPECT_FALSE(parse_enum<Sex>("Female").ok()); }

}  // namespace
}  // namespace spmis::model
