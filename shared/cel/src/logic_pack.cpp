#include "spmis/cel/logic_pack.hpp"

namespace spmis::cel {

void LogicPack::define(std::string name, std::string source) {
    for (auto& [n, s] : defs_) {
        if (n == name) {
            s = std::move(source);
            return;
        }
    }
    defs_.emplace_back(std::move(name), std::move(source));
}

const std::string* LogicPack::find(std::string_view name) const {
    for (const auto& [n, s] : defs_) {
        if (n == name) {
            return &s;
        }
    }
    return nullptr;
}

LogicPack LogicPack::with_overrides(const LogicPack& overrides) const {
    LogicPack out = *this;
    for (const auto& [n, s] : overrides.definitions()) {
        out.define(n, s);
    }
    return out;
}

const LogicPack& LogicPack::standard_household() {
    // Written in CEL; each line is one variable. Ages are whole years at `today`.
    static const LogicPack kPack = [] {
        LogicPack p("standard_household");
        p.define("hh_size", "size(group.members)");
        p.define("child_count", "group.members.count(m, m.age < 18)");
        p.define("elderly_count", "group.members.count(m, m.age >= 60)");
        p.define("working_age_count", "group.members.count(m, m.age >= 18 && m.age < 60)");
        p.define("dependency_ratio",
                 "double(variables.child_count + variables.elderly_count) / "
                 "double(max(1, variables.working_age_count))");
        p.define("is_female_headed", "group.members.exists(m, has_role(m, 'head') && m.sex == 'female')");
        p.define("is_elderly_headed", "group.members.exists(m, has_role(m, 'head') && m.age >= 60)");
        p.define("has_disabled_member", "group.members.exists(m, m.disability)");
        p.define("hh_total_income", "group.members.sum(m, m.income)");
        p.define("per_capita_income",
                 "double(variables.hh_total_income) / double(max(1, variables.hh_size))");
        p.define("poverty_line", "65.0");
        p.define("retirement_age", "60");
        return p;
    }();
    return kPack;
}

}  // namespace spmis::cel
