#include "spmis/sync/hash_chain.hpp"

#include <gtest/gtest.h>

#include "op_fixture.hpp"

namespace spmis::sync {
namespace {

TEST(HashChainTest, AcceptsAnIntactChainFromGenesis) {
    auto ops = testing::chain_of(new_uuid_v7(), 5);
    EXPECT_TRUE(verify_chain(ops, Hash{}).ok());
    EXPECT_TRUE(verify_chain(std::span(ops).subspan(2), ops[1].hash).ok());
}

TEST(HashChainTest, DetectsATamperedOperationAnywhere) {
    auto ops = testing::chain_of(new_uuid_v7(), 5);
    for (std::size_t i = 0; i < ops.size(); ++i) {
        auto copy = ops;
        copy[i].payload["quantity"] = 999;
        auto status = verify_chain(copy, Hash{});
        EXPECT_EQ(status.code(), ErrorCode::kCorrupt);
        EXPECT_NE(status.message().find("operation " + std::to_string(i + 1)), std::string::npos);
    }
}

TEST(HashChainTest, DetectsGapsReorderingAndWrongPredecessor) {
    auto ops = testing::chain_of(new_uuid_v7(), 4);
    std::vector<Operation> gap{ops[0], ops[2]};
    EXPECT_FALSE(verify_chain(gap, Hash{}).ok());
    std::vector<Operation> swapped{ops[1], ops[0]};
    EXPECT_FALSE(verify_chain(swapped, Hash{}).ok());
    EXPECT_FALSE(verify_chain(std::span(ops).subspan(1), Hash{}).ok());
}

TEST(HashChainTest, RefusesAnotherDevicesOperationSpliced) {
    auto mine = testing::chain_of(new_uuid_v7(), 2);
    auto theirs = testing::chain_of(new_uuid_v7(), 2);
    std::vector<Operation> mixed{mine[0], theirs[1]};
    EXPECT_FALSE(verify_chain(mixed, Hash{}).ok());
}

}  // namespace
}  // namespace spmis::sync
