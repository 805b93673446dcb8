#pragma once
// The SPP1 claims (a CWT, RFC 8392) and their CBOR form; see shared/CREDENTIALS.md for the table.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"
#include "spmis/credential/cbor.hpp"

namespace spmis::credential {

inline constexpr std::int64_t kClaimIss = 1;
inline constexpr std::int64_t kClaimSub = 2;
inline constexpr std::int64_t kClaimExp = 4;
inline constexpr std::int64_t kClaimNbf = 5;
inline constexpr std::int64_t kClaimIat = 6;
inline constexpr std::int64_t kClaimCti = 7;
inline constexpr std::int64_t kClaimIdentity = 169;
inline constexpr std::int64_t kClaimEntitlement = -65537;
inline constexpr std::int64_t kClaimStatus = 65535;
inline constexpr std::size_t kCtiSize = 8;

// What the entitlement grants.
enum class EntitlementKind { kInKind = 1, kCash = 2, kService = 3 };

// One in-kind (or service) line: [item, quantity, unit].
struct EntitlementItem {
    std::string item;
    std::int64_t quantity = 0;
    std::string unit;
    bool operator==(const EntitlementItem&) const = default;
};

// A cash line: [currency, amount in minor units].
struct CashAmount {
    std::string currency;
    std::int64_t amount_minor = 0;
    bool operator==(const CashAmount&) const = default;
};

// Claim -65537. Exactly one of items (in-kind, service) or cash (cash) is used.
struct Entitlement {
    std::string program;
    std::string cycle;
    EntitlementKind kind = EntitlementKind::kInKind;
    std::vector<EntitlementItem> items;
    std::optional<CashAmount> cash;
    std::optional<std::string> service_point;
    bool operator==(const Entitlement&) const = default;
};

// Claim 65535, Token Status List form: {"status_list": {"idx": idx, "uri": uri}}.
struct StatusReference {
    std::uint64_t index = 0;
    std::string uri;
    bool operator==(const StatusReference&) const = default;
};

// All SPP1 claims. Times are UTC seconds since the epoch.
struct Claims {
    std::string issuer;
    std::string subject;
    std::int64_t expires_at = 0;
    std::int64_t not_before = 0;
    std::int64_t issued_at = 0;
    Bytes cti;                             // 8 random bytes: the voucher id
    std::optional<std::string> full_name;  // claim 169 {4: name}
    Entitlement entitlement;
    std::optional<StatusReference> status;
    bool operator==(const Claims&) const = default;
};

// The claims as a CBOR map (deterministic once encoded).
CborValue claims_to_cbor(const Claims& claims);
// Reads the claims with every required key and type checked; kInvalidArgument with the reason.
Result<Claims> claims_from_cbor(const CborValue& map);

}  // namespace spmis::credential
