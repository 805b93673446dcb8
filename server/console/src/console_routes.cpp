// Serves the embedded console files. Each file is its own route (the set is fixed at build time), so
// the router's literal matching does the lookup and an unknown file is the router's plain 404.

#include "spmis/console/console_routes.hpp"

#include <string>

#include "spmis/console/console_files.hpp"

namespace spmis::console {

// 'self' only: no inline script or style, no other origin; blob: images are the QR codes the page
// draws from API answers it fetched with its token. No framing (clickjacking), no <base> rewriting.
const char* const kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

namespace {

http::HttpResponse file_response(const EmbeddedFile& file) {
    return http::embedded_file_response(file, kContentSecurityPolicy);
}

http::HttpResponse redirect_to_console() {
    http::HttpResponse response;
    response.status = 302;
    response.headers["Location"] = "/console/";
    response.headers["Content-Type"] = "text/plain; charset=utf-8";
    response.body = "the console is at /console/\n";
    return response;
}

void add_public_get(http::Router& router, const std::string& pattern, const std::string& summary,
                    http::Handler handler) {
    router.add(http::RouteInfo{"GET", pattern, summary, "public", "", "a console file"}, std::move(handler));
}

}  // namespace

void register_console_routes(http::Router& router) {
    const EmbeddedFile* index = nullptr;
    for (const EmbeddedFile& file : embedded_files()) {
        if (file.path == "index.html") index = &file;
        add_public_get(router, "/console/" + std::string(file.path), "console file",
                       [&file](const http::HttpRequest&) { return file_response(file); });
    }
    add_public_get(router, "/", "redirect to the console",
                   [](const http::HttpRequest&) { return redirect_to_console(); });
    // "/console" and "/console/" split to the same segments; only the latter lets the page's relative
    // addresses ("app.js") resolve below /console/.
    add_public_get(router, "/console", "the console", [index](const http::HttpRequest& request) {
        if (request.path.empty() || request.path.back() != '/') return redirect_to_console();
        if (index == nullptr)
            return http::HttpResponse{404, {{"Content-Type", "text/plain"}}, "no console built in\n"};
        return file_response(*index);
    });
}

}  // namespace spmis::console
