// `void`: cancels a redemption recorded on this device (synced as a redemption.void operation; the
// local balance estimate gives the quantity back at once).

#include "commands/commands.hpp"

namespace spmis::field {
namespace {

struct Options {
    std::string redemption;
    std::string reason;
};

Status void_redemption(Context& ctx, const Options& o) {
    SPMIS_ASSIGN_OR_RETURN(auto id, parse_id("--redemption", o.redemption));
    if (o.reason.empty()) return make_error(ErrorCode::kInvalidArgument, "--reason must not be empty");
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto op, store->void_redemption(id, o.reason));
    ctx.emit({{"ok", true}, {"redemption_id", o.redemption}, {"device_seq", op.device_seq}},
             "redemption " + o.redemption + " voided (operation #" + std::to_string(op.device_seq) + ")");
    return {};
}

}  // namespace

void add_void(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("void", "Void a redemption recorded on this device (works offline)");
    cmd->add_option("--redemption", o->redemption, "Redemption id (as printed by redeem)")->required();
    cmd->add_option("--reason", o->reason, "Why (recorded with the operation)")->required();
    cmd->footer("Exit codes: 0 ok, 1 refused (unknown or already voided), 2 bad usage, 4 local store.");
    cmd->callback([&ctx, o] { ctx.run([&] { return void_redemption(ctx, *o); }); });
}

}  // namespace spmis::field
