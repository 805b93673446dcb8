// `spmis-server program list|enroll`: the programs in a data directory and their enrollment.

#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "commands/program_lookup.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/programs/enrollment.hpp"

namespace spmis::server {

Result<model::Program> program_by_code(store::Store& store, const std::string& code) {
    SPMIS_ASSIGN_OR_RETURN(auto found, store.programs().find_program_by_code(code));
    if (!found) return make_error(ErrorCode::kNotFound, "no program with code '" + code + "'");
    return *found;
}

Result<Date> date_option(const std::string& text, const std::string& option) {
    if (text.empty()) return date_of(command_clock().now());
    auto d = parse_date(text);
    if (!d.ok()) return make_error(ErrorCode::kInvalidArgument, option + ": " + d.status().message());
    return d;
}

Result<std::int64_t> parse_amount(const std::string& text) {
    const auto bad =
        make_error(ErrorCode::kInvalidArgument, "bad amount '" + text + "' (expected e.g. 1250.50)");
    const auto dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    const std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
    const auto digits = [](const std::string& s) {
        return s.find_first_not_of("0123456789") == std::string::npos;
    };
    if (whole.empty() || whole.size() > 15 || frac.size() > 2 || !digits(whole) || !digits(frac)) return bad;
    if (dot != std::string::npos && frac.empty()) return bad;
    std::int64_t minor = std::stoll(whole) * 100;
    if (!frac.empty()) minor += std::stoll(frac) * (frac.size() == 1 ? 10 : 1);
    return minor;
}

namespace {

struct ProgramArgs {
    std::string data_dir;
    std::string code;
    std::string reference;
    bool recheck = false;
};

int run_list(const ProgramArgs& args) {
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    auto programs = (*store)->programs().list_programs();
    if (!programs.ok()) return report_error(programs.status());
    for (const auto& p : *programs) {
        auto members = (*store)->programs().list_memberships(p.id);
        if (!members.ok()) return report_error(members.status());
        std::size_t enrolled = 0;
        for (const auto& m : *members) enrolled += m.state == model::MembershipState::kEnrolled ? 1 : 0;
        std::cout << p.code << "  " << p.name << " (" << model::to_string(p.target) << ", "
                  << model::to_string(p.kind) << ", " << model::to_string(p.state) << "), " << enrolled
                  << " enrolled of " << members->size() << " members\n";
    }
    return 0;
}

int run_enroll(const ProgramArgs& args) {
    auto reference = date_option(args.reference, "--reference-date");
    if (!reference.ok()) return report_error(reference.status());
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    auto program = program_by_code(**store, args.code);
    if (!program.ok()) return report_error(program.status());
    programs::EnrollmentOptions options;
    options.reference = *reference;
    options.actor = "cli";
    options.recheck_enrolled = args.recheck;
    auto report = programs::enroll(**store, program->id, options);
    if (!report.ok()) return report_error(report.status());
    std::cout << "enrolled " << program->code << " at " << format_date(*reference) << ": "
              << programs::format_report(*report) << "\n";
    return 0;
}

}  // namespace

void add_program_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ProgramArgs>();
    auto* program = app.add_subcommand("program", "Programs: list, enroll eligible registrants");
    program->require_subcommand(1);
    auto* list = program->add_subcommand("list", "List programs with their enrollment counts");
    list->add_option("--data", args->data_dir, "Data directory")->required();
    list->callback([args, &exit_code] { exit_code = run_list(*args); });
    auto* enroll =
        program->add_subcommand("enroll", "Import eligible registrants as drafts, then verify them");
    enroll->add_option("--data", args->data_dir, "Data directory")->required();
    enroll->add_option("--program", args->code, "Program code, e.g. FOOD_BASKET")->required();
    enroll->add_option("--reference-date", args->reference, "Date ages are counted at (default: today, UTC)");
    enroll->add_flag("--recheck-enrolled", args->recheck, "Also move enrolled members who no longer match");
    enroll->callback([args, &exit_code] { exit_code = run_enroll(*args); });
}

}  // namespace spmis::server
