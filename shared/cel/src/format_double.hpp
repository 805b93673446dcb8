#pragma once
// Shortest round-trip text of a double in the style CEL implementations print it
// (Go's strconv 'g' with shortest precision: 123.456, 1e+06, -0.0045).

#include <string>

namespace spmis::cel {

std::string format_double(double d);

}  // namespace spmis::cel
