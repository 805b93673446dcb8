// `status`: pending operations, last sync, scope counts, and what needs the officer's attention.

#include "commands/commands.hpp"
#include "quantity_text.hpp"

namespace spmis::field {
namespace {

Status status(Context& ctx) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto s, store->state());
    SPMIS_ASSIGN_OR_RETURN(auto outbox, store->outbox_summary());
    SPMIS_ASSIGN_OR_RETURN(auto day, store->distribution_summary());
    nlohmann::json handed_out = nlohmann::json::array();
    std::string handed_text;
    for (const auto& [unit, milli] : day.handed_out_milli) {
        handed_out.push_back(
            {{"unit", unit}, {"quantity_milli", milli}, {"text", quantity_text(milli, unit)}});
        handed_text += (handed_text.empty() ? "" : ", ") + quantity_text(milli, unit);
    }
    nlohmann::json counts = nlohmann::json::object();
    for (const char* kind : {"entitlement", "event", "trust_list", "device"}) {
        SPMIS_ASSIGN_OR_RETURN(counts[kind], store->count_records(kind));
    }
    std::string last = s.last_sync ? format_time(*s.last_sync) : "never";
    nlohmann::json attention = nlohmann::json::array();
    std::string human;
    human += "device      " + (s.enrollment ? s.enrollment->device_id.to_string() : "not enrolled") + "\n";
    human += "officer     " + s.officer_id + "\n";
    human += "pending     " + std::to_string(outbox.pending) + " operation(s) (acknowledged " +
             std::to_string(outbox.acked) + ")\n";
    human += "last sync   " + last + "\n";
    human += "scope       " + counts.dump() + "\n";
    if (s.open_event) human += "open event  " + s.open_event->to_string() + "\n";
    human += "served      " + std::to_string(day.served) + " of " + std::to_string(day.beneficiaries) +
             " beneficiaries; handed out " + (handed_text.empty() ? "nothing" : handed_text) + "\n";
    if (s.open_event) human += "attended    " + std::to_string(day.attended) + " at the open event\n";
    for (const auto& e : outbox.attention) {
        std::string d = e.disposition ? sync::to_string(*e.disposition) : "";
        attention.push_back({{"device_seq", e.op.device_seq},
                             {"op_type", e.op.op_type},
                             {"record_id", e.op.record_id.to_string()},
                             {"disposition", d},
                             {"reason", e.reason},
                             {"cases", e.cases.size()}});
        human += "attention   #" + std::to_string(e.op.device_seq) + " " + e.op.op_type + " " + d +
                 (e.reason.empty() ? "" : ": " + e.reason) + "\n";
    }
    ctx.emit(
        {{"ok", true},
         {"device_id", s.enrollment ? nlohmann::json(s.enrollment->device_id.to_string()) : nlohmann::json()},
         {"officer", s.officer_id},
         {"pending", outbox.pending},
         {"acked", outbox.acked},
         {"last_sync", s.last_sync ? nlohmann::json(last) : nlohmann::json()},
         {"scope_counts", counts},
         {"open_event", s.open_event ? nlohmann::json(s.open_event->to_string()) : nlohmann::json()},
         {"attention", attention},
         {"distribution",
          {{"beneficiaries", day.beneficiaries},
           {"served", day.served},
           {"attended", day.attended},
           {"handed_out", handed_out}}}},
        human);
    return {};
}

}  // namespace

void add_status(CLI::App& app, Context& ctx) {
    auto* cmd =
        app.add_subcommand("status", "Show pending operations, last sync, scope counts and flagged work");
    cmd->callback([&ctx] { ctx.run([&] { return status(ctx); }); });
}

}  // namespace spmis::field
