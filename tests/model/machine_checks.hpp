#pragma once
// Shared check for the state-machine tests: every (from, to) pair of a machine is tried; the pairs
// in `expected` must pass and every other pair must fail naming the record, from and to.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "spmis/model/state_machine.hpp"

namespace spmis::model::testing {

template <typename S>
void expect_exactly_these_edges(const StateMachine<S>& machine, const std::set<std::pair<S, S>>& expected) {
    const Uuid id = *Uuid::parse("01900000-0000-7000-8000-0000000000aa");
    int legal = 0;
    for (S from : all_values<S>()) {
        std::set<S> targets;
        for (S to : all_values<S>()) {
            Status s = machine.check(id, from, to);
            std::string pair = std::string(to_string(from)) + " -> " + std::string(to_string(to));
            if (expected.count({from, to}) != 0) {
                EXPECT_TRUE(s.ok()) << pair << ": " << s.to_string();
                EXPECT_TRUE(machine.allows(from, to)) << pair;
                targets.insert(to);
                ++legal;
                continue;
            }
            EXPECT_EQ(s.code(), ErrorCode::kIllegalTransition) << pair;
            EXPECT_FALSE(machine.allows(from, to)) << pair;
            EXPECT_NE(s.message().find(std::string(machine.record_kind()) + " " + id.to_string()),
                      std::string::npos)
                << s.message();
            EXPECT_NE(s.message().find("from '" + std::string(to_string(from)) + "'"), std::string::npos)
                << s.message();
            EXPECT_NE(s.message().find("to '" + std::string(to_string(to)) + "'"), std::string::npos)
                << s.message();
        }
        auto listed = machine.targets(from);
        EXPECT_EQ(std::set<S>(listed.begin(), listed.end()), targets) << to_string(from);
    }
    EXPECT_EQ(legal, static_cast<int>(expected.size()));
}

}  // namespace spmis::model::testing
