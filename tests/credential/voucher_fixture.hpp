#pragma once
// A typical voucher (three food items and a name), a device, and its root-signed trust list.

#include "spmis/credential/claims.hpp"
#include "spmis/credential/ed25519.hpp"
#include "spmis/credential/trust_list.hpp"

namespace spmis::credential::testing {

inline constexpr std::int64_t kIssuedAt = 1'751'371'200;  // 2025-07-01T12:00:00Z
inline constexpr std::int64_t kDay = 86'400;

// The claims of a food voucher signed at kIssuedAt, valid for 30 days.
inline Claims food_voucher(Bytes cti = {1, 2, 3, 4, 5, 6, 7, 8}) {
    Claims c;
    c.issuer = "SPP-KE";
    c.subject = "HH-0012345678";
    c.issued_at = kIssuedAt;
    c.not_before = kIssuedAt;
    c.expires_at = kIssuedAt + 30 * kDay;
    c.cti = std::move(cti);
    c.full_name = "Amina Yusuf Abdi";
    c.entitlement.program = "FOOD-2025";
    c.entitlement.cycle = "2025-07";
    c.entitlement.kind = EntitlementKind::kInKind;
    c.entitlement.items = {{"RICE", 25, "kg"}, {"OIL", 2, "l"}, {"BEANS", 5, "kg"}};
    c.entitlement.service_point = "SP-0193";
    return c;
}

// A trust-list entry for the key, valid for a year around kIssuedAt.
inline TrustedDevice device_entry(const SigningKey& key, const std::string& device_id) {
    TrustedDevice d;
    d.kid = key.kid();
    d.public_key = key.public_key();
    d.device_id = device_id;
    d.valid_from = kIssuedAt - 180 * kDay;
    d.valid_until = kIssuedAt + 180 * kDay;
    return d;
}

}  // namespace spmis::credential::testing
