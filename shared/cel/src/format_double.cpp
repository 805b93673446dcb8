#include "format_double.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace spmis::cel {

std::string format_double(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, res.ptr);  // "-1.2345e+02"
    bool negative = sci[0] == '-';
    std::size_t e = sci.find('e');
    std::string mantissa = sci.substr(negative ? 1 : 0, e - (negative ? 1 : 0));
    int exp = std::atoi(sci.c_str() + e + 1);
    std::string digits;
    for (char c : mantissa) {
        if (c != '.') digits.push_back(c);
    }
    std::string out = negative ? "-" : "";
    if (exp < -4 || exp >= 21) {
        // Exponent form: d.ddde+XX with at least two exponent digits.
        out += digits.substr(0, 1);
        if (digits.size() > 1) {
            out.push_back('.');
            out.append(digits, 1);
        }
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
        return out + eb;
    }
    int dp = exp + 1;  // digits before the decimal point
    if (dp <= 0) {
        return out + "0." + std::string(static_cast<std::size_t>(-dp), '0') + digits;
    }
    auto udp = static_cast<std::size_t>(dp);
    if (digits.size() <= udp) {
        return out + digits + std::string(udp - digits.size(), '0');
    }
    return out + digits.substr(0, udp) + "." + digits.substr(udp);
}

}  // namespace spmis::cel
