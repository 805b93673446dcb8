// `spmis-server demo --data DIR [--households N] [--seed S]`: fills a fresh data directory with
// deterministic demo data and prints what is in it.

#include <chrono>
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "spmis/demo/demo_data.hpp"
#include "spmis/demo/personas.hpp"

namespace spmis::server {
namespace {

struct DemoArgs {
    std::string data_dir;
    std::size_t households = 2000;
    std::uint64_t seed = 42;
};

void print_summary(const demo::DemoSummary& s, double seconds) {
    std::cout << "Demo registry (reference date " << format_date(demo::kDemoReferenceDate)
              << "), generated in " << seconds << " s\n"
              << "  households:          " << s.households << "\n"
              << "  individuals:         " << s.individuals << "\n"
              << "  areas:               " << s.areas << " (country > regions > districts)\n"
              << "  service points:      " << s.service_points << " with " << s.distribution_events
              << " distribution events\n"
              << "  household sizes:    ";
    for (std::size_t size = 1; size < s.household_size_counts.size(); ++size) {
        std::cout << " " << size << ":" << s.household_size_counts[size];
    }
    std::cout << "\n  programs:            " << s.program_lines.size() << "\n";
    for (const auto& line : s.program_lines) std::cout << "    - " << line << "\n";
    std::cout << "  personas:            " << s.personas << " people in " << demo::persona_households().size()
              << " households (expected eligibility: docs/personas.md)\n";
    for (const auto& h : demo::persona_households()) {
        std::cout << "    - " << h.external_id << " " << h.name << ": " << h.story << "\n";
    }
}

int run_demo(const DemoArgs& args) {
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    demo::DemoOptions options;
    options.households = args.households;
    options.seed = args.seed;
    options.progress = [](std::size_t done, std::size_t total) {
        std::cerr << "\rgenerating households: " << done << " / " << total << std::flush;
    };
    auto start = std::chrono::steady_clock::now();
    auto summary = demo::generate_demo(**store, options);
    std::cerr << "\n";
    if (!summary.ok()) return report_error(summary.status());
    print_summary(*summary, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<DemoArgs>();
    auto* demo = app.add_subcommand("demo", "Create deterministic demo data in a fresh data directory");
    demo->add_option("--data", args->data_dir, "Data directory (created; must not hold registrants)")
        ->required();
    demo->add_option("--households", args->households, "Random households to generate (besides the personas)")
        ->capture_default_str();
    demo->add_option("--seed", args->seed, "Random seed: the same seed gives the same data")
        ->capture_default_str();
    demo->callback([args, &exit_code] { exit_code = run_demo(*args); });
}

}  // namespace spmis::server
