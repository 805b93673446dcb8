#include "functions.hpp"

namespace spmis::cel {
namespace {

const FunctionTable& table() {
    static const FunctionTable kTable = [] {
        FunctionTable t;
        register_string_functions(&t);
        register_string_ext_functions(&t);
        register_string_format_functions(&t);
        register_conversion_functions(&t);
        register_time_functions(&t);
        register_list_functions(&t);
        register_openspp_functions(&t);
        register_encoder_functions(&t);
        register_optional_functions(&t);
        register_math_functions(&t);
        return t;
    }();
    return kTable;
}

}  // namespace

Function find_function(std::string_view name) {
    auto it = table().find(name);
    return it == table().end() ? nullptr : it->second;
}

}  // namespace spmis::cel
