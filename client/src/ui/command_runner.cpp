#include "ui/command_runner.hpp"

#include <algorithm>

#include "commands/commands.hpp"

namespace spmis::field {

CommandResult run_command(const Context& base, const std::string& officer,
                          const std::vector<std::string>& args) {
    Context ctx;
    ctx.home = base.home;
    ctx.json = true;
    ctx.officer = officer;
    ctx.no_gzip = base.no_gzip;
    ctx.clock = base.clock;
    std::string out;
    std::string err;
    ctx.write_out = [&out](const std::string& text) { out += text; };
    ctx.write_err = [&err](const std::string& text) { err += text; };
    CLI::App app{"spmis-field"};
    app.require_subcommand(1);
    add_commands(app, ctx);
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
    CommandResult result;
    try {
        app.parse(reversed);
        result.exit_code = ctx.exit_code;
    } catch (const CLI::ParseError& e) {
        result.exit_code = 2;
        result.answer = {{"ok", false}, {"error", {{"code", "invalid_argument"}, {"message", e.what()}}}};
        return result;
    }
    // A command prints one JSON document; a watch would print several, the last one counts.
    const auto last_line = out.find_last_of('\n', out.size() >= 2 ? out.size() - 2 : 0);
    const std::string doc = last_line == std::string::npos ? out : out.substr(last_line + 1);
    result.answer = nlohmann::json::parse(doc, nullptr, false);
    if (result.answer.is_discarded()) {
        result.answer = {
            {"ok", result.exit_code == 0},
            {"error", {{"code", "internal"}, {"message", "no answer from the command: " + err}}}};
    }
    return result;
}

}  // namespace spmis::field
