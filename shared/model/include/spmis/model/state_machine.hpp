#pragma once
// A state machine as a table of legal (from, to) edges. Each machine of the domain is one such
// table in its own file (program_machine, membership_machine, ...); nothing else decides legality.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::model {

// One legal edge.
template <typename S>
struct Transition {
    S from;
    S to;
};

// Legality of transitions between states S for records of one kind. Immutable, thread-safe.
template <typename S>
class StateMachine {
public:
    constexpr StateMachine(std::string_view record_kind, std::span<const Transition<S>> edges)
        : record_kind_(record_kind), edges_(edges) {}

    // The record kind named in errors, e.g. "program_membership".
    std::string_view record_kind() const { return record_kind_; }

    // True when from -> to is a legal edge.
    bool allows(S from, S to) const {
        for (const auto& e : edges_) {
            if (e.from == from && e.to == to) return true;
        }
        return false;
    }

    // The states reachable from `from` in one step, in table order (empty for a final state).
    std::vector<S> targets(S from) const {
        std::vector<S> out;
        for (const auto& e : edges_) {
            if (e.from == from) out.push_back(e.to);
        }
        return out;
    }

    // Ok when legal; otherwise kIllegalTransition naming the record kind, id, from and to states.
    Status check(const Uuid& record_id, S from, S to) const {
        if (allows(from, to)) return {};
        std::string legal;
        for (S t : targets(from)) legal += (legal.empty() ? "" : ", ") + std::string(to_string(t));
        return make_error(
            ErrorCode::kIllegalTransition,
            "illegal transition of " + std::string(record_kind_) + " " + record_id.to_string() + " from '" +
                std::string(to_string(from)) + "' to '" + std::string(to_string(to)) + "' (allowed from '" +
                std::string(to_string(from)) + "': " + (legal.empty() ? "none, final state" : legal) + ")");
    }

private:
    std::string_view record_kind_;
    std::span<const Transition<S>> edges_;
};

}  // namespace spmis::model
