// libFuzzer target: the input is CEL source. It is compiled (with undeclared identifiers allowed,
// so more inputs reach the evaluator) and evaluated against a few bindings, including a real
// household, so parser, resolver, evaluator, functions and bindings all see hostile input.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "spmis/cel/registrant_binding.hpp"

namespace {

using spmis::cel::Value;

struct Fixture {
    spmis::cel::HouseholdRecord household;
    spmis::cel::RegistrantBinder binder{
        spmis::Date{std::chrono::year{2025}, std::chrono::month{6}, std::chrono::day{15}}};
    spmis::cel::CompileOptions options;

    Fixture() {
        for (int i = 0; i < 4; ++i) {
            spmis::cel::IndividualRecord m;
            m.birthdate =
                spmis::Date{std::chrono::year{1950 + 20 * i}, std::chrono::month{3}, std::chrono::day{1}};
            m.sex = i % 2 == 0 ? spmis::cel::Sex::kFemale : spmis::cel::Sex::kMale;
            m.membership = i == 0 ? spmis::cel::MembershipKind::kHead : spmis::cel::MembershipKind::kChild;
            m.income = 10.0 * i;
            m.tags = {"t"};
            household.members.push_back(m);
        }
        household.area_path = {"A", "B"};
        household.custom = {{"x", Value::integer(3)}};
        options = spmis::cel::group_rule_options();
        options.variables.push_back("s");
        options.variables.push_back("n");
        options.allow_undeclared = true;
        options.max_iterations = 100'000;
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Fixture fixture;
    std::string_view source(reinterpret_cast<const char*>(data), size);
    auto program = spmis::cel::Program::compile(source, fixture.options);
    if (!program.ok()) {
        return 0;
    }
    Value bindings[] = {fixture.binder.group(fixture.household), fixture.binder.today(),
                        Value::string("héllo"), Value::integer(-7)};
    Value result = program->evaluate(bindings);
    (void)result;
    return 0;
}
