// Operator commands on the data directory (offline, same code paths as the endpoints):
// `device code` mints a one-time enrollment code, `reconciliation list` prints the queue.

#include <iostream>

#include "commands/commands.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/base/tuning.hpp"

namespace spmis::server {
namespace {

struct CodeOptions {
    std::string data_dir;
    std::vector<std::string> service_points;
    int hours = tuning::kEnrollmentCodeDefaultHours;
    bool json = false;
};

struct ListOptions {
    std::string data_dir;
    std::string type;
    std::string status;
    bool json = false;
};

Status mint_code(const CodeOptions& o) {
    SPMIS_ASSIGN_OR_RETURN(auto service, api::open_sync_service(o.data_dir));
    SPMIS_ASSIGN_OR_RETURN(auto sps, api::resolve_service_points(*service->store, {}, o.service_points));
    SPMIS_ASSIGN_OR_RETURN(auto code,
                           service->server->create_enrollment_code(sps, std::chrono::hours(o.hours), "cli"));
    if (o.json) {
        std::cout << nlohmann::json{{"code", code.code}, {"expires_at", format_time(code.expires_at)}}.dump()
                  << "\n";
    } else {
        std::cout << code.code << "\n";
        std::cerr << "one-time enrollment code, valid until " << format_time(code.expires_at) << "\n";
    }
    return {};
}

Status list_cases(const ListOptions& o) {
    SPMIS_ASSIGN_OR_RETURN(auto service, api::open_sync_service(o.data_dir));
    store::CaseFilter filter;
    if (!o.type.empty()) filter.type = o.type;
    if (!o.status.empty()) filter.status = o.status;
    SPMIS_ASSIGN_OR_RETURN(auto cases, service->server->cases(filter));
    nlohmann::json all = nlohmann::json::array();
    for (const store::ReconciliationCase& c : cases) {
        all.push_back(api::case_to_json(c));
        if (o.json) continue;
        std::cout << c.id.to_string() << "  " << c.type << "  " << c.status << "  " << c.summary << "\n";
        for (const store::CaseLink& link : c.links) {
            std::cout << "    record " << link.record_id.to_string();
            if (link.device_id) std::cout << "  device " << link.device_id->to_string();
            if (link.device_seq) std::cout << "  seq " << *link.device_seq;
            std::cout << "\n";
        }
    }
    if (o.json) std::cout << nlohmann::json{{"cases", all}}.dump(2) << "\n";
    if (!o.json) std::cout << cases.size() << " case(s)\n";
    return {};
}

template <typename Fn>
void run(int& exit_code, Fn&& fn) {
    const Status status = fn();
    exit_code = status.ok() ? 0 : report_error(status);
}

}  // namespace

void add_device_command(CLI::App& app, int& exit_code) {
    CLI::App* device = app.add_subcommand("device", "Field devices");
    device->require_subcommand(1);
    auto o = std::make_shared<CodeOptions>();
    CLI::App* code = device->add_subcommand("code", "Mint a one-time enrollment code (printed on stdout)");
    code->add_option("--data", o->data_dir, "Data directory")->required();
    code->add_option("--service-point", o->service_points, "Service point code (repeatable)")->required();
    code->add_option("--hours", o->hours, "Validity in hours")
        ->capture_default_str()
        ->check(CLI::Range(1, 720));
    code->add_flag("--json", o->json, "Print {code, expires_at}");
    code->callback([o, &exit_code] { run(exit_code, [&] { return mint_code(*o); }); });
}

void add_reconciliation_command(CLI::App& app, int& exit_code) {
    CLI::App* rec = app.add_subcommand("reconciliation", "The reconciliation queue");
    rec->require_subcommand(1);
    auto o = std::make_shared<ListOptions>();
    CLI::App* list = rec->add_subcommand("list", "List cases with their linked records");
    list->add_option("--data", o->data_dir, "Data directory")->required();
    list->add_option("--type", o->type, "Only cases of this type (e.g. over_redemption)");
    list->add_option("--status", o->status, "open or resolved");
    list->add_flag("--json", o->json, "Print {cases: [...]}");
    list->callback([o, &exit_code] { run(exit_code, [&] { return list_cases(*o); }); });
}

}  // namespace spmis::server
