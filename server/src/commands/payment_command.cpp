// `spmis-server payment batch|export|import`: cash payment batches, provider files, reconciliation.

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands/commands.hpp"
#include "spmis/payments/batches.hpp"
#include "spmis/payments/payment_file.hpp"
#include "spmis/payments/reconciliation.hpp"

namespace spmis::server {
namespace {

struct PaymentArgs {
    std::string data_dir;
    std::string cycle;
    std::string batch;
    std::string provider;
    std::string kind = "bank";
    std::string file;
};

Result<Uuid> id_option(const std::string& text, const char* option) {
    auto id = Uuid::parse(text);
    if (!id.ok())
        return make_error(ErrorCode::kInvalidArgument, std::string(option) + ": '" + text + "' is not an id");
    return id;
}

int run_batch(const PaymentArgs& args) {
    auto cycle = id_option(args.cycle, "--cycle");
    if (!cycle.ok()) return report_error(cycle.status());
    auto kind = model::parse_enum<model::ProviderKind>(args.kind);
    if (!kind.ok()) return report_error(kind.status());
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    auto report = payments::create_batch(**store, *cycle, {*kind, args.provider, "cli"});
    if (!report.ok()) return report_error(report.status());
    std::cout << report->batch.id.to_string() << "\n";
    std::cerr << "batch for " << args.provider << ": " << report->payments << " payments, "
              << format_money(report->total) << "\n";
    return 0;
}

int run_export(const PaymentArgs& args) {
    auto batch = id_option(args.batch, "--batch");
    if (!batch.ok()) return report_error(batch.status());
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    auto file = payments::export_batch(**store, *batch, "cli");
    if (!file.ok()) return report_error(file.status());
    std::ofstream out(args.file, std::ios::binary);
    out << file->csv;
    out.close();
    if (!out) return report_error(make_error(ErrorCode::kStorage, "cannot write " + args.file));
    std::cout << file->sha256 << "  " << args.file << "\n";
    std::cerr << file->lines << " payments written\n";
    return 0;
}

int run_import(const PaymentArgs& args) {
    auto batch = id_option(args.batch, "--batch");
    if (!batch.ok()) return report_error(batch.status());
    std::ifstream in(args.file, std::ios::binary);
    if (!in) return report_error(make_error(ErrorCode::kStorage, "cannot read " + args.file));
    std::ostringstream text;
    text << in.rdbuf();
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    auto report = payments::import_results(**store, *batch, text.str(), "cli");
    if (!report.ok()) return report_error(report.status());
    if (!report->applied) {
        std::cerr << payments::format_problems(report->problems);
        return report_error(make_error(
            ErrorCode::kInvalidArgument,
            std::to_string(report->problems.size()) + " problem(s) in the result file; nothing was applied"));
    }
    std::cout << "paid " << report->paid << ", failed " << report->failed << ", unchanged "
              << report->unchanged << (report->already_imported ? " (this file was imported before)" : "")
              << "; batch " << model::to_string(report->batch_state) << "\n";
    return 0;
}

}  // namespace

void add_payment_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<PaymentArgs>();
    auto* payment =
        app.add_subcommand("payment", "Cash payments: batch, export the provider file, import results");
    payment->require_subcommand(1);
    auto* batch = payment->add_subcommand("batch", "Create a payment batch of a cycle; prints its id");
    batch->add_option("--data", args->data_dir, "Data directory")->required();
    batch->add_option("--cycle", args->cycle, "Cycle id")->required();
    batch->add_option("--provider", args->provider, "Provider name")->required();
    batch->add_option("--kind", args->kind, "bank | mobile_money | cash_agent (default bank)");
    batch->callback([args, &exit_code] { exit_code = run_batch(*args); });
    auto* exp = payment->add_subcommand("export", "Write the provider CSV file; prints its SHA-256");
    exp->add_option("--data", args->data_dir, "Data directory")->required();
    exp->add_option("--batch", args->batch, "Batch id")->required();
    exp->add_option("--out", args->file, "Output file")->required();
    exp->callback([args, &exit_code] { exit_code = run_export(*args); });
    auto* imp = payment->add_subcommand("import", "Apply the provider's result CSV (all or nothing)");
    imp->add_option("--data", args->data_dir, "Data directory")->required();
    imp->add_option("--batch", args->batch, "Batch id")->required();
    imp->add_option("file", args->file, "Result CSV file")->required();
    imp->callback([args, &exit_code] { exit_code = run_import(*args); });
}

}  // namespace spmis::server
