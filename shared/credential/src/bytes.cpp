#include "spmis/credential/bytes.hpp"

namespace spmis::credential {
Bytes to_bytes(std::string_view text) { return {text.begin(), text.end()}; }

}  // namespace spmis::credential
