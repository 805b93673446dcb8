#include "spmis/credential/status_list.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace spmis::credential {
namespace {

TEST(StatusListTest, DecodesTheDraftExamplesEntryByEntry) {
    nlohmann::json v = testing::load_vector("status-list/token-status-list-examples.json");
    int cases = 0;
    for (const auto& c : v["cases"]) {
        Result<StatusList> list = StatusList::from_compressed(c["bits"], testing::hex(c["lst_zlib_hex"]));
        ASSERT_TRUE(list.ok()) << list.status().to_string();
        std::uint64_t i = 0;
        for (const auto& expected : c["statuses"]) {
            EXPECT_EQ(list->at(i), expected.get<int>()) << "bits " << c["bits"] << " index " << i;
            ++i;
        }
        EXPECT_FALSE(list->at(1000).has_value());
        ++cases;
    }
    EXPECT_EQ(cases, 2);
    EXPECT_FALSE(StatusList::from_compressed(3, testing::hex("78dadbb918000217015d")).ok());
    EXPECT_FALSE(StatusList::from_compressed(1, testing::hex("78dadbb9180002")).ok());
}

TEST(StatusListTest, InMemoryLedgerRemembersRedemptions) {
    InMemoryRedemptionLedger ledger;
    EXPECT_FALSE(ledger.is_redeemed({1}));
    ledger.record({1});
    EXPECT_TRUE(ledger.is_redeemed({1}));
    EXPECT_FALSE(ledger.is_redeemed({2}));
}

}  // namespace
}  // namespace spmis::credential
