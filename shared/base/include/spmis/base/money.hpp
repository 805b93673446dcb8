#pragma once
// Money is an integer count of minor units (cents) of one ISO 4217 currency. Never a double.

#include <cstdint>
#include <string>

#include "spmis/base/status.hpp"

namespace spmis {

struct Money {
    std::int64_t minor_units = 0;
    std::string currency;  // ISO 4217 alphabetic code, e.g. "USD"

    bool operator==(const Money&) const = default;
};

// Sum of two amounts of the same currency; kInvalidArgument on a currency mismatch, kResourceExhausted
// on overflow.
Result<Money> add(const Money& a, const Money& b);

// True for three upper-case ASCII letters.
bool is_currency_code(const std::string& code);

// "12.50 USD" for 1250 minor units with two decimals.
std::string format_money(const Money& m);

}  // namespace spmis
