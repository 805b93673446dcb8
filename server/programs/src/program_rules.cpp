#include "spmis/programs/program_rules.hpp"

#include "spmis/cel/entitlement.hpp"
#include "spmis/cel/logic_pack.hpp"

namespace spmis::programs {
namespace {

Result<cel::Program> compile_rule(const model::Program& program, const std::string& source,
                                  const char* what) {
    cel::LogicPack overrides(program.code);
    for (const auto& [name, text] : program.variables) overrides.define(name, text);
    const cel::LogicPack pack = cel::LogicPack::standard_household().with_overrides(overrides);
    const auto options = program.target == model::TargetType::kGroup ? cel::group_rule_options(&pack)
                                                                     : cel::individual_rule_options(&pack);
    auto compiled = cel::Program::compile(source, options);
    if (!compiled.ok()) {
        return make_error(compiled.status().code(),
                          "program " + program.code + ": " + what + " rule: " + compiled.status().message());
    }
    return compiled;
}

}  // namespace

Result<cel::Program> compile_eligibility(const model::Program& program) {
    return compile_rule(program, program.eligibility_cel, "eligibility");
}

Result<cel::Program> compile_entitlement(const model::Program& program) {
    if (program.rule.kind != model::AmountRuleKind::kCel) {
        return make_error(ErrorCode::kInvalidArgument,
                          "program " + program.code + " has a fixed entitlement rule");
    }
    return compile_rule(program, program.rule.cel, "entitlement");
}

cel::EligibilityResult evaluate_eligibility(const model::Program& program, const cel::Program& rule,
                                            std::span<const cel::HouseholdRecord> households,
                                            std::span<const cel::IndividualRecord> individuals,
                                            const cel::RegistrantBinder& binder) {
    if (program.target == model::TargetType::kGroup)
        return cel::evaluate_households(rule, households, binder);
    return cel::evaluate_individuals(rule, individuals, binder);
}

Result<std::int64_t> evaluate_amount(const cel::Program& rule, const cel::RegistrantBinder& binder,
                                     const cel::HouseholdRecord* household,
                                     const cel::IndividualRecord* individual, int decimals) {
    cel::Activation activation;
    activation.set("today", binder.today());
    if (household != nullptr) activation.set("group", binder.group(*household));
    if (individual != nullptr) activation.set("individual", binder.individual(*individual));
    return cel::to_fixed_point(rule.evaluate(activation), decimals);
}

}  // namespace spmis::programs
