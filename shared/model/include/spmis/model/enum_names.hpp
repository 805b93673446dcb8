#pragma once
// Enum <-> stable lower_snake string, one table per enum, shared by store, JSON and CSV. Enums
// listed here are contiguous from 0; each header that declares an enum specialises EnumInfo.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "spmis/base/status.hpp"

namespace spmis::model {

// Specialised per enum: kKind (what the value names, for messages) and kNames (index = value).
template <typename E>
struct EnumInfo;

// The stable name of an enum value ("to_approve").
template <typename E>
constexpr std::string_view to_string(E value) {
    return EnumInfo<E>::kNames[static_cast<std::size_t>(value)];
}

// Every value of an enum, in declaration order.
template <typename E>
constexpr auto all_values() {
    std::array<E, EnumInfo<E>::kNames.size()> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<E>(i);
    return out;
}

// Parses a stable name; kInvalidArgument naming the kind and the accepted names otherwise.
template <typename E>
Result<E> parse_enum(std::string_view text) {
    const auto& names = EnumInfo<E>::kNames;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text) return static_cast<E>(i);
    }
    std::string accepted;
    for (auto n : names) accepted += (accepted.empty() ? "" : ", ") + std::string(n);
    return make_error(ErrorCode::kInvalidArgument, "unknown " + std::string(EnumInfo<E>::kKind) + " '" +
                                                       std::string(text) + "' (expected one of: " + accepted +
                                                       ")");
}

}  // namespace spmis::model
