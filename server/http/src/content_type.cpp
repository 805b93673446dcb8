// Content types of the few kinds of file the built-in web pages (console, field screen) are made of.

#include <array>
#include <utility>

#include "spmis/http/content_type.hpp"

namespace spmis::http {

std::string_view content_type_for(std::string_view path) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
    }};
    for (const auto& [extension, type] : kTypes) {
        if (path.size() > extension.size() && path.ends_with(extension)) return type;
    }
    return "application/octet-stream";
}

}  // namespace spmis::http
