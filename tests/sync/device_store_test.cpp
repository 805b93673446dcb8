#include "spmis/sync/device_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "device_fixture.hpp"
#include "spmis/base/text_fold.hpp"
#include "spmis/sync/hash_chain.hpp"

namespace spmis::sync::testing {
namespace {

using DeviceStoreTest = DeviceFixture;

const Uuid kEnt = test_id(10);
const Uuid kPerson = test_id(20);

TEST_F(DeviceStoreTest, FailureInTheMiddleLeavesNeitherOutboxNorDomainRow) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    for (const char* point : {"after_outbox", "before_commit"}) {
        store_->inject_failure(point);
        auto r = store_->redeem({kEnt, 4'000, "", "", "cafe01", false, ""});
        ASSERT_FALSE(r.ok()) << point;
        EXPECT_EQ(r.status().code(), ErrorCode::kStorage);
        EXPECT_TRUE(store_->outbox()->empty()) << point;
        EXPECT_EQ(store_->balance(kEnt)->estimate_milli, 10'000) << point;
        EXPECT_FALSE(*store_->credential_redeemed("cafe01")) << point;
        EXPECT_EQ(store_->state()->tip.seq, 0u) << point;
    }
    auto ok = store_->redeem({kEnt, 4'000, "", "", "cafe01", false, ""});
    ASSERT_TRUE(ok.ok()) << ok.status().to_string();
    EXPECT_EQ(ok->op.device_seq, 1u);
    EXPECT_EQ(store_->balance(kEnt)->estimate_milli, 6'000);
}

TEST_F(DeviceStoreTest, SequenceIsGaplessAcrossRestartsAndTheChainVerifies) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 100'000, 100'000), 1);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(store_->redeem({kEnt, 1'000, "", "", "", false, ""}).ok());
    store_->inject_failure("before_commit");
    ASSERT_FALSE(store_->redeem({kEnt, 1'000, "", "", "", false, ""}).ok());
    reopen();
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(store_->redeem({kEnt, 1'000, "", "", "", false, ""}).ok());
    auto outbox = store_->outbox();
    ASSERT_TRUE(outbox.ok());
    std::vector<Operation> ops;
    for (const auto& e : *outbox) ops.push_back(e.op);
    ASSERT_EQ(ops.size(), 5u);
    for (std::size_t i = 0; i < ops.size(); ++i) EXPECT_EQ(ops[i].device_seq, i + 1);
    EXPECT_TRUE(verify_chain(ops, Hash{}).ok());
    EXPECT_EQ(store_->state()->tip.hash, ops.back().hash);
    EXPECT_EQ(ops[0].device_id, device_id_);
    EXPECT_EQ(ops[0].officer_id, "officer-1");
    EXPECT_EQ(ops[0].time_claim.boot_id, "boot-1");
    EXPECT_EQ(ops[0].routing.service_point, test_id(700));
    EXPECT_EQ(ops[0].routing.household, test_id(900));
}

TEST_F(DeviceStoreTest, OverBalanceIsRefusedWithoutOverrideAndRecordedWithIt) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    ASSERT_TRUE(store_->redeem({kEnt, 6'000, "Maria", "spouse", "", false, ""}).ok());
    auto refused = store_->redeem({kEnt, 6'000, "", "", "", false, ""});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), ErrorCode::kRefused);
    EXPECT_EQ(exit_code_for(refused.status().code()), 1);
    auto no_reason = store_->redeem({kEnt, 6'000, "", "", "", true, ""});
    EXPECT_EQ(no_reason.status().code(), ErrorCode::kInvalidArgument);
    auto over = store_->redeem({kEnt, 6'000, "", "", "", true, "stock delivered late"});
    ASSERT_TRUE(over.ok()) << over.status().to_string();
    EXPECT_TRUE(over->overridden);
    EXPECT_EQ(over->before.estimate_milli, 4'000);
    EXPECT_EQ(over->op.payload["override_reason"], "stock delivered late");
    EXPECT_EQ(over->op.payload["quantity_milli"], 6'000);
    EXPECT_EQ(over->op.base["believed_remaining_milli"], 4'000);
    EXPECT_EQ(store_->balance(kEnt)->estimate_milli, -2'000);
    EXPECT_EQ(store_->outbox()->size(), 2u);
}

// Regression: the device showed [expired] in find yet recorded an offline hand-out of an expired
// basket silently. Validity is checked against the device's own date (clock_ is the fixture's kFixtureNow).
TEST_F(DeviceStoreTest, RedeemRefusesWhatCannotBeHandedOutTodayUnlessOverridden) {
    const std::string today = format_date(date_of(clock_.wall()));
    auto with = [&](const char* state, const std::string& from, const std::string& until) {
        auto e = test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000);
        e.state = *model::parse_enum<model::EntitlementState>(state);
        e.valid_from = *parse_date(from);
        e.valid_until = *parse_date(until);
        return e;
    };
    const std::string yesterday =
        format_date(Date(std::chrono::sys_days(date_of(clock_.wall())) - std::chrono::days(1)));
    const std::string tomorrow =
        format_date(Date(std::chrono::sys_days(date_of(clock_.wall())) + std::chrono::days(1)));
    struct Case {
        const char* state;
        std::string from, until, words;
    };
    std::int64_t seq = 1;
    for (const Case& c : {Case{"approved", "2020-01-01", yesterday, "expired on " + yesterday},
                          Case{"approved", tomorrow, "2099-12-31", "valid only from " + tomorrow},
                          Case{"cancelled", "2020-01-01", "2099-12-31", "state is cancelled"},
                          Case{"expired", "2020-01-01", "2099-12-31", "state is expired"}}) {
        give("entitlement", kEnt, with(c.state, c.from, c.until), seq++);
        auto refused = store_->redeem({kEnt, 1'000, "", "", "", false, ""});
        ASSERT_FALSE(refused.ok()) << c.words;
        EXPECT_EQ(refused.status().code(), ErrorCode::kRefused);
        EXPECT_NE(refused.status().message().find(c.words), std::string::npos) << refused.status().message();
    }
    EXPECT_EQ(store_->outbox()->size(), 0u);
    auto overridden = store_->redeem({kEnt, 1'000, "", "", "", true, "stock arrived after the cycle"});
    ASSERT_TRUE(overridden.ok()) << overridden.status().to_string();
    EXPECT_TRUE(overridden->overridden);
    EXPECT_EQ(overridden->op.payload["override_reason"], "stock arrived after the cycle");
    // The last day of the window is still redeemable.
    give("entitlement", kEnt, with("approved", today, today), seq++);
    EXPECT_TRUE(store_->redeem({kEnt, 1'000, "", "", "", false, ""}).ok());
}

TEST_F(DeviceStoreTest, DefaultQuantityIsTheWholeEstimate) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 25'000, 20'000), 1);
    auto r = store_->redeem({kEnt, std::nullopt, "", "", "", false, ""});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->op.payload["quantity_milli"], 20'000);
    EXPECT_EQ(store_->redeem({kEnt, std::nullopt, "", "", "", false, ""}).status().code(),
              ErrorCode::kRefused);
}

TEST_F(DeviceStoreTest, CredentialRedeemedTwiceOnThisDeviceIsAlreadyRedeemed) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    ASSERT_TRUE(store_->redeem({kEnt, 1'000, "", "", "0a0b", false, ""}).ok());
    auto again = store_->redeem({kEnt, 1'000, "", "", "0a0b", false, ""});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.status().code(), ErrorCode::kRefused);
    EXPECT_NE(again.status().message().find("ALREADY_REDEEMED"), std::string::npos);
}

TEST_F(DeviceStoreTest, NamePrefixSearchIgnoresAccentsAndCase) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    give("entitlement", test_id(11),
         test_entitlement(test_id(11), test_id(21), "Joselyn Smith", 5'000, 5'000, test_id(902)), 2);
    auto hits = store_->find("jose", 10);
    ASSERT_TRUE(hits.ok()) << hits.status().to_string();
    ASSERT_EQ(hits->size(), 2u);
    EXPECT_EQ((*hits)[0].name, "José Álvarez");
    EXPECT_EQ(store_->find("ALVA", 10)->size(), 1u);
    EXPECT_EQ(store_->find("josé á", 10)->size(), 1u);
    EXPECT_TRUE(store_->find("lvarez", 10)->empty());
    auto by_nid = store_->find("NID-20", 10);
    ASSERT_EQ(by_nid->size(), 1u);
    const auto& p = (*by_nid)[0];
    EXPECT_EQ(p.registrant_id, kPerson);
    EXPECT_EQ(p.household.size(), 2u);
    ASSERT_EQ(p.entitlements.size(), 1u);
    EXPECT_EQ(p.entitlements[0]["estimate_milli"], 10'000);
    ASSERT_EQ(p.memberships.size(), 1u);
    EXPECT_EQ(store_->find(kPerson.to_string(), 10)->size(), 1u);
    EXPECT_EQ(store_->find("nunez", 10)->size(), 1u);  // household member "Ana Núñez", second word
}

TEST_F(DeviceStoreTest, NameLookupIsAnIndexRangeNotAScan) {
    auto plan = store_->find_plan();
    ASSERT_TRUE(plan.ok()) << plan.status().to_string();
    std::string all;
    for (const auto& line : *plan) all += line + "\n";
    EXPECT_NE(all.find("INDEX name_keys_word (word_key>? AND word_key<?)"), std::string::npos) << all;
    EXPECT_EQ(all.find("SCAN"), std::string::npos) << all;
    EXPECT_EQ(all.find("TEMP B-TREE"), std::string::npos) << all;  // rows come out of the index in order
}

TEST_F(DeviceStoreTest, EntitlementsOfAHitAreReadHolderFirstNotByScanningEveryEntitlement) {
    auto plan = store_->holdings_plan();
    ASSERT_TRUE(plan.ok()) << plan.status().to_string();
    std::string all;
    for (const auto& line : *plan) all += line + "\n";
    EXPECT_NE(all.find("SEARCH h USING COVERING INDEX sqlite_autoindex_holders_1 (registrant_id=?)"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("(kind=? AND id=?)"), std::string::npos) << all;  // one pulled row per holding
    EXPECT_EQ(all.find("SCAN"), std::string::npos) << all;
}

TEST_F(DeviceStoreTest, NameLookupStopsAtTheLimitAndCountsEachPersonOnce) {
    for (int i = 0; i < 30; ++i) {
        // Both words start with "ma": one person, two keys.
        give("entitlement", test_id(100 + i),
             test_entitlement(test_id(100 + i), test_id(200 + i), "Maria Mabaso " + std::to_string(i), 1'000,
                              1'000, test_id(300 + i)),
             i + 1);
    }
    auto hits = store_->find("MA", 25);
    ASSERT_TRUE(hits.ok()) << hits.status().to_string();
    ASSERT_EQ(hits->size(), 25u);
    std::set<Uuid> distinct;
    for (const auto& p : *hits) distinct.insert(p.registrant_id);
    EXPECT_EQ(distinct.size(), 25u);
    EXPECT_EQ(store_->find("mabaso 2", 50)->size(), 11u);  // "2" and "20".."29"
}

TEST_F(DeviceStoreTest, VersionOneStoreGetsItsLookupTablesOnOpen) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    ASSERT_TRUE(store_->redeem({kEnt, 4'000, "", "", "", false, ""}).ok());
    store_.reset();
    // A store written by the previous schema: no name keys nor holders yet.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "field.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, "DELETE FROM name_keys; DELETE FROM holders; PRAGMA user_version = 1;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    reopen();
    auto hits = store_->find("alva", 10);
    ASSERT_TRUE(hits.ok()) << hits.status().to_string();
    ASSERT_EQ(hits->size(), 1u);
    ASSERT_EQ((*hits)[0].entitlements.size(), 1u);
    EXPECT_EQ((*hits)[0].entitlements[0]["estimate_milli"], 6'000);  // the pending redemption still counts
}

TEST_F(DeviceStoreTest, FoldMapsLatinLettersToTheirBase) {
    EXPECT_EQ(fold_for_search("ÀÉÎÕÜ Straße Œuvre Łódź Çağrı"), "aeiou strasse oeuvre lodz cagri");
    EXPECT_EQ(fold_for_search("Ωmega"), "Ωmega");
    EXPECT_EQ(fold_for_search(std::string("a\xff") + "b"), "ab");
}

TEST_F(DeviceStoreTest, MembershipTransitionsFollowTheStateMachine) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    const Uuid m = test_id(600);
    auto paused = store_->transition_membership(m, model::MembershipState::kPaused, "travelling");
    ASSERT_TRUE(paused.ok()) << paused.status().to_string();
    EXPECT_EQ(paused->base["expected_state"], "enrolled");
    EXPECT_EQ(paused->payload["to"], "paused");
    auto again = store_->transition_membership(m, model::MembershipState::kPaused, "twice");
    EXPECT_EQ(again.status().code(), ErrorCode::kIllegalTransition);
    auto resumed = store_->transition_membership(m, model::MembershipState::kEnrolled, "back");
    ASSERT_TRUE(resumed.ok());
    EXPECT_EQ(resumed->base["expected_state"], "paused");
    EXPECT_EQ(
        store_->transition_membership(test_id(601), model::MembershipState::kPaused, "x").status().code(),
        ErrorCode::kNotFound);
}

TEST_F(DeviceStoreTest, AttendanceIsRecordedOncePerEvent) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    give("event", test_id(500), test_event(test_id(500)), 2);
    auto first = store_->record_attendance(kPerson, test_id(500));
    ASSERT_TRUE(first.ok()) << first.status().to_string();
    EXPECT_EQ(first->payload["event_id"], test_id(500).to_string());
    EXPECT_EQ(store_->record_attendance(kPerson, test_id(500)).status().code(), ErrorCode::kRefused);
    EXPECT_EQ(store_->record_attendance(kPerson, test_id(501)).status().code(), ErrorCode::kNotFound);
}

TEST_F(DeviceStoreTest, VoidAndFieldUpdateAreOperations) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    auto r = store_->redeem({kEnt, 3'000, "", "", "", false, ""});
    ASSERT_TRUE(r.ok());
    auto v = store_->void_redemption(r->op.record_id, "wrong person");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->op_type, "redemption.void");
    EXPECT_EQ(store_->balance(kEnt)->estimate_milli, 10'000);
    auto u = store_->update_registrant(kPerson, {{"phone", "+258 84 000"}}, {{"phone", 3}});
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->base["field_versions"]["phone"], 3);
    EXPECT_EQ(u->device_seq, 3u);
}

TEST_F(DeviceStoreTest, QuantitiesParseAsThousandths) {
    EXPECT_EQ(*parse_quantity_milli("12"), 12'000);
    EXPECT_EQ(*parse_quantity_milli("12.5"), 12'500);
    EXPECT_EQ(*parse_quantity_milli("0.125"), 125);
    for (const char* bad : {"", "-1", "1.", ".5", "1.2345", "1e3", "abc"}) {
        EXPECT_FALSE(parse_quantity_milli(bad).ok()) << bad;
    }
    EXPECT_EQ(format_quantity_milli(12'500), "12.5");
    EXPECT_EQ(format_quantity_milli(-2'000), "-2");
}

TEST_F(DeviceStoreTest, NewerPulledCopyReplacesOlderAndNeverTheReverse) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 7'000), 5);
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 9'000), 3);
    EXPECT_EQ(store_->balance(kEnt)->pulled_remaining_milli, 7'000);
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 2'000), 8);
    EXPECT_EQ(store_->balance(kEnt)->pulled_remaining_milli, 2'000);
    EXPECT_EQ(*store_->count_records("entitlement"), 1);
}

}  // namespace
}  // namespace spmis::sync::testing

namespace spmis::sync::testing {
namespace {

// The Today screen's figures: who is expected (people holding an entitlement here), who was served,
// what was handed out by unit; a voided hand-out does not count.
TEST_F(DeviceStoreTest, DistributionSummaryCountsServedPeopleAndWhatWasHandedOut) {
    give("entitlement", kEnt, test_entitlement(kEnt, kPerson, "José Álvarez", 10'000, 10'000), 1);
    give("entitlement", test_id(11), test_entitlement(test_id(11), test_id(21), "Awa Ba", 10'000, 10'000), 2);
    auto empty = store_->distribution_summary();
    ASSERT_TRUE(empty.ok()) << empty.status().to_string();
    EXPECT_EQ(empty->beneficiaries, 2);
    EXPECT_EQ(empty->served, 0);
    EXPECT_TRUE(empty->handed_out_milli.empty());
    ASSERT_TRUE(store_->redeem({kEnt, 4'000, "", "", "", false, ""}).ok());
    auto voided = store_->redeem({test_id(11), 1'000, "", "", "", false, ""});
    ASSERT_TRUE(voided.ok());
    ASSERT_TRUE(store_->void_redemption(voided->op.record_id, "wrong person").ok());
    auto d = store_->distribution_summary();
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->served, 1);
    EXPECT_EQ(d->handed_out_milli, (std::map<std::string, std::int64_t>{{"kg", 4'000}}));
    EXPECT_EQ(d->attended, 0) << "no event is open";
}

// The screen's sign-in: a PIN is digits, kept hashed; five wrong PINs in a row lock the officer for
// a while (counted in the store, so restarting the screen does not reset it); the lock runs out.
TEST_F(DeviceStoreTest, FiveWrongPinsLockTheOfficerUntilTheLockoutRunsOut) {
    EXPECT_EQ(store_->set_officer_pin("Awa", "12a4").code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(store_->set_officer_pin("Awa", "123").code(), ErrorCode::kInvalidArgument);
    ASSERT_TRUE(store_->set_officer_pin("Awa", "2468").ok())
        << store_->set_officer_pin("Awa", "2468").to_string();
    EXPECT_EQ(*store_->officers(), std::vector<std::string>{"Awa"});
    EXPECT_TRUE(store_->check_officer_pin("Awa", "2468").ok());
    EXPECT_EQ(store_->check_officer_pin("Nobody", "2468").code(), ErrorCode::kUnauthenticated);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(store_->check_officer_pin("Awa", "0000").code(), ErrorCode::kUnauthenticated);
    reopen();
    EXPECT_EQ(store_->check_officer_pin("Awa", "0000").code(), ErrorCode::kUnauthenticated);  // the fifth
    Status locked = store_->check_officer_pin("Awa", "2468");
    EXPECT_EQ(locked.code(), ErrorCode::kRefused) << "the right PIN does not open a locked screen";
    EXPECT_NE(locked.message().find("too many wrong PINs"), std::string::npos);
    clock_.advance(std::chrono::minutes(6));
    EXPECT_TRUE(store_->check_officer_pin("Awa", "2468").ok());
    // The stored hash is argon2id, not the PIN.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "field.db").string().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT pin_hash FROM officers", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    const std::string hash = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
    EXPECT_EQ(hash.find("2468"), std::string::npos);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

}  // namespace
}  // namespace spmis::sync::testing
