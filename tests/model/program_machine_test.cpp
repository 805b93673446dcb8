#include "spmis/model/program_machine.hpp"

#include <gtest/gtest.h>

#include "machine_checks.hpp"

namespace spmis::model {
namespace {

using S = ProgramState;

TEST(ProgramMachineTest, AllowsExactlyTheDocumentedTransitions) {
    testing::expect_exactly_these_edges<S>(program_machine(), {
                                                                  {S::kActive, S::kEnded},
                                                                  {S::kEnded, S::kActive},
                                                              });
}

TEST(ProgramMachineTest, NamesRecordKind) { EXPECT_EQ(program_machine().record_kind(), "program"); }

}  // namespace
}  // namespace spmis::model
