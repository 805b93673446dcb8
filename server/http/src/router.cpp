#include "spmis/http/router.hpp"

#include <utility>

namespace spmis::http {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        if (end > start) out.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

Router::Router(ErrorRenderer render_error) : render_error_(std::move(render_error)) {}

void Router::add(RouteInfo info, Handler handler) {
    Route route{std::move(info), {}, std::move(handler)};
    route.segments = split_path(route.info.pattern);
    routes_.push_back(std::move(route));
}

void Router::set_guard(Guard guard) { guard_ = std::move(guard); }

std::vector<RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    out.reserve(routes_.size());
    for (const Route& r : routes_) out.push_back(r.info);
    return out;
}

bool Router::match(const Route& route, const std::vector<std::string>& segments,
                   std::map<std::string, std::string>* params) {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& want = route.segments[i];
        if (want.size() >= 2 && want.front() == '{' && want.back() == '}') {
            (*params)[want.substr(1, want.size() - 2)] = segments[i];
        } else if (want != segments[i]) {
            return false;
        }
    }
    return true;
}

HttpResponse Router::dispatch(HttpRequest& request) const {
    const std::vector<std::string> segments = split_path(request.path);
    std::string allowed;
    // Literal routes win over captures: first pass exact literals, second pass any match.
    for (int pass = 0; pass < 2; ++pass) {
        for (const Route& route : routes_) {
            std::map<std::string, std::string> params;
            if (!match(route, segments, &params)) continue;
            if (pass == 0 && !params.empty()) continue;
            if (route.info.method != request.method) {
                if (allowed.find(route.info.method) == std::string::npos) {
                    allowed += allowed.empty() ? route.info.method : ", " + route.info.method;
                }
                continue;
            }
            request.path_params = std::move(params);
            request.route_pattern = route.info.pattern;
            if (guard_) {
                if (std::optional<HttpResponse> refused = guard_(route.info, request)) return *refused;
            }
            return route.handler(request);
        }
    }
    if (!allowed.empty()) {
        HttpResponse r = render_error_(405, ErrorCode::kInvalidArgument,
                                       "method " + request.method + " not allowed on " + request.path);
        r.headers["Allow"] = allowed;
        return r;
    }
    return render_error_(404, ErrorCode::kNotFound, "no route for " + request.path);
}

}  // namespace spmis::http
