// `spmis-server cycle create|generate|submit|approve`: distribution rounds of a program. Without an
// approval chain, `approve` approves a draft cycle directly (as before chains existed); with one,
// `submit --as` opens the request and `approve --as` decides at its current level.

#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "commands/program_lookup.hpp"
#include "spmis/approvals/engine.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/programs/cycle_workflow.hpp"
#include "spmis/programs/cycles.hpp"
#include "spmis/programs/entitlements.hpp"

namespace spmis::server {
namespace {

struct CycleArgs {
    std::string data_dir;
    std::string code;
    std::string name;
    std::string start;
    std::string end;
    std::string budget;
    std::string cycle;
    std::string as;
    std::string comment;
    bool scale = false;
    bool reject = false;
};

Result<std::unique_ptr<store::Store>> open(const CycleArgs& args) {
    return store::open_store_at(command_store_location(args.data_dir), &command_clock());
}

Result<Uuid> cycle_id(const CycleArgs& args) {
    auto id = Uuid::parse(args.cycle);
    if (!id.ok())
        return make_error(ErrorCode::kInvalidArgument, "--cycle: '" + args.cycle + "' is not a cycle id");
    return id;
}

int run_create(const CycleArgs& args) {
    auto start = parse_date(args.start);
    auto end = parse_date(args.end);
    if (!start.ok())
        return report_error(make_error(ErrorCode::kInvalidArgument, "--start: " + start.status().message()));
    if (!end.ok())
        return report_error(make_error(ErrorCode::kInvalidArgument, "--end: " + end.status().message()));
    programs::CycleRequest request{args.name, *start, *end, std::nullopt, "cli"};
    if (!args.budget.empty()) {
        auto budget = parse_amount(args.budget);
        if (!budget.ok()) return report_error(budget.status());
        request.budget_minor = *budget;
    }
    auto store = open(args);
    if (!store.ok()) return report_error(store.status());
    auto program = program_by_code(**store, args.code);
    if (!program.ok()) return report_error(program.status());
    auto cycle = programs::create_cycle(**store, program->id, request);
    if (!cycle.ok()) return report_error(cycle.status());
    std::cout << cycle->id.to_string() << "\n";
    std::cerr << "created cycle " << cycle->sequence << " '" << cycle->name << "' of " << program->code
              << " (" << format_date(cycle->start_date) << " to " << format_date(cycle->end_date) << ")\n";
    return 0;
}

int run_generate(const CycleArgs& args) {
    auto id = cycle_id(args);
    if (!id.ok()) return report_error(id.status());
    auto store = open(args);
    if (!store.ok()) return report_error(store.status());
    programs::GenerateOptions options;
    options.scale_to_budget = args.scale;
    options.actor = "cli";
    auto report = programs::generate_entitlements(**store, *id, options);
    if (!report.ok()) return report_error(report.status());
    if (report->errored > 0)
        return report_error(make_error(ErrorCode::kRuleError, programs::format_report(*report)));
    if (report->over_budget) {
        return report_error(make_error(ErrorCode::kResourceExhausted,
                                       programs::format_report(*report) + " (use --scale to scale)"));
    }
    std::cout << programs::format_report(*report) << "\n";
    return 0;
}

// No request and no chain: the single direct approval of before.
int approve_directly(store::Store& store, const model::Cycle& cycle) {
    auto chain = store.approvals().find_chain(cycle.program_id, model::ApprovalAction::kCycleApproval);
    if (!chain.ok()) return report_error(chain.status());
    if (chain->has_value()) {
        return report_error(
            make_error(ErrorCode::kFailedPrecondition,
                       "the program has a cycle_approval chain: submit the cycle with "
                       "`cycle submit --as USER`, then decide with `cycle approve --as USER`"));
    }
    auto report = programs::approve_cycle(store, cycle.id, "cli");
    if (!report.ok()) return report_error(report.status());
    if (report->entitlement_request) {
        std::cout << "approved cycle " << cycle.id.to_string() << "; its entitlements await approval request "
                  << report->entitlement_request->id.to_string()
                  << " (decide with `cycle approve --as USER`)\n";
        return 0;
    }
    std::cout << "approved cycle " << cycle.id.to_string() << " and " << report->approved
              << " entitlements\n";
    return 0;
}

int run_approve(const CycleArgs& args) {
    auto id = cycle_id(args);
    if (!id.ok()) return report_error(id.status());
    auto store = open(args);
    if (!store.ok()) return report_error(store.status());
    auto cycle = (*store)->programs().get_cycle(*id);
    if (!cycle.ok()) return report_error(cycle.status());
    auto pending = approvals::pending_request_for(**store, *id);
    if (!pending.ok()) return report_error(pending.status());
    if (!pending->has_value()) return approve_directly(**store, *cycle);
    if (args.as.empty()) {
        return report_error(make_error(ErrorCode::kInvalidArgument, "the cycle awaits approval request " +
                                                                        (*pending)->id.to_string() +
                                                                        ": say who decides with --as USER"));
    }
    approvals::DecisionInput input{
        args.as, args.reject ? model::ApprovalVerdict::kReject : model::ApprovalVerdict::kApprove,
        args.comment, "", command_clock().now()};
    auto decided = approvals::decide(**store, programs::approval_handlers(), (*pending)->id, input);
    if (!decided.ok()) return report_error(decided.status());
    std::cout << "approval request " << decided->id.to_string() << " is " << model::to_string(decided->state);
    if (decided->state == model::ApprovalState::kPending)
        std::cout << " at level " << decided->current_level + 1;
    std::cout << "\n";
    return 0;
}

int run_submit(const CycleArgs& args) {
    auto id = cycle_id(args);
    if (!id.ok()) return report_error(id.status());
    auto store = open(args);
    if (!store.ok()) return report_error(store.status());
    auto request = programs::submit_cycle(**store, *id, args.as, command_clock().now());
    if (!request.ok()) return report_error(request.status());
    std::cout << request->id.to_string() << "\n";
    std::cerr << "cycle submitted; approval request with " << request->levels.size() << " level(s)\n";
    return 0;
}

}  // namespace

void add_cycle_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<CycleArgs>();
    auto* cycle = app.add_subcommand("cycle", "Cycles: create, generate entitlements, submit, approve");
    cycle->require_subcommand(1);
    auto* create = cycle->add_subcommand("create", "Create a draft cycle; prints its id");
    create->add_option("--data", args->data_dir, "Data directory")->required();
    create->add_option("--program", args->code, "Program code")->required();
    create->add_option("--name", args->name, "Cycle name")->required();
    create->add_option("--start", args->start, "First day, YYYY-MM-DD")->required();
    create->add_option("--end", args->end, "Last day, YYYY-MM-DD")->required();
    create->add_option("--budget", args->budget,
                       "Budget in major units of the program currency (none: unlimited)");
    create->callback([args, &exit_code] { exit_code = run_create(*args); });
    auto* generate = cycle->add_subcommand("generate", "Generate entitlements for the enrolled members");
    generate->add_option("--data", args->data_dir, "Data directory")->required();
    generate->add_option("--cycle", args->cycle, "Cycle id")->required();
    generate->add_flag("--scale", args->scale, "Scale amounts down proportionally when over budget");
    generate->callback([args, &exit_code] { exit_code = run_generate(*args); });
    auto* submit =
        cycle->add_subcommand("submit", "Submit a draft cycle for approval; prints the request id");
    submit->add_option("--data", args->data_dir, "Data directory")->required();
    submit->add_option("--cycle", args->cycle, "Cycle id")->required();
    submit->add_option("--as", args->as, "User name of the requester")->required();
    submit->callback([args, &exit_code] { exit_code = run_submit(*args); });
    auto* approve = cycle->add_subcommand(
        "approve",
        "Decide on a submitted cycle's approval request, or approve a draft cycle when no chain is set");
    approve->add_option("--data", args->data_dir, "Data directory")->required();
    approve->add_option("--cycle", args->cycle, "Cycle id")->required();
    approve->add_option("--as", args->as, "User name deciding (required once the cycle is submitted)");
    approve->add_option("--comment", args->comment, "Comment kept in the approval history");
    approve->add_flag("--reject", args->reject, "Reject instead of approve (the cycle returns to draft)");
    approve->callback([args, &exit_code] { exit_code = run_approve(*args); });
}

}  // namespace spmis::server
