// `spmis-server text-problems --data DIR`: the stored text staff still have to correct (migrations 16
// and 21), one line each; the same list as GET /api/v1/registry/text-problems.

#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "spmis/store/store.hpp"

namespace spmis::server {
namespace {

// Rows read per store query while printing the whole list.
constexpr std::size_t kPrintPage = 500;

// Prints every listed problem as "table row_id column: problem" and a count; the number printed.
Result<std::size_t> print_problems(store::Store& store) {
    std::optional<store::TextProblemKey> after;
    std::size_t printed = 0;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(auto page, store.registry().list_text_problems(after, kPrintPage));
        for (const store::TextProblem& p : page)
            std::cout << p.table << " " << p.row_id.to_string() << " " << p.column << ": " << p.problem
                      << "\n";
        printed += page.size();
        if (page.size() < kPrintPage) return printed;
        after = store::TextProblemKey{page.back().table, page.back().row_id, page.back().column};
    }
}

int run_text_problems(const std::string& data_dir) {
    auto store = store::open_store_at(command_store_location(data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    Result<std::size_t> printed = print_problems(**store);
    if (!printed.ok()) return report_error(printed.status());
    std::cout << *printed << " text problems to correct\n";
    return 0;
}

}  // namespace

void add_text_problems_command(CLI::App& app, int& exit_code) {
    auto data_dir = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("text-problems",
                                   "List stored names, identifiers and phone numbers that are not clean text "
                                   "or not in normal form C, to correct (a corrected value is not listed)");
    cmd->add_option("--data", *data_dir, "Data directory")->required();
    cmd->callback([data_dir, &exit_code] { exit_code = run_text_problems(*data_dir); });
}

}  // namespace spmis::server
