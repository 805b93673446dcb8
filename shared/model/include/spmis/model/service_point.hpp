#pragma once
// Service points (distribution sites), their events, attendance and redemptions.

#include <optional>
#include <string>
#include <vector>

#include "spmis/base/money.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::model {

enum class Recipient { kBeneficiary, kProxy };

template <>
struct EnumInfo<Recipient> {
    static constexpr std::string_view kKind = "recipient";
    static constexpr std::array<std::string_view, 2> kNames{"beneficiary", "proxy"};
};

// A distribution location serving some programs.
struct ServicePoint {
    Uuid id;
    std::string code;
    std::string name;
    std::optional<Uuid> area_id;
    int capacity_per_day = 0;
    std::vector<Uuid> program_ids;

    bool operator==(const ServicePoint&) const = default;
};

// A scheduled distribution at a service point.
struct DistributionEvent {
    Uuid id;
    Uuid service_point_id;
    Uuid program_id;
    std::optional<Uuid> cycle_id;
    UtcTime starts_at{};
    UtcTime ends_at{};

    bool operator==(const DistributionEvent&) const = default;
};

// A registrant seen at a distribution event.
struct Attendance {
    Uuid id;
    Uuid event_id;
    Uuid registrant_id;
    std::optional<Uuid> device_id;
    std::string recorded_by;  // user name of the field officer
    UtcTime at{};

    bool operator==(const Attendance&) const = default;
};

// Part or all of an in-kind or voucher entitlement handed over.
struct Redemption {
    Uuid id;
    Uuid entitlement_id;
    Uuid service_point_id;
    std::optional<Uuid> event_id;
    std::optional<Uuid> device_id;
    double quantity = 0;  // in-kind units handed over
    Money value;          // voucher value redeemed
    Recipient recipient = Recipient::kBeneficiary;
    std::string proxy_name;
    std::string credential_id;
    std::string recorded_by;
    UtcTime at{};

    bool operator==(const Redemption&) const = default;
};

}  // namespace spmis::model
