// `event list|open|close`: the service point's distribution events (pulled from the server), and a
// local marker of the event being served now, which `attend` uses when --event is not given. The list
// marks the open event with "*" and the one running now (else the next) with ">".

#include "commands/commands.hpp"

namespace spmis::field {
namespace {

// The event an officer most likely serves now: the one running at `now`, else the next to start,
// else the one that ended last. The screen preselects it; `event list` marks it with ">".
template <typename Event>
std::optional<Uuid> suggested_event(const std::vector<Event>& events, UtcTime now) {
    const Event* running = nullptr;
    const Event* next = nullptr;
    const Event* last = nullptr;
    for (const auto& e : events) {
        if (e.starts_at <= now && now < e.ends_at && (running == nullptr || e.starts_at > running->starts_at))
            running = &e;
        if (e.starts_at > now && (next == nullptr || e.starts_at < next->starts_at)) next = &e;
        if (e.ends_at <= now && (last == nullptr || e.ends_at > last->ends_at)) last = &e;
    }
    const Event* pick = running != nullptr ? running : next != nullptr ? next : last;
    return pick != nullptr ? std::optional<Uuid>(pick->id) : std::nullopt;
}

Status list(Context& ctx) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto events, store->events());
    SPMIS_ASSIGN_OR_RETURN(auto s, store->state());
    std::string open = s.open_event ? s.open_event->to_string() : "";
    const std::optional<Uuid> suggested = suggested_event(events, ctx.clock.wall());
    std::string human;
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& e : events) {
        std::string id = e.id.to_string();
        const char* mark = id == open ? "* " : (suggested == e.id ? "> " : "  ");
        human += mark + id + "  " + format_time(e.starts_at) + " .. " + format_time(e.ends_at) + "\n";
        listed.push_back(sync::encode_pulled(e));
    }
    if (events.empty()) human = "no events on this device (sync first)";
    ctx.emit({{"ok", true},
              {"events", listed},
              {"open_event", open.empty() ? nlohmann::json() : nlohmann::json(open)},
              {"suggested_event", suggested ? nlohmann::json(suggested->to_string()) : nlohmann::json()}},
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
