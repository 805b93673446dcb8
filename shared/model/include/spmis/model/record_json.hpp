#pragma once
// JSON snapshots of records, as stored in audit events' before/after fields.

#include <string>

#include "spmis/model/registrant.hpp"

namespace spmis::model {

// A compact, deterministic JSON object of every field of a registrant (keys sorted). Never throws: a
// stored text that is not valid UTF-8 (stored before every door checked text; listed in text_problems)
// is written with U+FFFD in place of each invalid byte, so such a registrant can still be read,
// audited and corrected.
std::string registrant_json(const Registrant& r);

// {"state":"<name>"}: the snapshot written around a state transition.
std::string state_json(std::string_view state);

}  // namespace spmis::model
