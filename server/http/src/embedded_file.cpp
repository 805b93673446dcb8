#include "spmis/http/embedded_file.hpp"

#include <string>

#include "spmis/http/content_type.hpp"

namespace spmis::http {

HttpResponse embedded_file_response(const EmbeddedFile& file, const char* content_security_policy) {
    HttpResponse response;
    response.headers["Content-Type"] = std::string(content_type_for(file.path));
    response.headers["Content-Security-Policy"] = content_security_policy;
    response.headers["X-Content-Type-Options"] = "nosniff";
    response.headers["Referrer-Policy"] = "no-referrer";
    response.headers["Cache-Control"] = "no-cache";
    response.body = std::string(file.body);
    return response;
}

}  // namespace spmis::http
