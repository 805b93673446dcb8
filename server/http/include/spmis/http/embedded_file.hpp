#pragma once
// A web file built into a binary (cmake/EmbedFiles.cmake), and the response that serves it: the
// console in spmis-server and the officer's screen in spmis-field share both.

#include <string_view>

#include "spmis/http/http_message.hpp"

namespace spmis::http {

// One served file: its path ("index.html", "screens/queue.js") and its bytes.
struct EmbeddedFile {
    std::string_view path;
    std::string_view body;
};

// The file with its Content-Type, `content_security_policy`, no sniffing, no referrer, and
// revalidation on every load (a new build must never run against an old page's scripts).
HttpResponse embedded_file_response(const EmbeddedFile& file, const char* content_security_policy);

}  // namespace spmis::http
