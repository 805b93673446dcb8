#include "spmis/credential/claims.hpp"

namespace spmis::credential {
namespace {

using Entry = std::pair<CborValue, CborValue>;

CborValue lines_to_cbor(const Entitlement& e) {
    std::vector<CborValue> lines;
    if (e.cash) {
        lines.push_back(
            CborValue::array({CborValue::text(e.cash->currency), CborValue::integer(e.cash->amount_minor)}));
    }
    for (const EntitlementItem& item : e.items) {
        lines.push_back(CborValue::array(
            {CborValue::text(item.item), CborValue::integer(item.quantity), CborValue::text(item.unit)}));
    }
    return CborValue::array(std::move(lines));
}

CborValue entitlement_to_cbor(const Entitlement& e) {
    std::vector<Entry> entries;
    entries.emplace_back(CborValue::integer(1), CborValue::text(e.program));
    entries.emplace_back(CborValue::integer(2), CborValue::text(e.cycle));
    entries.emplace_back(CborValue::integer(3), CborValue::integer(static_cast<std::int64_t>(e.kind)));
    entries.emplace_back(CborValue::integer(4), lines_to_cbor(e));
    if (e.service_point) entries.emplace_back(CborValue::integer(5), CborValue::text(*e.service_point));
    return CborValue::map(std::move(entries));
}

CborValue status_to_cbor(const StatusReference& s) {
    CborValue inner =
        CborValue::map({{CborValue::text("idx"), CborValue::integer(static_cast<std::int64_t>(s.index))},
                        {CborValue::text("uri"), CborValue::text(s.uri)}});
    return CborValue::map({{CborValue::text("status_list"), std::move(inner)}});
}

}  // namespace

CborValue claims_to_cbor(const Claims& c) {
    std::vector<Entry> entries;
    entries.emplace_back(CborValue::integer(kClaimIss), CborValue::text(c.issuer));
    entries.emplace_back(CborValue::integer(kClaimSub), CborValue::text(c.subject));
    entries.emplace_back(CborValue::integer(kClaimExp), CborValue::integer(c.expires_at));
    entries.emplace_back(CborValue::integer(kClaimNbf), CborValue::integer(c.not_before));
    entries.emplace_back(CborValue::integer(kClaimIat), CborValue::integer(c.issued_at));
    entries.emplace_back(CborValue::integer(kClaimCti), CborValue::byte_string(c.cti));
    if (c.full_name) {
        entries.emplace_back(CborValue::integer(kClaimIdentity),
                             CborValue::map({{CborValue::integer(4), CborValue::text(*c.full_name)}}));
    }
    entries.emplace_back(CborValue::integer(kClaimEntitlement), entitlement_to_cbor(c.entitlement));
    if (c.status) entries.emplace_back(CborValue::integer(kClaimStatus), status_to_cbor(*c.status));
    return CborValue::map(std::move(entries));
}

}  // namespace spmis::credential
