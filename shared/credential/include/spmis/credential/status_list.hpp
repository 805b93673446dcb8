#pragma once
// Token Status List (IETF draft-ietf-oauth-status-list) bit arrays, and the interfaces through
// which a verifier asks for per-voucher status and for earlier redemptions.

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"

namespace spmis::credential {

// A decoded status array: `bits` (1, 2, 4 or 8) per entry, least-significant bits first in each byte.
class StatusList {
public:
    // Inflates a zlib-compressed list (`lst`); kInvalidArgument for bad bits or a broken stream.
    static Result<StatusList> from_compressed(int bits, const Bytes& lst);
    StatusList(int bits, Bytes raw) : bits_(bits), raw_(std::move(raw)) {}
    // Status at index (0 valid, 1 invalid, 2 suspended, 3 application), nullopt beyond the end.
    std::optional<int> at(std::uint64_t index) const;

private:
    int bits_;
    Bytes raw_;
};

// Where a verifier finds status lists. Implementations must be thread-safe for reads.
class StatusListSource {
public:
    virtual ~StatusListSource() = default;
    // The status of the entry, or nullopt when no fresh list for the uri is held.
    virtual std::optional<int> status_of(const std::string& uri, std::uint64_t index) const = 0;
};

// The caller's record of redeemed vouchers, keyed by cti.
class RedemptionLedger {
public:
    virtual ~RedemptionLedger() = default;
    // True when a redemption with this voucher id was already recorded.
    virtual bool is_redeemed(const Bytes& cti) const = 0;
};

// A ledger in memory (tests, short-lived tools). Not thread-safe.
class InMemoryRedemptionLedger final : public RedemptionLedger {
public:
    // Records a redemption of the voucher.
    void record(const Bytes& cti) { redeemed_.insert(cti); }
    bool is_redeemed(const Bytes& cti) const override { return redeemed_.count(cti) != 0; }

private:
    std::set<Bytes> redeemed_;
};

}  // namespace spmis::credential
