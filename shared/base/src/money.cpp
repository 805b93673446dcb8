#include "spmis/base/money.hpp"

#include <cstdio>
#include <cstdlib>

namespace spmis {

Result<Money> add(const Money& a, const Money& b) {
    if (a.currency != b.currency) {
        return make_error(ErrorCode::kInvalidArgument, "cannot add " + a.currency + " and " + b.currency);
    }
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a.minor_units, b.minor_units, &sum)) {
        return make_error(ErrorCode::kResourceExhausted, "money overflow adding " + a.currency);
    }
    return Money{sum, a.currency};
}

bool is_currency_code(const std::string& code) {
    if (code.size() != 3) return false;
    for (char c : code) {
        if (c < 'A' || c > 'Z') return false;
    }
    return true;
}

std::string format_money(const Money& m) {
    char buf[48];
    std::int64_t units = m.minor_units / 100;
    std::int64_t cents = std::llabs(m.minor_units % 100);
    const char* sign = (m.minor_units < 0 && units == 0) ? "-" : "";
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", sign, static_cast<long long>(units),
                  static_cast<long long>(cents));
    return std::string(buf) + " " + m.currency;
}

}  // namespace spmis
