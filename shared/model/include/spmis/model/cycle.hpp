#pragma once
// Cycles: one distribution round of a program, with a period and a budget.

#include <string>

#include "spmis/base/money.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::model {

enum class CycleState { kDraft, kToApprove, kApproved, kDistributed, kEnded, kCancelled };

template <>
struct EnumInfo<CycleState> {
    static constexpr std::string_view kKind = "cycle state";
    static constexpr std::array<std::string_view, 6> kNames{"draft",       "to_approve", "approved",
                                                            "distributed", "ended",      "cancelled"};
};

// One distribution round.
struct Cycle {
    Uuid id;
    Uuid program_id;
    int sequence = 1;  // 1, 2, ... within the program
    std::string name;
    Date start_date{};
    Date end_date{};
    Money budget;
    CycleState state = CycleState::kDraft;
    UtcTime created_at{};

    bool operator==(const Cycle&) const = default;
};

}  // namespace spmis::model
