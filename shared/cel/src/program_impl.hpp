#pragma once
// The shared, immutable state behind a Program.

#include <string>
#include <vector>

#include "ast.hpp"
#include "spmis/cel/program.hpp"

namespace spmis::cel {

struct ProgramImpl {
    std::string source;
    NodePtr root;
    std::vector<std::string> variables;  // binding slots
    std::vector<NodePtr> logic_nodes;    // compiled logic-pack variables, by slot
    std::vector<std::string> logic_names;
    int local_count = 0;  // comprehension variable slots
    int today_slot = -1;
    std::uint64_t max_iterations = 0;  // binding slot of `today`, if declared
};

}  // namespace spmis::cel
