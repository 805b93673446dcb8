#pragma once
// The grievance state machine and the closed vocabularies of a ticket, as data: a legal move is a
// row of the transition table, so a new one is a new row.

#include <span>
#include <string_view>

namespace spmis::grievances {

// One legal move of a ticket.
struct Transition {
    std::string_view from;
    std::string_view to;
};

// Every legal move: new -> assigned -> in_progress <-> on_hold -> resolved -> closed, and rejected
// from any state before resolution.
std::span<const Transition> transitions();
// Whether `from` -> `to` is a row of transitions().
bool is_legal(std::string_view from, std::string_view to);
// Every state a ticket can be in.
std::span<const std::string_view> states();
// A ticket still being worked on (its clocks run): not resolved, closed or rejected.
bool is_open_state(std::string_view state);

// Closed vocabularies a request is checked against.
std::span<const std::string_view> priorities();  // low, normal, high, urgent
std::span<const std::string_view> channels();    // field_desk, phone, walk_in, web, sms
std::span<const std::string_view> decisions();   // upheld, partially_upheld, not_upheld, withdrawn, referred
// Whether `value` is one of `vocabulary`.
bool is_one_of(std::span<const std::string_view> vocabulary, std::string_view value);

}  // namespace spmis::grievances
