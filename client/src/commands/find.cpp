// `find`: offline lookup by name prefix (accent- and case-insensitive), registrant id or national id.

#include "commands/commands.hpp"
#include "credential_text.hpp"
#include "quantity_text.hpp"
#include "spmis/sync/device_credentials.hpp"

namespace spmis::field {
namespace {

struct Options {
    std::string query;
    std::size_t limit = 20;
};

std::string describe(const sync::FoundPerson& p) {
    std::string out = p.name + "  " + p.registrant_id.to_string();
    if (!p.national_id.empty()) out += "  id " + p.national_id;
    out += "\n";
    for (const auto& m : p.household)
        out += "    household: " + m.value("name", "") + " (" + m.value("kind", "") + ")\n";
    for (const auto& m : p.memberships) {
        out += "    membership " + m.value("id", "") + ": " + m.value("state", "") + "\n";
    }
    for (const auto& e : p.entitlements) {
        const std::string unit = e.value("unit", "");
        out += "    entitlement " + e.value("id", "") + " " + e.value("item", e.value("kind", "")) + " [" +
               e.value("state", "") + "] remaining " +
               quantity_text(e.value("estimate_milli", std::int64_t{0}), unit) + " of " +
               quantity_text(e.value("quantity_milli", std::int64_t{0}), unit) + ", valid " +
               e.value("valid_from", "?") + " to " + e.value("valid_until", "?") + "\n";
        if (e.contains("warning")) out += "      cannot be redeemed today: " + e.value("warning", "") + "\n";
    }
    return out;
}

Status find(Context& ctx, const Options& o) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    std::string query = o.query;
    std::string verdict;
    if (looks_like_credential(query)) {
        // A scanned credential: look its subject up once its signature checks out (a used or
        // expired voucher still finds the person; the verdict is printed with the result).
        SPMIS_ASSIGN_OR_RETURN(auto result, sync::verify_on_device(*store, query, ctx.clock.wall()));
        verdict = std::string(credential::verify_code_name(result.code));
        if (!result.claims) return make_error(ErrorCode::kRefused, "credential refused: " + verdict);
        query = result.claims->subject;
    }
    SPMIS_ASSIGN_OR_RETURN(auto hits, store->find(query, o.limit));
    // What the officer must know before handing anything out today.
    const Date today = date_of(ctx.clock.wall());
    for (auto& p : hits) {
        for (auto& e : p.entitlements) {
            auto typed = sync::decode_entitlement(e);
            if (!typed.ok()) return typed.status();
            const std::string why = sync::not_redeemable_because(*typed, today);
            if (!why.empty()) e["warning"] = why;
            // The amounts as the officer reads them, units agreeing with their numbers.
            e["remaining_text"] = quantity_text(e.value("estimate_milli", std::int64_t{0}), typed->unit);
            e["grant_text"] = quantity_text(typed->quantity_milli, typed->unit);
        }
    }
    nlohmann::json people = nlohmann::json::array();
    std::string human;
    for (const auto& p : hits) {
        people.push_back({{"registrant_id", p.registrant_id.to_string()},
                          {"name", p.name},
                          {"national_id", p.national_id},
                          {"household_id",
                           p.household_id ? nlohmann::json(p.household_id->to_string()) : nlohmann::json()},
                          {"household", p.household},
                          {"memberships", p.memberships},
                          {"entitlements", p.entitlements}});
        human += describe(p);
    }
    if (hits.empty()) human = "no match for '" + query + "'";
    nlohmann::json out{{"ok", true}, {"results", people}};
    if (!verdict.empty()) {
        out["credential"] = verdict;
        human = "credential " + verdict + "\n" + human;
    }
    ctx.emit(out, human);
    return {};
}

}  // namespace

void add_find(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("find", "Look a beneficiary up offline (name prefix, id or national id)");
    cmd->add_option("query", o->query, "Name prefix, registrant id, national id or a scanned SPP1 credential")
        ->required();
    cmd->add_option("--limit", o->limit, "At most this many people")->check(CLI::Range(1, 1000));
    cmd->callback([&ctx, o] { ctx.run([&] { return find(ctx, *o); }); });
}

}  // namespace spmis::field
