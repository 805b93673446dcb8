// `spmis-server entitlement expire`: marks approved entitlements past their valid_until as expired.
// The server also does it at start-up and every tuning::kEntitlementExpiryInterval.

#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "spmis/programs/expiry.hpp"

namespace spmis::server {
namespace {

struct ExpireArgs {
    std::string data_dir;
    std::string now;
};

int run_expire(const ExpireArgs& args) {
    Date today = date_of(command_clock().now());
    if (!args.now.empty()) {
        auto day = parse_date(args.now);
        if (!day.ok())
            return report_error(make_error(ErrorCode::kInvalidArgument, "--now: " + day.status().message()));
        today = *day;
    }
    auto store = store::open_store_at(command_store_location(args.data_dir), &command_clock());
    if (!store.ok()) return report_error(store.status());
    auto expired = programs::expire_entitlements(**store, today, "cli");
    if (!expired.ok()) return report_error(expired.status());
    std::cout << "expired " << *expired << " entitlements valid until before " << format_date(today) << "\n";
    return 0;
}

}  // namespace

Status expire_entitlements_now(store::Store& store) {
    return programs::expire_entitlements(store, date_of(store.clock().now()), "system").status();
}

void add_entitlement_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ExpireArgs>();
    auto* entitlement = app.add_subcommand("entitlement", "Entitlements: expire");
    entitlement->require_subcommand(1);
    auto* expire =
        entitlement->add_subcommand("expire", "Mark approved entitlements past valid_until expired");
    expire->add_option("--data", args->data_dir, "Data directory")->required();
    expire->add_option("--now", args->now, "Today as YYYY-MM-DD (default: the system date)");
    expire->callback([args, &exit_code] { exit_code = run_expire(*args); });
}

}  // namespace spmis::server
