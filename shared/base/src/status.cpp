#include "spmis/base/status.hpp"

namespace spmis {

std::string Status::to_string() const {
    if (ok()) {
        return "ok";
    }
    return std::string(error_code_name(code_)) + ": " + message_;
}

}  // namespace spmis
