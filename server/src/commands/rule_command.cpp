// `spmis-server rule check`: runs an eligibility rule (a program's, or one given as text) over the
// whole registry and prints how many registrants match, without writing anything.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "commands/program_lookup.hpp"
#include "spmis/cel/registrant_binding.hpp"
#include "spmis/programs/program_rules.hpp"
#include "spmis/programs/registry_loader.hpp"

namespace spmis::server {
namespace {

struct RuleArgs {
    std::string data_dir;
    std::string program;  // code or id
    std::string expr;
    std::string target = "group";
    std::string reference;
    std::size_t examples = 5;
    bool json = false;
};

// The rule to check as a program: the stored one, or an ad-hoc one around --expr.
Result<model::Program> rule_program(store::Store& store, const RuleArgs& args) {
    if (args.program.empty()) {
        model::Program p;
        p.code = "--expr";
        p.target = args.target == "individual" ? model::TargetType::kIndividual : model::TargetType::kGroup;
        p.eligibility_cel = args.expr;
        return p;
    }
    auto id = Uuid::parse(args.program);
    if (id.ok()) return store.programs().get_program(*id);
    return program_by_code(store, args.program);
}

// Compiles the rule; an --expr rule's error is the engine's own (line, column, caret).
Result<cel::Program> compile(const model::Program& program, const RuleArgs& args, cel::CompileError* error) {
    if (!args.program.empty()) return programs::compile_eligibility(program);
    const auto options = program.target == model::TargetType::kGroup ? cel::group_rule_options()
                                                                     : cel::individual_rule_options();
    return cel::Program::compile(args.expr, options, error);
}

// What the check found, with the names of the example registrants.
struct CheckOutput {
    model::Program program;
    Date reference{};
    std::size_t evaluated = 0;
    cel::EligibilityResult result;
    std::vector<std::pair<Uuid, std::string>> examples;  // id, name
};

// `error` receives the position of an --expr compile error.
Result<CheckOutput> check(store::Store& store, const RuleArgs& args, Date reference,
                          cel::CompileError& error) {
    CheckOutput out;
    SPMIS_ASSIGN_OR_RETURN(out.program, rule_program(store, args));
    SPMIS_ASSIGN_OR_RETURN(auto rule, compile(out.program, args, &error));
    const bool group = out.program.target == model::TargetType::kGroup;
    SPMIS_ASSIGN_OR_RETURN(auto snap, programs::load_registry(store, programs::LoadOptions{group}));
    const cel::RegistrantBinder binder(reference);
    out.reference = reference;
    out.evaluated = group ? snap.households.size() : snap.individuals.size();
    out.result = programs::evaluate_eligibility(out.program, rule, snap.households, snap.individuals, binder);
    for (std::size_t i = 0; i < out.result.matching.size() && i < args.examples; ++i) {
        SPMIS_ASSIGN_OR_RETURN(auto r, store.registry().get_registrant(out.result.matching[i]));
        out.examples.emplace_back(r.id, r.name);
    }
    return out;
}

void print_text(const CheckOutput& c) {
    const bool group = c.program.target == model::TargetType::kGroup;
    std::cout << "rule " << (c.program.code == "--expr" ? "" : c.program.code + ": ")
              << c.program.eligibility_cel << "\n"
              << "evaluated " << c.evaluated << (group ? " households" : " individuals") << " at "
              << format_date(c.reference) << ": " << c.result.matching.size() << " match, "
              << c.result.not_matching << " do not match, " << c.result.errored << " errored\n";
    if (!c.examples.empty()) std::cout << "examples:\n";
    for (const auto& [id, name] : c.examples) std::cout << "  " << id.to_string() << "  " << name << "\n";
    if (!c.result.first_errors.empty()) std::cout << "first errors:\n";
    for (const auto& e : c.result.first_errors)
        std::cout << "  " << e.registrant.to_string() << ": " << e.message << "\n";
}

void print_json(const CheckOutput& c) {
    nlohmann::json examples = nlohmann::json::array();
    for (const auto& [id, name] : c.examples) examples.push_back({{"id", id.to_string()}, {"name", name}});
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : c.result.first_errors)
        errors.push_back({{"id", e.registrant.to_string()}, {"message", e.message}});
    nlohmann::json out = {{"program", c.program.code == "--expr" ? "" : c.program.code},
                          {"rule", c.program.eligibility_cel},
                          {"target", model::to_string(c.program.target)},
                          {"reference_date", format_date(c.reference)},
                          {"evaluated", c.evaluated},
                          {"matching", c.result.matching.size()},
                          {"not_matching", c.result.not_matching},
                          {"errored", c.result.errored},
                          {"examples", examples},
                          {"errors", errors}};
    std::cout << out.dump() << "\n";
}

// A compile error of --expr in JSON mode: the position as fields, beside the rendered message.
int report_compile_error(const RuleArgs& args, const Status& status, const cel::CompileError& error) {
    if (!args.json || !args.program.empty()) return report_error(status);
    std::cout
        << nlohmann::json{{"error",
                           {{"message", status.message()}, {"line", error.line}, {"column", error.column}}}}
               .dump()
        << "\n";
    return exit_code_for(status.code());
}

int run_check(const RuleArgs& args) {
    if (args.program.empty() == args.expr.empty())
        return report_error(
            make_error(ErrorCode::kInvalidArgument, "give exactly one of --program or --expr"));
    auto reference = date_option(args.reference, "--reference-date");
    if (!reference.ok()) return report_error(reference.status());
    // Opening a missing directory would create an empty store; this command must change nothing.
    if (!std::filesystem::exists(std::filesystem::path(args.data_dir) / "spmis.db"))
        return report_error(make_error(ErrorCode::kNotFound, "no spmis.db in '" + args.data_dir + "'"));
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    cel::CompileError error;
    auto out = check(**store, args, *reference, error);
    if (!out.ok() && out.status().code() == ErrorCode::kRuleError)
        return report_compile_error(args, out.status(), error);
    if (!out.ok()) return report_error(out.status());
    if (args.json) {
        print_json(*out);
    } else {
        print_text(*out);
    }
    return 0;
}

}  // namespace

void add_rule_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<RuleArgs>();
    auto* rule = app.add_subcommand("rule", "Eligibility rules: check one over the registry");
    rule->require_subcommand(1);
    auto* check = rule->add_subcommand("check", "Count the registrants a rule matches; changes nothing");
    check->add_option("--data", args->data_dir, "Data directory")->required();
    auto* program = check->add_option("--program", args->program, "Program code or id whose rule to check");
    auto* expr = check->add_option("--expr", args->expr, "A CEL eligibility rule to check instead");
    program->excludes(expr);
    check->add_option("--target", args->target, "What --expr is evaluated over")
        ->check(CLI::IsMember({"group", "individual"}))
        ->needs(expr);
    check->add_option("--reference-date", args->reference, "Date ages are counted at (default: today, UTC)");
    check->add_option("--examples", args->examples, "How many matching registrants to list")
        ->check(CLI::Range(0, 1000));
    check->add_flag("--json", args->json, "Print one JSON object instead of text");
    check->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace spmis::server
