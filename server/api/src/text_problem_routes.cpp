// GET /api/v1/registry/text-problems: stored text that entered before every door checked it
// (migrations 16 and 21), for staff to correct; a corrected value is no longer listed.

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using nlohmann::json;

constexpr std::size_t kDefaultPage = 100;
constexpr std::size_t kMaxPage = 1000;

// A page's next_cursor: "table:row_id:column" of its last problem.
std::string cursor_text(const store::TextProblem& p) {
    return p.table + ":" + p.row_id.to_string() + ":" + p.column;
}

// ?cursor= as the key of the previous page's last problem; kInvalidArgument for any other text.
Result<std::optional<store::TextProblemKey>> problem_cursor(const http::HttpRequest& request) {
    const std::string text = query_param(request, "cursor");
    if (text.empty()) return std::optional<store::TextProblemKey>();
    const std::size_t first = text.find(':');
    const std::size_t last = text.rfind(':');
    Result<Uuid> id = first == last ? make_error(ErrorCode::kInvalidArgument, "")
                                    : Uuid::parse(text.substr(first + 1, last - first - 1));
    if (!id.ok())
        return make_error(ErrorCode::kInvalidArgument, "cursor must be the next_cursor of the previous page");
    return std::optional<store::TextProblemKey>({text.substr(0, first), *id, text.substr(last + 1)});
}

json problem_json(const store::TextProblem& p) {
    return {
        {"table", p.table}, {"row_id", p.row_id.to_string()}, {"column", p.column}, {"problem", p.problem}};
}

http::HttpResponse list(StoreAccess& access, const http::HttpRequest& request) {
    Result<std::size_t> limit = page_limit(request, kDefaultPage, kMaxPage);
    Result<std::optional<store::TextProblemKey>> cursor = problem_cursor(request);
    for (const Status& s : {limit.status(), cursor.status()})
        if (!s.ok()) return error_response(s);
    json out = {{"problems", json::array()}, {"next_cursor", nullptr}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto problems, s.registry().list_text_problems(*cursor, *limit));
        for (const store::TextProblem& p : problems) out["problems"].push_back(problem_json(p));
        if (problems.size() == *limit) out["next_cursor"] = cursor_text(problems.back());
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

}  // namespace

void register_text_problem_routes(http::Router& router, StoreAccess& store) {
    add_route(router,
              {"GET", "/api/v1/registry/text-problems", auth::Permission::kRegistryWrite,
               "Stored names, identifiers and phone numbers that are not clean text or not in normal form "
               "C (kept as they were before every door checked them), to correct; a corrected value is "
               "no longer listed (?cursor=&limit=, 1-1000, default 100)",
               "",
               "{\"problems\": [{table: registrants|users, row_id, column, problem}], \"next_cursor\": "
               "text or null}"},
              [&store](const http::HttpRequest& r) { return list(store, r); });
}

}  // namespace spmis::api
