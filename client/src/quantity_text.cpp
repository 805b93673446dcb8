#include "quantity_text.hpp"

#include <array>
#include <string_view>

#include "spmis/sync/device_store.hpp"

namespace spmis::field {
namespace {

// Units of measure are written the same for any amount ("2 kg", not "2 kgs").
bool is_measure(std::string_view unit) {
    static constexpr std::array<std::string_view, 14> kMeasures = {"kg", "g",  "mg", "t",  "l",  "ml",  "cl",
                                                                   "lb", "oz", "m",  "cm", "km", "USD", "%"};
    for (std::string_view m : kMeasures)
        if (unit == m) return true;
    return false;
}

}  // namespace

std::string quantity_text(std::int64_t milli, const std::string& unit) {
    std::string out = sync::format_quantity_milli(milli);
    if (unit.empty()) return out;
    const bool plural = milli != 1000 && !is_measure(unit) && unit.back() != 's';
    return out + " " + unit + (plural ? "s" : "");
}

}  // namespace spmis::field
