// `pause`, `resume`, `exit`: membership transitions, checked against the state machine and synced
// as operations that carry the state the device saw.

#include "commands/commands.hpp"

namespace spmis::field {
namespace {

struct Options {
    std::string membership;
    std::string reason;
};

Status transition(Context& ctx, const Options& o, model::MembershipState to) {
    SPMIS_ASSIGN_OR_RETURN(auto id, parse_id("--membership", o.membership));
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto op, store->transition_membership(id, to, o.reason));
    std::string from = op.base.value("expected_state", "");
    std::string target(model::to_string(to));
    ctx.emit({{"ok", true},
              {"membership_id", o.membership},
              {"from", from},
              {"to", target},
              {"device_seq", op.device_seq}},
             "membership " + o.membership + ": " + from + " -> " + target + " (operation #" +
                 std::to_string(op.device_seq) + ")");
    return {};
}

void add_one(CLI::App& app, Context& ctx, const char* name, const char* help, model::MembershipState to) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(name, help);
    cmd->add_option("--membership", o->membership, "Membership id")->required();
    cmd->add_option("--reason", o->reason, "Why (recorded with the operation)")->required();
    cmd->callback([&ctx, o, to] { ctx.run([&] { return transition(ctx, *o, to); }); });
}

}  // namespace

void add_membership(CLI::App& app, Context& ctx) {
    add_one(app, ctx, "pause", "Pause a program membership", model::MembershipState::kPaused);
    add_one(app, ctx, "resume", "Resume a paused program membership", model::MembershipState::kEnrolled);
    add_one(app, ctx, "exit", "Exit a program membership", model::MembershipState::kExited);
}

}  // namespace spmis::field
