#include "spmis/http/http_message.hpp"

#include <cctype>

namespace spmis::http {

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string HttpRequest::header(std::string_view name) const {
    auto it = headers.find(lower_ascii(name));
    return it == headers.end() ? std::string() : it->second;
}

}  // namespace spmis::http
