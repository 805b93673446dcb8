#pragma once
// SPP1 credentials on a field device: issuing one for a pulled entitlement with the device key, and
// verifying a scanned one offline against the pulled trust list (checked with the server key from
// enrollment) and the device's own redemption ledger.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "spmis/base/clock.hpp"
#include "spmis/base/status.hpp"
#include "spmis/credential/claims.hpp"
#include "spmis/credential/status_list.hpp"
#include "spmis/credential/verify.hpp"
#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/device_store.hpp"

namespace spmis::sync {

// The issuing authority code in every credential a device signs.
inline constexpr std::string_view kCredentialIssuer = "SPMIS";

// The device's redemption ledger seen through the credential library (cti as lowercase hex).
class DeviceLedger final : public credential::RedemptionLedger {
public:
    explicit DeviceLedger(const DeviceStore& store) : store_(store) {}
    // A ledger that cannot be read counts as redeemed: refusing is the safe answer.
    bool is_redeemed(const credential::Bytes& cti) const override;

private:
    const DeviceStore& store_;
};

// The pulled trust list, verified with the enrollment's server key. kFailedPrecondition when the
// device is not enrolled or has not pulled a list yet; kCorrupt when the list does not verify.
Result<credential::TrustList> device_trust_list(const DeviceStore& store);

// The claims of a pulled entitlement record: subject = registrant, program and cycle ids, the items
// or cash, the service point, nbf/exp from its validity dates, the beneficiary's name; a fresh cti.
Result<credential::Claims> claims_for_entitlement(const PulledEntitlement& entitlement, UtcTime now,
                                                  Random& random);

// A credential just issued: its QR text and what it says.
struct IssuedCredential {
    std::string text;
    credential::Claims claims;
};

// Issues the SPP1 text for a pulled entitlement, signed with the device key. kNotFound when the
// entitlement is not held.
Result<IssuedCredential> issue_for_entitlement(const DeviceStore& store, const KeyPair& keys,
                                               const Uuid& entitlement_id, UtcTime now, Random& random);

// Verifies a scanned text offline (trust list + local ledger). Fails only when there is no usable
// trust list; the credential's own verdict is in the result.
Result<credential::VerifyResult> verify_on_device(const DeviceStore& store, std::string_view text,
                                                  UtcTime now);

}  // namespace spmis::sync
