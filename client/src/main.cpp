// spmis-field: entry point. Each subcommand lives in its own file under commands/ and registers
// itself here. Exit codes: 0 ok, 1 refused by a rule, 2 bad usage or input, 3 network or server,
// 4 local store problem (docs/field-client.md).

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "context.hpp"
#include "spmis/base/clock_setting.hpp"
#include "spmis/base/version.hpp"
#include "ui/ui_command.hpp"

namespace {

std::string default_home() {
    if (const char* env = std::getenv("SPMIS_FIELD_HOME")) return env;
    if (const char* h = std::getenv("HOME")) return std::string(h) + "/.spmis-field";
    return ".spmis-field";
}

}  // namespace

int main(int argc, char** argv) {
    spmis::field::Context ctx;
    ctx.home = default_home();
    CLI::App app{"spmis-field: the field officer's offline-first client"};
    app.set_version_flag("--version", std::string("spmis-field ") + spmis::kVersion);
    app.add_option("--home", ctx.home,
                   "Directory of the device's store and key (default $SPMIS_FIELD_HOME or "
                   "~/.spmis-field)");
    app.add_flag("--json", ctx.json, "Print one JSON document instead of human text");
    app.add_option("--officer", ctx.officer, "The officer using the device (remembered)");
    app.add_flag("--no-gzip", ctx.no_gzip, "Send request bodies uncompressed");
    // Time is an input: the device's wall clock for this run ('system' unless tests or demos set it).
    std::string clock_setting = "system";
    app.add_option("--clock", clock_setting,
                   "What time the device claims: 'system', YYYY-MM-DD or an RFC 3339 time (runs forward)")
        ->envname("SPMIS_CLOCK");
    std::unique_ptr<spmis::Clock> wall_clock;
    app.parse_complete_callback([&] {
        auto clock = spmis::clock_from_setting(clock_setting);
        if (!clock.ok()) throw CLI::ValidationError("--clock", clock.status().message());
        wall_clock = std::move(*clock);
        ctx.clock.set_wall_clock(*wall_clock);
    });
    app.require_subcommand(1);
    app.fallthrough();  // global options may also follow the command
    using namespace spmis::field;
    add_commands(app, ctx);
    add_ui(app, ctx);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;  // --help and --version are not errors
    }
    return ctx.exit_code;
}
