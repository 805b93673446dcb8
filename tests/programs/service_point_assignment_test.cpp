// Service point assignment by area: own area, nearest ancestor, else nearest subtree, else none.

#include "spmis/programs/service_point_assignment.hpp"

#include <gtest/gtest.h>

namespace spmis::programs {
namespace {

using Path = std::vector<std::string>;

TEST(ServicePointAssignerTest, PrefersTheOwnAreaThenAncestorsThenTheNearestSubtree) {
    const Uuid program = new_uuid_v7();
    const Uuid other = new_uuid_v7();
    std::vector<model::ServicePoint> sites{
        {new_uuid_v7(), "SP-B", "district site", std::nullopt, 100, {program}},
        {new_uuid_v7(), "SP-A", "region site", std::nullopt, 100, {program}},
        {new_uuid_v7(), "SP-C", "other program", std::nullopt, 100, {other}},
        {new_uuid_v7(), "SP-D", "sibling district", std::nullopt, 100, {program}},
    };
    std::vector<Path> paths{
        {"C-1-1", "C-1", "C"}, {"C-2", "C"}, {"C-3-1", "C-3", "C"}, {"C-3-2", "C-3", "C"}};
    ServicePointAssigner assigner(program, sites, paths);
    EXPECT_EQ(assigner.assign({"C-1-1", "C-1", "C"}), sites[0].id);  // own district
    EXPECT_EQ(assigner.assign({"C-2-5", "C-2", "C"}), sites[1].id);  // nearest ancestor (region)
    EXPECT_EQ(assigner.assign({"C-3-1", "C-3", "C"}), sites[3].id);  // SP-C serves another program: sibling
    EXPECT_EQ(assigner.assign({"X-1", "X"}), std::nullopt);          // nothing in that country
    EXPECT_EQ(assigner.assign({}), std::nullopt);                    // no area
}

}  // namespace
}  // namespace spmis::programs
