#include "spmis/credential/json.hpp"

namespace spmis::credential {
namespace {

const char* kind_name(EntitlementKind kind) {
    switch (kind) {
        case EntitlementKind::kInKind: return "in_kind";
        case EntitlementKind::kCash: return "cash";
        case EntitlementKind::kService: return "service";
    }
    return "unknown";
}

nlohmann::json entitlement_to_json(const Entitlement& e) {
    nlohmann::json out = {{"program", e.program}, {"cycle", e.cycle}, {"kind", kind_name(e.kind)}};
    if (e.cash) {
        out["cash"] = {{"currency", e.cash->currency}, {"amount_minor", e.cash->amount_minor}};
    } else {
        out["items"] = nlohmann::json::array();
        for (const EntitlementItem& item : e.items) {
            out["items"].push_back({{"item", item.item}, {"quantity", item.quantity}, {"unit", item.unit}});
        }
    }
    if (e.service_point) out["service_point"] = *e.service_point;
    return out;
}

}  // namespace

nlohmann::json claims_to_json(const Claims& c) {
    nlohmann::json out = {{"issuer", c.issuer},
                          {"subject", c.subject},
                          {"expires_at", c.expires_at},
                          {"not_before", c.not_before},
                          {"issued_at", c.issued_at},
                          {"cti", to_hex(c.cti)},
                          {"entitlement", entitlement_to_json(c.entitlement)}};
    if (c.full_name) out["full_name"] = *c.full_name;
    if (c.status) out["status"] = {{"index", c.status->index}, {"uri", c.status->uri}};
    return out;
}

nlohmann::json verify_result_to_json(const VerifyResult& r) {
    nlohmann::json out = {{"code", verify_code_name(r.code)},
                          {"ok", r.ok()},
                          {"detail", r.detail},
                          {"stale", r.stale},
                          {"kid", to_hex(r.kid)},
                          {"signer_device_id", r.signer_device_id}};
    if (r.claims) out["claims"] = claims_to_json(*r.claims);
    return out;
}

}  // namespace spmis::credential
