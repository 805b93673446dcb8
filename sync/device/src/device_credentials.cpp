#include "spmis/sync/device_credentials.hpp"

#include <chrono>

#include "spmis/credential/issue.hpp"
#include "spmis/sync/trust_list.hpp"

namespace spmis::sync {
namespace {

std::int64_t unix_seconds(UtcTime t) { return to_unix_micros(t) / 1'000'000; }

std::int64_t day_start(Date d) { return unix_seconds(start_of(d)); }

// What the entitlement grants: cash for cash and voucher values, items (whole units when exact,
// else thousandths) for in-kind.
void fill_grant(const PulledEntitlement& ent, credential::Entitlement& out) {
    if (ent.kind != model::EntitlementKind::kInKind) {
        out.kind = credential::EntitlementKind::kCash;
        out.cash = credential::CashAmount{ent.currency, ent.amount_minor};
        return;
    }
    out.kind = credential::EntitlementKind::kInKind;
    if (ent.quantity_milli % 1000 == 0) {
        out.items.push_back({ent.item, ent.quantity_milli / 1000, ent.unit});
    } else {
        out.items.push_back({ent.item, ent.quantity_milli, "milli-" + ent.unit});
    }
}

}  // namespace

bool DeviceLedger::is_redeemed(const credential::Bytes& cti) const {
    auto used = store_.credential_redeemed(credential::to_hex(cti));
    return !used.ok() || *used;
}

Result<credential::TrustList> device_trust_list(const DeviceStore& store) {
    SPMIS_ASSIGN_OR_RETURN(DeviceState state, store.state());
    if (!state.enrollment)
        return make_error(ErrorCode::kFailedPrecondition, "this device is not enrolled (no server key)");
    SPMIS_ASSIGN_OR_RETURN(auto record, store.trust_list());
    if (!record) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "no trust list on this device yet: sync once while online");
    }
    auto list = trust_list_from_record(*record, state.enrollment->server_public_key_hex);
    if (!list.ok())
        return make_error(ErrorCode::kCorrupt,
                          "the pulled trust list does not verify: " + list.status().message());
    return list;
}

Result<credential::Claims> claims_for_entitlement(const PulledEntitlement& ent, UtcTime now, Random& random) {
    credential::Claims c;
    c.issuer = std::string(kCredentialIssuer);
    c.subject = ent.registrant_id.to_string();
    c.issued_at = unix_seconds(now);
    c.not_before = day_start(ent.valid_from);
    c.expires_at = day_start(ent.valid_until) + 24 * 60 * 60 - 1;  // the whole last day
    c.cti = credential::new_cti(random);
    if (ent.beneficiary && !ent.beneficiary->name.empty()) c.full_name = ent.beneficiary->name;
    c.entitlement.program = ent.program_id.to_string();
    c.entitlement.cycle = ent.cycle_id.to_string();
    if (ent.service_point_id) c.entitlement.service_point = ent.service_point_id->to_string();
    fill_grant(ent, c.entitlement);
    return c;
}

Result<IssuedCredential> issue_for_entitlement(const DeviceStore& store, const KeyPair& keys,
                                               const Uuid& entitlement_id, UtcTime now, Random& random) {
    SPMIS_ASSIGN_OR_RETURN(auto ent, store.entitlement(entitlement_id));
    if (!ent) {
        return make_error(ErrorCode::kNotFound, "entitlement " + entitlement_id.to_string() +
                                                    " is not on this device (sync first)");
    }
    SPMIS_ASSIGN_OR_RETURN(credential::Claims claims, claims_for_entitlement(*ent, now, random));
    SPMIS_ASSIGN_OR_RETURN(std::string text, credential::issue_credential(claims, keys.signer));
    return IssuedCredential{std::move(text), std::move(claims)};
}

Result<credential::VerifyResult> verify_on_device(const DeviceStore& store, std::string_view text,
                                                  UtcTime now) {
    SPMIS_ASSIGN_OR_RETURN(credential::TrustList list, device_trust_list(store));
    DeviceLedger ledger(store);
    credential::VerifyContext context;
    context.now = now;
    context.trust_list = &list;
    context.ledger = &ledger;
    return credential::verify_credential(text, context);
}

}  // namespace spmis::sync
