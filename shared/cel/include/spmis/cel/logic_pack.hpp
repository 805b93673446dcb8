#pragma once
// Logic packs: named CEL definitions reachable from rules as `variables.<name>`. A definition
// may use other variables; cycles are compile errors naming the cycle.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spmis::cel {

// An ordered set of name -> CEL source definitions.
class LogicPack {
public:
    LogicPack() = default;
    explicit LogicPack(std::string name) : name_(std::move(name)) {}

    // Defines `name`, replacing an earlier definition (how a program overrides a constant).
    void define(std::string name, std::string source);
    // The source of a definition, or nullptr.
    const std::string* find(std::string_view name) const;
    // A copy of this pack with `overrides` applied on top.
    LogicPack with_overrides(const LogicPack& overrides) const;

    const std::string& name() const { return name_; }
    const std::vector<std::pair<std::string, std::string>>& definitions() const { return defs_; }

    // The built-in household pack (hh_size, child_count, ..., poverty_line, retirement_age),
    // written in CEL; see shared/cel/README.md.
    static const LogicPack& standard_household();

private:
    std::string name_;
    std::vector<std::pair<std::string, std::string>> defs_;
};

}  // namespace spmis::cel
