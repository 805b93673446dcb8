#pragma once
// The trust list: every device key the server vouches for, signed by the server's root key
// (COSE_Sign1, protected {1: -8, 4: root kid}). Synced to every device, refreshed when online.
//
// Payload map: {1: version (1), 2: issued_at, 3: expires_at, 4: [device, ...]} where a device is
// {1: kid bstr(8), 2: public key bstr(32), 3: device id, 4: valid_from, 5: valid_until,
//  6: revoked_at (optional), 7: [program code, ...] (optional; absent = every program)}.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"
#include "spmis/credential/ed25519.hpp"

namespace spmis::credential {

inline constexpr std::int64_t kTrustListVersion = 1;

// One device key the root vouches for. Times are UTC seconds.
struct TrustedDevice {
    Bytes kid;
    Bytes public_key;
    std::string device_id;
    std::int64_t valid_from = 0;
    std::int64_t valid_until = 0;
    std::optional<std::int64_t> revoked_at;
    std::optional<std::vector<std::string>> programs;  // nullopt: every program
    bool operator==(const TrustedDevice&) const = default;

    // True when the key could sign at `when`: inside its validity and not yet revoked.
    bool valid_at(std::int64_t when) const;
    // True when the program is allowed for this key.
    bool allows_program(const std::string& program) const;
};

// The list and its own validity. Immutable once built; safe to share between threads.
struct TrustList {
    std::int64_t issued_at = 0;
    std::int64_t expires_at = 0;
    std::vector<TrustedDevice> devices;
    bool operator==(const TrustList&) const = default;

    // Every entry with that kid, in list order (kids can collide; the caller tries each).
    std::vector<const TrustedDevice*> find(const Bytes& kid) const;
};

// The list as a tagged COSE_Sign1 signed by the root key.
Bytes sign_trust_list(const TrustList& list, const SigningKey& root);
// Parses and checks a signed list against the root public key. kCorrupt for a bad signature or a
// foreign root, kInvalidArgument for a malformed list.
Result<TrustList> verify_trust_list(const Bytes& signed_list, const Bytes& root_public_key);

}  // namespace spmis::credential
