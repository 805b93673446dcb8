// `officer pin NAME`: sets the PIN an officer signs in with on the screen (`spmis-field ui`). The PIN
// is read from standard input (one line), never from the command line, where other users of the
// machine could see it in the process list.

#include <iostream>

#include "commands/commands.hpp"

namespace spmis::field {
namespace {

Status set_pin(Context& ctx, const std::string& officer) {
    std::string pin;
    if (!std::getline(std::cin, pin))
        return make_error(ErrorCode::kInvalidArgument, "give the PIN on standard input");
    if (!pin.empty() && pin.back() == '\r') pin.pop_back();
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_RETURN_IF_ERROR(store->set_officer_pin(officer, pin));
    ctx.emit({{"ok", true}, {"officer", officer}}, "PIN set for " + officer);
    return {};
}

Status list(Context& ctx) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto names, store->officers());
    std::string human;
    for (const auto& n : names) human += n + "\n";
    ctx.emit({{"ok", true}, {"officers", names}}, names.empty() ? "no officer has a PIN yet" : human);
    return {};
}

}  // namespace

void add_officer(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("officer", "Officers who sign in on the screen");
    cmd->require_subcommand(1);
    auto name = std::make_shared<std::string>();
    auto* pin = cmd->add_subcommand("pin", "Set an officer's PIN (4 to 12 digits, read from standard input)");
    pin->add_option("name", *name, "The officer's name")->required();
    pin->callback([&ctx, name] { ctx.run([&] { return set_pin(ctx, *name); }); });
    auto* ls = cmd->add_subcommand("list", "Officers who have a PIN on this device");
    ls->callback([&ctx] { ctx.run([&] { return list(ctx); }); });
}

}  // namespace spmis::field
