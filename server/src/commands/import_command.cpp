// `spmis-server import registry --data DIR FILE.csv`: loads households and members from CSV.

#include <fstream>
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "spmis/registry_import/registry_import.hpp"

namespace spmis::server {
namespace {

struct ImportArgs {
    std::string data_dir;
    std::string file;
};

void print_progress(std::string_view phase, std::size_t done, std::size_t total) {
    std::cerr << "\r" << phase << ": " << done;
    if (total > 0) std::cerr << " / " << total;
    std::cerr << " rows   " << std::flush;
}

int run_import(const ImportArgs& args) {
    std::ifstream in(args.file, std::ios::binary);
    if (!in) return report_error(make_error(ErrorCode::kInvalidArgument, "cannot read '" + args.file + "'"));
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    registry_import::ImportOptions options;
    options.progress = print_progress;
    auto report = registry_import::import_registry_csv(**store, in, options);
    std::cerr << "\r" << std::string(40, ' ') << "\r";  // clear the progress line
    if (!report.ok()) return report_error(report.status());
    std::cout << "imported " << args.file << ": " << report->rows << " rows; created "
              << report->groups_created << " households and " << report->individuals_created
              << " individuals; updated " << report->updated << "; unchanged " << report->unchanged
              << "; household membership changes " << report->memberships_changed << "\n";
    return 0;
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
    auto* import = app.add_subcommand("import", "Import data from files");
    import->require_subcommand(1);
    auto args = std::make_shared<ImportArgs>();
    auto* registry = import->add_subcommand(
        "registry", "Import households and individuals from a CSV file (columns: docs/registry-csv.md)");
    registry->add_option("--data", args->data_dir, "Data directory (holds spmis.db)")->required();
    registry->add_option("file", args->file, "CSV file")->required();
    registry->callback([args, &exit_code] { exit_code = run_import(*args); });
}

int report_error(const Status& status) {
    std::cerr << "error: " << status.message() << "\n";
    return exit_code_for(status.code());
}

}  // namespace spmis::server
