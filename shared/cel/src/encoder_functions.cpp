// The cel-go encoders extension (ext:encoders): base64.encode(bytes) -> string and
// base64.decode(string) -> bytes. Decoding accepts text with or without its '=' padding, as
// cel-go does.

#include "base64.hpp"
#include "functions.hpp"

namespace spmis::cel {
namespace {

Value fn_base64_encode(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || a[0].kind() != Kind::kBytes) return no_overload("base64.encode (expects bytes)");
    return Value::string(base64_encode(a[0].as_string()));
}

Value fn_base64_decode(const Value* a, std::size_t n, EvalContext& /*ctx*/) {
    if (n != 1 || a[0].kind() != Kind::kString) return no_overload("base64.decode (expects a string)");
    std::string text = a[0].as_string();
    if (text.size() % 4 != 0) {
        text.append(4 - text.size() % 4, '=');
    }
    std::optional<std::string> raw = base64_decode(text);
    if (!raw) return Value::error("base64.decode: invalid base64 text");
    return Value::bytes(std::move(*raw));
}

}  // namespace

void register_encoder_functions(FunctionTable* t) {
    (*t)["base64.encode"] = fn_base64_encode;
    (*t)["base64.decode"] = fn_base64_decode;
}

}  // namespace spmis::cel
