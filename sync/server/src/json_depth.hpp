#pragma once
// Nesting depth of JSON text, read before any JSON tree is built: a hostile body of a few megabytes
// of brackets would otherwise become millions of nested values (memory, then recursive walks).

#include <string_view>

namespace spmis::sync {

// True when the text nests more than `levels` levels of {} or []; brackets inside strings do not
// count. Malformed text is left to the parser: this only bounds the depth.
inline bool json_text_deeper_than(std::string_view text, int levels) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;  // the escaped character cannot end the string
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > levels) return true;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return false;
}

}  // namespace spmis::sync
