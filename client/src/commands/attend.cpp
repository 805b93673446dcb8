// `attend`: records that a registrant attended an event (one operation).

#include "commands/commands.hpp"

namespace spmis::field {
namespace {

struct Options {
    std::string registrant;
    std::string event;
};

Status attend(Context& ctx, const Options& o) {
    SPMIS_ASSIGN_OR_RETURN(auto registrant, parse_id("--registrant", o.registrant));
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    Uuid event;
    if (o.event.empty()) {
        SPMIS_ASSIGN_OR_RETURN(auto s, store->state());
        if (!s.open_event)
            return make_error(ErrorCode::kInvalidArgument, "give --event or open one with `event open`");
        event = *s.open_event;
    } else {
        SPMIS_ASSIGN_OR_RETURN(event, parse_id("--event", o.event));
    }
    SPMIS_ASSIGN_OR_RETURN(auto op, store->record_attendance(registrant, event));
    ctx.emit({{"ok", true}, {"attendance_id", op.record_id.to_string()}, {"device_seq", op.device_seq}},
             "attendance recorded (" + op.record_id.to_string() + ", operation #" +
                 std::to_string(op.device_seq) + ")");
    return {};
}

}  // namespace

void add_attend(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("attend", "Record a registrant's attendance at an event");
    cmd->add_option("--registrant", o->registrant, "Registrant id")->required();
    cmd->add_option("--event", o->event, "Event id (default: the open event)");
    cmd->callback([&ctx, o] { ctx.run([&] { return attend(ctx, *o); }); });
}

}  // namespace spmis::field
