#include "spmis/sync/device_credentials.hpp"

#include <chrono>

#include "spmis/credential/issue.hpp"
#include "spmis/sync/trust_list.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

std::int64_t unix_seconds(UtcTime t) { return to_unix_micros(t) / 1'000'000; }

std::string text_of(const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

Result<std::int64_t> day_start(const json& ent, const char* key) {
    SPMIS_ASSIGN_OR_RETURN(Date d, parse_date(text_of(ent, key)));
    return unix_seconds(start_of(d));
}

// What the entitlement grants: cash for cash and voucher values, items (whole units when exact,
// else thousandths) for in-kind.
Status fill_grant(const json& ent, credential::Entitlement& out) {
    std::string kind = text_of(ent, "kind");
    if (kind == "cash" || kind == "voucher") {
        out.kind = credential::EntitlementKind::kCash;
        out.cash =
            credential::CashAmount{text_of(ent, "currency"), ent.value("amount_minor", std::int64_t{0})};
        return {};
    }
    if (kind != "in_kind") return make_error(ErrorCode::kInvalidArgument, "unknown entitlement kind " + kind);
    out.kind = credential::EntitlementKind::kInKind;
    std::int64_t milli = ent.value("quantity_milli", std::int64_t{0});
    std::string unit = text_of(ent, "unit");
    if (milli % 1000 == 0) {
        out.items.push_back({text_of(ent, "item"), milli / 1000, unit});
    } else {
        out.items.push_back({text_of(ent, "item"), milli, "milli-" + unit});
    }
    return {};
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
    SPMIS_ASSIGN_OR_RETURN(auto record, store.record("trust_list", trust_list_record_id()));
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

Result<credential::Claims> claims_for_entitlement(const json& ent, UtcTime now, Random& random) {
    if (!ent.is_object())
        return make_error(ErrorCode::kInvalidArgument, "entitlement record is not an object");
    credential::Claims c;
    c.issuer = std::string(kCredentialIssuer);
    c.subject = text_of(ent, "registrant_id");
    c.issued_at = unix_seconds(now);
    SPMIS_ASSIGN_OR_RETURN(c.not_before, day_start(ent, "valid_from"));
    SPMIS_ASSIGN_OR_RETURN(std::int64_t until, day_start(ent, "valid_until"));
    c.expires_at = until + 24 * 60 * 60 - 1;  // the whole last day
    c.cti = credential::new_cti(random);
    if (ent.contains("beneficiary") && ent["beneficiary"].is_object()) {
        std::string name = text_of(ent["beneficiary"], "name");
        if (!name.empty()) c.full_name = name;
    }
    c.entitlement.program = text_of(ent, "program_id");
    c.entitlement.cycle = text_of(ent, "cycle_id");
    std::string sp = text_of(ent, "service_point_id");
    if (!sp.empty()) c.entitlement.service_point = sp;
    SPMIS_RETURN_IF_ERROR(fill_grant(ent, c.entitlement));
    return c;
}

Result<IssuedCredential> issue_for_entitlement(const DeviceStore& store, const KeyPair& keys,
                                               const Uuid& entitlement_id, UtcTime now, Random& random) {
    SPMIS_ASSIGN_OR_RETURN(auto ent, store.record("entitlement", entitlement_id));
    if (!ent) {
        return make_error(ErrorCode::kNotFound, "entitlement " + entitlement_id.to_string() +
                                                    " is not on this device (sync first)");
    }
    SPMIS_ASSIGN_OR_RETURN(credential::Claims claims, claims_for_entitlement(*ent, now, random));
    credential::Bytes seed(keys.secret_key.begin(), keys.secret_key.begin() + credential::kEd25519SeedSize);
    SPMIS_ASSIGN_OR_RETURN(auto key, credential::SigningKey::from_seed(seed));
    SPMIS_ASSIGN_OR_RETURN(std::string text, credential::issue_credential(claims, key));
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
