// The grievance state machine as data: every pair of states is either a row of the table or refused.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "spmis/grievances/states.hpp"

namespace spmis::grievances {
namespace {

const std::set<std::pair<std::string, std::string>> kExpected = {
    {"new", "assigned"},         {"new", "rejected"},        {"assigned", "in_progress"},
    {"assigned", "rejected"},    {"in_progress", "on_hold"}, {"in_progress", "resolved"},
    {"in_progress", "rejected"}, {"on_hold", "in_progress"}, {"on_hold", "resolved"},
    {"on_hold", "rejected"},     {"resolved", "closed"}};

TEST(GrievanceStatesTest, EveryPairOfStatesIsLegalExactlyWhenTheTableSaysSo) {
    int legal = 0;
    for (std::string_view from : states()) {
        for (std::string_view to : states()) {
            const bool expected = kExpected.count({std::string(from), std::string(to)}) == 1;
            EXPECT_EQ(is_legal(from, to), expected) << from << " -> " << to;
            legal += expected ? 1 : 0;
        }
    }
    EXPECT_EQ(legal, static_cast<int>(kExpected.size()));
    EXPECT_EQ(transitions().size(), kExpected.size());
}

TEST(GrievanceStatesTest, ClosedAndRejectedAreTerminalAndUnknownStatesGoNowhere) {
    for (std::string_view to : states()) {
        EXPECT_FALSE(is_legal("closed", to));
        EXPECT_FALSE(is_legal("rejected", to));
        EXPECT_FALSE(is_legal("reopened", to));
    }
    EXPECT_TRUE(is_open_state("on_hold"));
    EXPECT_FALSE(is_open_state("resolved"));
}

TEST(GrievanceStatesTest, VocabulariesAreClosed) {
    EXPECT_TRUE(is_one_of(channels(), "sms"));
    EXPECT_FALSE(is_one_of(channels(), "email"));
    EXPECT_TRUE(is_one_of(decisions(), "partially_upheld"));
    EXPECT_FALSE(is_one_of(decisions(), ""));
    EXPECT_TRUE(is_one_of(priorities(), "urgent"));
}

}  // namespace
}  // namespace spmis::grievances
