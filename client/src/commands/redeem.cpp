// `redeem`: records a redemption against the local balance estimate (last pulled balance minus this
// device's redemptions not yet in it); over the estimate only with --override --reason.

#include <algorithm>
#include <cctype>

#include "commands/commands.hpp"
#include "credential_text.hpp"
#include "quantity_text.hpp"
#include "spmis/credential/bytes.hpp"

namespace spmis::field {
namespace {

struct Options {
    std::string entitlement;
    std::string quantity;
    std::string collector;
    std::string relation;
    std::string credential;
    bool override_balance = false;
    std::string reason;
};

// The credential id of a scanned credential: a full SPP1 text is verified offline first (and must be
// for this entitlement's registrant); a bare cti in hex is taken as given.
Result<std::string> credential_id(const Context& ctx, const sync::DeviceStore& store, const Uuid& entitlement,
                                  const std::string& text) {
    if (looks_like_credential(text)) {
        SPMIS_ASSIGN_OR_RETURN(auto verified, accepted_credential(store, text, ctx.clock.wall()));
        SPMIS_ASSIGN_OR_RETURN(auto ent, store.entitlement(entitlement));
        if (ent && ent->registrant_id.to_string() != verified.claims->subject) {
            return make_error(ErrorCode::kRefused, "credential refused: it was issued for registrant " +
                                                       verified.claims->subject + ", not this entitlement's");
        }
        return credential::to_hex(verified.claims->cti);
    }
    bool hex = !text.empty() && text.size() % 2 == 0 && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c));
    });
    if (!hex) {
        return make_error(ErrorCode::kInvalidArgument,
                          "--credential must be the scanned SPP1 text or the credential id (hex)");
    }
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return lower;
}

Status redeem(Context& ctx, const Options& o) {
    sync::RedeemInput in;
    SPMIS_ASSIGN_OR_RETURN(in.entitlement_id, parse_id("--entitlement", o.entitlement));
    if (!o.quantity.empty()) {
        SPMIS_ASSIGN_OR_RETURN(in.quantity_milli, sync::parse_quantity_milli(o.quantity));
    }
    if (!o.relation.empty() && o.collector.empty()) {
        return make_error(ErrorCode::kInvalidArgument, "--relation needs --collector");
    }
    in.collector_name = o.collector;
    in.collector_relation = o.relation;
    in.override_balance = o.override_balance;
    in.override_reason = o.reason;
    if (!o.reason.empty() && !o.override_balance) {
        return make_error(ErrorCode::kInvalidArgument, "--reason goes with --override");
    }
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    if (!o.credential.empty()) {
        SPMIS_ASSIGN_OR_RETURN(in.credential_cti,
                               credential_id(ctx, *store, in.entitlement_id, o.credential));
    }
    SPMIS_ASSIGN_OR_RETURN(auto out, store->redeem(in));
    std::int64_t q = out.op.payload.value("quantity_milli", std::int64_t{0});
    std::int64_t left = out.before.estimate_milli - q;
    std::string unit = out.before.unit;
    ctx.emit(
        {{"ok", true},
         {"redemption_id", out.op.record_id.to_string()},
         {"device_seq", out.op.device_seq},
         {"quantity_milli", q},
         {"unit", unit},
         {"estimate_before_milli", out.before.estimate_milli},
         {"estimate_after_milli", left},
         {"quantity_text", quantity_text(q, unit)},
         {"left_text", quantity_text(left, unit)},
         {"overridden", out.overridden}},
        "redeemed " + quantity_text(q, unit) + " (" + out.op.record_id.to_string() +
            "); estimated balance now " + quantity_text(left, unit) +
            (out.overridden ? "\nover the estimate: recorded with your reason and flagged for review" : ""));
    return {};
}

}  // namespace

void add_redeem(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("redeem", "Record a redemption of an entitlement (works offline)");
    cmd->add_option("--entitlement", o->entitlement, "Entitlement id")->required();
    cmd->add_option("--quantity", o->quantity,
                    "Quantity in the entitlement's unit, e.g. 12.5 (default: all left)");
    cmd->add_option("--collector", o->collector, "Name of the person collecting, if not the beneficiary");
    cmd->add_option("--relation", o->relation, "The collector's relation to the beneficiary");
    cmd->add_option("--credential", o->credential,
                    "The scanned credential (SPP1:... text, verified offline) or its id (hex)");
    cmd->add_flag("--override", o->override_balance, "Proceed over the estimated balance (needs --reason)");
    cmd->add_option("--reason", o->reason, "Why the override is needed (recorded and flagged)");
    cmd->callback([&ctx, o] { ctx.run([&] { return redeem(ctx, *o); }); });
}

}  // namespace spmis::field
