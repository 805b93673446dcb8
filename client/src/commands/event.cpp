// `event list|open|close`: the service point's distribution events (pulled from the server), and a
// local marker of the event being served now, which `attend` uses when --event is not given.

#include "commands/commands.hpp"

namespace spmis::field {
namespace {

Status list(Context& ctx) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto events, store->events());
    SPMIS_ASSIGN_OR_RETURN(auto s, store->state());
    std::string open = s.open_event ? s.open_event->to_string() : "";
    std::string human;
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& e : events) {
        std::string id = e.id.to_string();
        human += (id == open ? "* " : "  ") + id + "  " + format_time(e.starts_at) + " .. " +
                 format_time(e.ends_at) + "\n";
        listed.push_back(sync::encode_pulled(e));
    }
    if (events.empty()) human = "no events on this device (sync first)";
    ctx.emit({{"ok", true},
              {"events", listed},
              {"open_event", open.empty() ? nlohmann::json() : nlohmann::json(open)}},
             human);
    return {};
}

Status open_event(Context& ctx, const std::string& text) {
    SPMIS_ASSIGN_OR_RETURN(auto id, parse_id("EVENT", text));
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto event, store->event(id));
    if (!event)
        return make_error(ErrorCode::kNotFound, "event " + text + " is not on this device (sync first)");
    SPMIS_RETURN_IF_ERROR(store->set_open_event(id));
    ctx.emit({{"ok", true}, {"open_event", text}}, "event " + text + " is open on this device");
    return {};
}

Status close_event(Context& ctx) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_RETURN_IF_ERROR(store->set_open_event(std::nullopt));
    ctx.emit({{"ok", true}, {"open_event", nullptr}}, "no event is open on this device");
    return {};
}

}  // namespace

void add_event(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("event", "Distribution events of this device's service points");
    cmd->require_subcommand(1);
    auto* l = cmd->add_subcommand("list", "List the events pulled from the server (* marks the open one)");
    l->callback([&ctx] { ctx.run([&] { return list(ctx); }); });
    auto id = std::make_shared<std::string>();
    auto* o = cmd->add_subcommand("open", "Mark an event as the one being served now (local only)");
    o->add_option("event", *id, "Event id")->required();
    o->callback([&ctx, id] { ctx.run([&] { return open_event(ctx, *id); }); });
    auto* c = cmd->add_subcommand("close", "Clear the open event marker (local only)");
    c->callback([&ctx] { ctx.run([&] { return close_event(ctx); }); });
}

}  // namespace spmis::field
