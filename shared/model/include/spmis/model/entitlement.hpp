#pragma once
// Entitlements: what one beneficiary gets in one cycle (cash, in-kind or voucher).

#include <optional>
#include <string>

#include "spmis/base/money.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/program.hpp"

namespace spmis::model {

enum class EntitlementState {
    kDraft,
    kPendingApproval,
    kApproved,
    kTransferred,
    kPaid,
    kRejected,
    kCancelled,
    kExpired
};

template <>
struct EnumInfo<EntitlementState> {
    static constexpr std::string_view kKind = "entitlement state";
    static constexpr std::array<std::string_view, 8> kNames{
        "draft", "pending_approval", "approved", "transferred", "paid", "rejected", "cancelled", "expired"};
};

// One beneficiary's entitlement in one cycle. Cash uses `amount`; in-kind uses item, quantity,
// unit and service point; vouchers use `voucher_code` and `amount` as the voucher value.
struct Entitlement {
    Uuid id;
    Uuid cycle_id;
    Uuid program_id;
    Uuid registrant_id;
    EntitlementKind kind = EntitlementKind::kCash;
    EntitlementState state = EntitlementState::kDraft;
    Money amount;
    std::string item;
    double quantity = 0;
    std::string unit;
    std::optional<Uuid> service_point_id;
    std::string voucher_code;
    Date valid_from{};
    Date valid_until{};
    UtcTime created_at{};

    bool operator==(const Entitlement&) const = default;
};

}  // namespace spmis::model
