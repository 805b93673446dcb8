#pragma once
// Payments: cash entitlements batched for one financial service provider, then reconciled.

#include <optional>
#include <string>

#include "spmis/base/money.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::model {

enum class PaymentBatchState { kDraft, kExported, kReconciled };
enum class PaymentStatus { kPending, kPaid, kFailed };
enum class ProviderKind { kBank, kMobileMoney, kCashAgent };

template <>
struct EnumInfo<PaymentBatchState> {
    static constexpr std::string_view kKind = "payment batch state";
    static constexpr std::array<std::string_view, 3> kNames{"draft", "exported", "reconciled"};
};
template <>
struct EnumInfo<PaymentStatus> {
    static constexpr std::string_view kKind = "payment status";
    static constexpr std::array<std::string_view, 3> kNames{"pending", "paid", "failed"};
};
template <>
struct EnumInfo<ProviderKind> {
    static constexpr std::string_view kKind = "provider kind";
    static constexpr std::array<std::string_view, 3> kNames{"bank", "mobile_money", "cash_agent"};
};

// A batch of payments sent to one provider as one file.
struct PaymentBatch {
    Uuid id;
    Uuid cycle_id;
    std::string provider;
    PaymentBatchState state = PaymentBatchState::kDraft;
    UtcTime created_at{};
    ProviderKind provider_kind = ProviderKind::kBank;
    std::string file_sha256;             // hex SHA-256 of the exported file; "" before export
    std::optional<UtcTime> exported_at;  // first export

    bool operator==(const PaymentBatch&) const = default;
};

// One payment of one cash entitlement; an entitlement is in at most one non-failed payment.
struct Payment {
    Uuid id;
    Uuid batch_id;
    Uuid entitlement_id;
    Money amount;
    PaymentStatus status = PaymentStatus::kPending;
    std::string provider_reference;
    std::string failure_reason;
    UtcTime updated_at{};

    bool operator==(const Payment&) const = default;
};

}  // namespace spmis::model
