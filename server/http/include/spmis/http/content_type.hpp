#pragma once
// The Content-Type of a built-in web file, from its extension.

#include <string_view>

namespace spmis::http {

// "text/html; charset=utf-8" for "index.html"; "application/octet-stream" when the extension is unknown.
std::string_view content_type_for(std::string_view path);

}  // namespace spmis::http
