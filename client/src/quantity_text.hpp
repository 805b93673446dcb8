#pragma once
// Quantities as an officer reads them: "1 basket", "2 baskets", "0.5 kg".

#include <cstdint>
#include <string>

namespace spmis::field {

// The quantity (in thousandths) and its unit, the unit in the plural when the quantity is not
// exactly one and the unit is a countable thing (a basket, a kit), not a measure (kg, l, ...).
std::string quantity_text(std::int64_t milli, const std::string& unit);

}  // namespace spmis::field
