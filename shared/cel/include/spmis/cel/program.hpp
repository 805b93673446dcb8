#pragma once
// Compile a CEL expression once into a Program, then evaluate it many times.
//
//   CompileOptions opts;
//   opts.variables = {"group", "today"};
//   SPMIS_ASSIGN_OR_RETURN(Program p, Program::compile("group.size > 3", opts));
//   Value v = p.evaluate({group_value, today_value});   // in opts.variables order

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/cel/tuning.hpp"
#include "spmis/cel/value.hpp"

namespace spmis::cel {

class LogicPack;
struct ProgramImpl;

// What a rule may refer to, fixed at compile time.
struct CompileOptions {
    // Identifiers the rule may use; evaluate() takes their values in this order.
    std::vector<std::string> variables;
    // When true an undeclared identifier is an error value at run time (for conformance cases
    // that disable the checker); when false it is a compile error.
    bool allow_undeclared = false;
    // Definitions behind `variables.<name>`; nullptr for none. Must outlive compile() only.
    const LogicPack* logic_pack = nullptr;
    // Comprehension iterations allowed per evaluation (an error value beyond it).
    std::uint64_t max_iterations = tuning::kCelMaxIterations;
};

// Where and why a compile failed. Also rendered into the Status message.
struct CompileError {
    int line = 0;    // 1-based
    int column = 0;  // 1-based, in code points
    std::string message;
    // "ERROR: <input>:1:5: message\n | source line\n | ....^"
    std::string rendered;
};

// Named values for evaluate(const Activation&), the convenient (slower) binding form.
class Activation {
public:
    // Sets or replaces a binding.
    void set(std::string name, Value value);
    // The binding, or nullptr.
    const Value* find(std::string_view name) const;

private:
    std::vector<std::pair<std::string, Value>> values_;
};

// A compiled rule; immutable, cheap to copy, safe to evaluate from many threads at once.
class Program {
public:
    // kRuleError with a CompileError rendering (line, column, caret) on syntax errors,
    // undeclared identifiers and variable cycles.
    static Result<Program> compile(std::string_view source, const CompileOptions& options = {},
                                   CompileError* error = nullptr);

    // Evaluates with bindings in CompileOptions::variables order (missing trailing ones are
    // null). Errors are returned as error values.
    Value evaluate(std::span<const Value> bindings) const;
    // Evaluates with bindings by name; unbound declared variables are errors when used.
    Value evaluate(const Activation& activation) const;

    const std::string& source() const;
    // Index of a declared variable in the bindings span, or -1.
    int variable_index(std::string_view name) const;

private:
    explicit Program(std::shared_ptr<const ProgramImpl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<const ProgramImpl> impl_;
};

}  // namespace spmis::cel
