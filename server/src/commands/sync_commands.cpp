// Operator commands on the data directory (offline, same code paths as the endpoints):
// `device code` mints a one-time enrollment code, `reconciliation list` prints the queue,
// `import-bundle` applies a field device's store-and-forward bundle by the push rules.

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "commands/commands.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/api/tuning.hpp"
#include "spmis/sync/messages.hpp"
#include "spmis/sync/push_prepare.hpp"

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

struct BundleOptions {
    std::string data_dir;
    std::string file;
    bool json = false;
};

Result<nlohmann::json> read_bundle(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorCode::kNotFound, "cannot open bundle " + path);
    std::ostringstream text;
    text << in.rdbuf();
    auto bundle = sync::parse_message_text(text.str());
    if (!bundle.ok() || !bundle->is_object()) {
        const std::string why = bundle.ok() ? "" : ": " + bundle.status().message();
        return make_error(ErrorCode::kInvalidArgument, path + " is not a bundle (a JSON object)" + why);
    }
    return bundle;
}

Status import_bundle(const BundleOptions& o) {
    SPMIS_ASSIGN_OR_RETURN(nlohmann::json bundle, read_bundle(o.file));
    SPMIS_ASSIGN_OR_RETURN(auto service, api::open_sync_service(o.data_dir, command_clock(), false,
                                                                command_store_location(o.data_dir)));
    SPMIS_ASSIGN_OR_RETURN(sync::PushResponse answer, service->server->import_bundle(bundle));
    std::map<std::string, int> counts;
    for (const sync::OpResult& r : answer.results) ++counts[sync::to_string(r.disposition)];
    nlohmann::json out = sync::to_json(answer);
    out["counts"] = counts;
    if (o.json) {
        std::cout << out.dump(2) << "\n";
        return {};
    }
    std::cout << "imported " << answer.results.size() << " operation(s), acknowledged up to #"
              << answer.acked_seq << ":";
    for (const auto& [name, n] : counts) std::cout << " " << n << " " << name;
    std::cout << "\n";
    for (const sync::OpResult& r : answer.results) {
        if (!r.reason.empty())
            std::cout << "  #" << r.device_seq << " " << sync::to_string(r.disposition) << ": " << r.reason
                      << "\n";
    }
    return {};
}

Status mint_code(const CodeOptions& o) {
    SPMIS_ASSIGN_OR_RETURN(auto service, api::open_sync_service(o.data_dir, command_clock(), false,
                                                                command_store_location(o.data_dir)));
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
    SPMIS_ASSIGN_OR_RETURN(auto service, api::open_sync_service(o.data_dir, command_clock(), false,
                                                                command_store_location(o.data_dir)));
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

void add_import_bundle_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<BundleOptions>();
    CLI::App* cmd = app.add_subcommand(
        "import-bundle", "Apply a bundle written by `spmis-field export` (same rules as a sync push)");
    cmd->add_option("--data", o->data_dir, "Data directory")->required();
    cmd->add_option("file", o->file, "The bundle file")->required();
    cmd->add_flag("--json", o->json, "Print {acked_seq, results, counts}");
    cmd->callback([o, &exit_code] { run(exit_code, [&] { return import_bundle(*o); }); });
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
