#pragma once
// What every change of a ticket writes beside the ticket itself (private to spmis::grievances).

#include <string>

#include "spmis/store/store.hpp"

namespace spmis::grievances {

// Appends one entry to the ticket's history and the matching audit event (who, when, why), in the
// caller's transaction.
Status record_change(store::Store& store, const store::Grievance& g, const std::string& kind,
                     const std::string& from, const std::string& to, const std::string& actor,
                     const std::string& text);

// kInvalidArgument naming `field` when `text` is empty or holds what no door accepts (invalid
// UTF-8, control characters but line breaks and tabs, direction overrides).
Status check_free_text(const std::string& text, const char* field);

// The ticket `id` or kNotFound.
Result<store::Grievance> find_ticket(store::Store& store, const Uuid& id);

}  // namespace spmis::grievances
