// GET /api/v1/registrants/{id}/benefits over real HTTP against spmis-server: a household with two
// members, an in-kind basket held by the household (one redemption counted, one voided), a cash
// pension held by a member, attendance recorded twice by two devices; roles, unknown ids.

#include <string>

#include "server_fixture.hpp"
#include "spmis/store/store.hpp"
#include "support/test_clock.hpp"

namespace spmis::test {
namespace {

constexpr const char* kPassword = "correct horse";

// Every record the test writes, by role in the story.
struct Story {
    Uuid household, head, child, basket_program, pension_program, basket, pension, counted, voided, event,
        attendance;
};

class RegistrantBenefitsApiTest : public ServerFixture {
protected:
    void SetUp() override {
        ASSERT_EQ(add_user("viewer", "program_viewer", kPassword), 0);
        ASSERT_EQ(add_user("admin", "administrator", kPassword), 0);
        auto opened = open_test_store(dir_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().to_string();
        store_ = std::move(*opened);
        now_ = test_clock().now();
        seed_registry();
        seed_programs();
        seed_delivery();
        store_.reset();
        start();
        client_->set_bearer(login("viewer", kPassword));
    }

    Uuid registrant(model::RegistrantKind kind, const std::string& name) {
        model::Registrant r;
        r.id = new_uuid_v7();
        r.kind = kind;
        r.name = name;
        r.created_at = r.updated_at = now_;
        EXPECT_TRUE(store_->registry().insert_registrant(r).ok());
        return r.id;
    }

    void seed_registry() {
        s_.household = registrant(model::RegistrantKind::kGroup, "Banda household");
        s_.head = registrant(model::RegistrantKind::kIndividual, "Peter Banda");
        s_.child = registrant(model::RegistrantKind::kIndividual, "Grace Banda");
        for (const Uuid& member : {s_.head, s_.child}) {
            ASSERT_TRUE(store_->registry().put_group_membership({s_.household, member}).ok());
        }
    }

    Uuid program(const std::string& code, model::TargetType target, model::EntitlementKind kind) {
        model::Program p;
        p.id = new_uuid_v7();
        p.code = code;
        p.name = code + " program";
        p.target = target;
        p.eligibility_cel = "true";
        p.kind = kind;
        p.currency = "USD";
        p.item = "food basket";
        p.unit = "basket";
        p.created_at = now_;
        EXPECT_TRUE(store_->programs().insert_program(p).ok());
        model::ProgramMembership m{new_uuid_v7(),
                                   p.id,
                                   target == model::TargetType::kGroup ? s_.household : s_.head,
                                   model::MembershipState::kEnrolled,
                                   date_of(now_),
                                   std::nullopt,
                                   now_,
                                   now_};
        EXPECT_TRUE(store_->programs().insert_membership(m).ok());
        return p.id;
    }

    void seed_programs() {
        s_.basket_program = program("BASKET", model::TargetType::kGroup, model::EntitlementKind::kInKind);
        s_.pension_program =
            program("PENSION", model::TargetType::kIndividual, model::EntitlementKind::kCash);
    }

    model::Entitlement entitlement(const Uuid& program, const Uuid& holder, model::EntitlementKind kind) {
        model::Cycle c{new_uuid_v7(),
                       program,
                       1,
                       "This month",
                       date_of(now_),
                       date_of(now_),
                       Money{0, "USD"},
                       model::CycleState::kApproved,
                       now_};
        EXPECT_TRUE(store_->programs().insert_cycle(c).ok());
        model::Entitlement e;
        e.id = new_uuid_v7();
        e.cycle_id = c.id;
        e.program_id = program;
        e.registrant_id = holder;
        e.kind = kind;
        e.state = model::EntitlementState::kApproved;
        e.amount = Money{kind == model::EntitlementKind::kCash ? 5000 : 0, "USD"};
        e.item = kind == model::EntitlementKind::kInKind ? "food basket" : "";
        e.quantity = kind == model::EntitlementKind::kInKind ? 2 : 0;
        e.unit = kind == model::EntitlementKind::kInKind ? "basket" : "";
        e.valid_from = date_of(now_);
        e.valid_until = date_of(now_);
        e.created_at = now_;
        EXPECT_TRUE(store_->delivery().insert_entitlement(e).ok());
        return e;
    }

    Uuid redemption(const model::Entitlement& e, double quantity, const Uuid& point) {
        model::Redemption r;
        r.id = new_uuid_v7();
        r.entitlement_id = e.id;
        r.service_point_id = point;
        r.quantity = quantity;
        r.value = Money{0, "USD"};
        r.recorded_by = "officer-A";
        r.at = now_;
        EXPECT_TRUE(store_->service_points().insert_redemption(r).ok());
        return r.id;
    }

    void seed_delivery() {
        model::ServicePoint point{new_uuid_v7(), "SP-1", "Market square",
                                  std::nullopt,  100,    {s_.basket_program}};
        ASSERT_TRUE(store_->service_points().insert_service_point(point).ok());
        const model::Entitlement basket =
            entitlement(s_.basket_program, s_.household, model::EntitlementKind::kInKind);
        s_.basket = basket.id;
        s_.pension = entitlement(s_.pension_program, s_.head, model::EntitlementKind::kCash).id;
        s_.counted = redemption(basket, 1.5, point.id);
        s_.voided = redemption(basket, 0.5, point.id);
        ASSERT_TRUE(store_->service_points().void_redemption(s_.voided, "supervisor").ok());
        s_.event = new_uuid_v7();
        ASSERT_TRUE(store_->service_points()
                        .insert_event({s_.event, point.id, s_.basket_program, basket.cycle_id, now_, now_})
                        .ok());
        // The head collects; a second tablet records the same visit again (a duplicate, listed once).
        s_.attendance = new_uuid_v7();
        ASSERT_TRUE(store_->service_points()
                        .insert_attendance(
                            {s_.attendance, s_.event, s_.head, std::nullopt, "officer-A", now_}, std::nullopt)
                        .ok());
        ASSERT_TRUE(
            store_->service_points()
                .insert_attendance({new_uuid_v7(), s_.event, s_.head, std::nullopt, "officer-B", now_},
                                   s_.attendance)
                .ok());
    }

    nlohmann::json benefits(const Uuid& id) {
        HttpResult r = client_->get("/api/v1/registrants/" + id.to_string() + "/benefits");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }

    static const nlohmann::json& by_id(const nlohmann::json& list, const Uuid& id) {
        for (const auto& item : list) {
            if (item["id"] == id.to_string()) return item;
        }
        static const nlohmann::json kMissing;
        ADD_FAILURE() << id.to_string() << " not in " << list.dump();
        return kMissing;
    }

    std::unique_ptr<store::Store> store_;
    UtcTime now_{};
    Story s_;
};

TEST_F(RegistrantBenefitsApiTest, HouseholdShowsItsBasketWithBalanceAndItsMembersPension) {
    const nlohmann::json b = benefits(s_.household);
    EXPECT_EQ(b["registrant_id"], s_.household.to_string());
    ASSERT_EQ(b["holders"].size(), 3u);
    EXPECT_EQ(b["holders"][0]["relation"], "self");
    EXPECT_EQ(by_id(b["holders"], s_.head)["relation"], "member");

    ASSERT_EQ(b["memberships"].size(), 2u);
    EXPECT_EQ(b["memberships"][0]["program_code"], "BASKET");
    EXPECT_EQ(b["memberships"][0]["state"], "enrolled");
    EXPECT_EQ(b["memberships"][1]["program_code"], "PENSION");
    EXPECT_EQ(b["memberships"][1]["registrant_id"], s_.head.to_string());

    ASSERT_EQ(b["entitlements"].size(), 2u);
    const nlohmann::json& basket = by_id(b["entitlements"], s_.basket);
    EXPECT_EQ(basket["item"], "food basket");
    EXPECT_EQ(basket["cycle_name"], "This month");
    EXPECT_EQ(basket["granted_milli"], 2000);
    EXPECT_EQ(basket["redeemed_milli"], 1500);  // the voided half basket does not count
    EXPECT_EQ(basket["remaining_milli"], 500);
    EXPECT_EQ(basket["state"], "approved");
    const nlohmann::json& pension = by_id(b["entitlements"], s_.pension);
    EXPECT_EQ(pension["amount"], 5000);
    EXPECT_EQ(pension["granted_milli"], 5000000);
    EXPECT_TRUE(pension["redeemed_milli"].is_null());  // cash is paid, not redeemed
    EXPECT_TRUE(pension["remaining_milli"].is_null());

    ASSERT_EQ(b["redemptions"].size(), 2u);
    EXPECT_EQ(by_id(b["redemptions"], s_.counted)["quantity_milli"], 1500);
    EXPECT_EQ(by_id(b["redemptions"], s_.counted)["voided"], false);
    EXPECT_EQ(by_id(b["redemptions"], s_.voided)["voided"], true);
    EXPECT_EQ(by_id(b["redemptions"], s_.voided)["voided_by"], "supervisor");

    ASSERT_EQ(b["attendance"].size(), 1u);  // the duplicate from the second tablet is not listed
    EXPECT_EQ(b["attendance"][0]["id"], s_.attendance.to_string());
    EXPECT_EQ(b["attendance"][0]["registrant_id"], s_.head.to_string());
    EXPECT_EQ(b["attendance"][0]["program_id"], s_.basket_program.to_string());
}

TEST_F(RegistrantBenefitsApiTest, AMemberSeesTheHouseholdBasketBesideTheirOwnPension) {
    const nlohmann::json b = benefits(s_.head);
    ASSERT_EQ(b["holders"].size(), 2u);
    EXPECT_EQ(b["holders"][1]["id"], s_.household.to_string());
    EXPECT_EQ(b["holders"][1]["relation"], "household");
    ASSERT_EQ(b["entitlements"].size(), 2u);
    EXPECT_EQ(b["entitlements"][0]["id"], s_.pension.to_string());  // the registrant's own first
    EXPECT_EQ(b["entitlements"][1]["id"], s_.basket.to_string());

    // The child holds nothing of their own, and sees the household's (not the head's pension).
    const nlohmann::json child = benefits(s_.child);
    ASSERT_EQ(child["entitlements"].size(), 1u);
    EXPECT_EQ(child["entitlements"][0]["id"], s_.basket.to_string());
    EXPECT_TRUE(child["attendance"].empty());
}

TEST_F(RegistrantBenefitsApiTest, RolesAndUnknownIdsAreRefused) {
    const std::string path = "/api/v1/registrants/" + s_.household.to_string() + "/benefits";
    EXPECT_EQ(client_->get("/api/v1/registrants/" + new_uuid_v7().to_string() + "/benefits").status, 404);
    EXPECT_EQ(client_->get("/api/v1/registrants/not-an-id/benefits").status, 404);
    client_->set_bearer(login("admin", kPassword));  // no program_read
    EXPECT_EQ(client_->get(path).status, 403);
    client_->set_bearer("");
    EXPECT_EQ(client_->get(path).status, 401);
    const nlohmann::json doc = client_->get("/api/v1/openapi.json").json();
    EXPECT_EQ(doc["paths"]["/api/v1/registrants/{id}/benefits"]["get"]["x-spmis-permission"], "program_read");
}

}  // namespace
}  // namespace spmis::test
