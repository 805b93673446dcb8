// The grievance state machine and vocabularies (states.hpp).

#include "spmis/grievances/states.hpp"

#include <algorithm>
#include <array>

namespace spmis::grievances {
namespace {

constexpr std::array<Transition, 11> kTransitions = {{
    {"new", "assigned"},
    {"new", "rejected"},
    {"assigned", "in_progress"},
    {"assigned", "rejected"},
    {"in_progress", "on_hold"},
    {"in_progress", "resolved"},
    {"in_progress", "rejected"},
    {"on_hold", "in_progress"},
    // Resolving from hold ends the hold (the paused time stays paused).
    {"on_hold", "resolved"},
    {"on_hold", "rejected"},
    // A complainant who disputes a resolution appeals: a new ticket linked to this one.
    {"resolved", "closed"},
}};

constexpr std::array<std::string_view, 7> kStates = {"new",      "assigned", "in_progress", "on_hold",
                                                     "resolved", "closed",   "rejected"};
constexpr std::array<std::string_view, 4> kPriorities = {"low", "normal", "high", "urgent"};
constexpr std::array<std::string_view, 5> kChannels = {"field_desk", "phone", "walk_in", "web", "sms"};
constexpr std::array<std::string_view, 5> kDecisions = {"upheld", "partially_upheld", "not_upheld",
                                                        "withdrawn", "referred"};

}  // namespace

std::span<const Transition> transitions() { return kTransitions; }

bool is_legal(std::string_view from, std::string_view to) {
    return std::any_of(kTransitions.begin(), kTransitions.end(),
                       [&](const Transition& t) { return t.from == from && t.to == to; });
}

std::span<const std::string_view> states() { return kStates; }

bool is_open_state(std::string_view state) {
    return state != "resolved" && state != "closed" && state != "rejected";
}

std::span<const std::string_view> priorities() { return kPriorities; }
std::span<const std::string_view> channels() { return kChannels; }
std::span<const std::string_view> decisions() { return kDecisions; }

bool is_one_of(std::span<const std::string_view> vocabulary, std::string_view value) {
    return std::find(vocabulary.begin(), vocabulary.end(), value) != vocabulary.end();
}

}  // namespace spmis::grievances
