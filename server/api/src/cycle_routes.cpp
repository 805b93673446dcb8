// Cycles of a program (create, list, read, submit for approval, cancel) and their entitlements
// (generate within the budget or scaled to it, list with a cursor), over spmis::programs.

#include "approval_codec.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/programs/cycle_workflow.hpp"
#include "spmis/programs/cycles.hpp"
#include "spmis/programs/entitlements.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using auth::Permission;
using nlohmann::json;
using R = const http::HttpRequest&;

constexpr std::size_t kDefaultPage = 100;
constexpr std::size_t kMaxPage = 1000;

Result<Date> date_field(const json& body, const char* key) {
    SPMIS_ASSIGN_OR_RETURN(std::string text, string_field(body, key));
    Result<Date> d = parse_date(text);
    if (!d.ok())
        return make_error(ErrorCode::kInvalidArgument,
                          std::string("field '") + key + "': " + d.status().message());
    return d;
}

Result<programs::CycleRequest> cycle_request(R request) {
    SPMIS_ASSIGN_OR_RETURN(json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"name", "start", "end", "budget"}));
    programs::CycleRequest out;
    SPMIS_ASSIGN_OR_RETURN(out.name, string_field(body, "name"));
    SPMIS_ASSIGN_OR_RETURN(out.start, date_field(body, "start"));
    SPMIS_ASSIGN_OR_RETURN(out.end, date_field(body, "end"));
    if (body.contains("budget")) {
        if (!body["budget"].is_number_integer())
            return make_error(ErrorCode::kInvalidArgument, "field 'budget' must be an integer (minor units)");
        out.budget_minor = body["budget"].get<std::int64_t>();
    }
    out.actor = request.user;
    return out;
}

http::HttpResponse create_cycle(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "program");
    if (!id.ok()) return error_response(id.status());
    Result<programs::CycleRequest> input = cycle_request(request);
    if (!input.ok()) return error_response(input.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::Cycle c, programs::create_cycle(s, *id, *input));
        out = cycle_to_json(c);
        return {};
    });
    return st.ok() ? json_response(201, out) : error_response(st);
}

http::HttpResponse list_cycles(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "program");
    if (!id.ok()) return error_response(id.status());
    json out = {{"cycles", json::array()}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(s.programs().get_program(*id).status());
        SPMIS_ASSIGN_OR_RETURN(auto rows, s.programs().list_cycles(*id));
        for (const auto& c : rows) out["cycles"].push_back(cycle_to_json(c));
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse read_cycle(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "cycle");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::Cycle c, s.programs().get_cycle(*id));
        out = cycle_to_json(c);
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

Result<programs::GenerateOptions> generate_options(R request) {
    programs::GenerateOptions options;
    options.actor = request.user;
    if (request.body.empty()) return options;
    SPMIS_ASSIGN_OR_RETURN(json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"scale_to_budget"}));
    if (body.contains("scale_to_budget")) {
        if (!body["scale_to_budget"].is_boolean())
            return make_error(ErrorCode::kInvalidArgument, "field 'scale_to_budget' must be a boolean");
        options.scale_to_budget = body["scale_to_budget"].get<bool>();
    }
    return options;
}

json report_to_json(const programs::GenerationReport& r) {
    json out = {{"beneficiaries", r.beneficiaries},
                {"created", r.created},
                {"already_entitled", r.already_entitled},
                {"total", r.total.minor_units},
                {"currency", r.total.currency},
                {"budget", r.budget.minor_units},
                {"scaled", r.scaled},
                {"scale_factor", r.scale_factor},
                {"without_service_point", r.without_service_point},
                {"total_quantity", r.total_quantity},
                {"summary", programs::format_report(r)}};
    return out;
}

// 422 with the figures when nothing was written (over budget or rule errors).
http::HttpResponse refused_generation(const programs::GenerationReport& r) {
    const bool budget = r.over_budget;
    json error = report_to_json(r);
    error["code"] = std::string(error_code_name(budget ? ErrorCode::kRefused : ErrorCode::kRuleError));
    // Each interface names its own way to scale: here the body member, on the command line --scale.
    error["message"] =
        programs::format_report(r) + (budget ? " (send \"scale_to_budget\": true to scale)" : "");
    error["count"] = r.beneficiaries - r.already_entitled;
    if (!budget) {
        error["errors"] = json::array();
        for (const auto& e : r.first_errors)
            error["errors"].push_back({{"registrant_id", e.registrant.to_string()}, {"message", e.message}});
    }
    return json_response(422, {{"error", error}});
}

http::HttpResponse generate(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "cycle");
    if (!id.ok()) return error_response(id.status());
    Result<programs::GenerateOptions> options = generate_options(request);
    if (!options.ok()) return error_response(options.status());
    programs::GenerationReport report;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(report, programs::generate_entitlements(s, *id, *options));
        return {};
    });
    if (!st.ok()) return error_response(st);
    if (report.over_budget || report.errored > 0) return refused_generation(report);
    return json_response(200, report_to_json(report));
}

http::HttpResponse list_entitlements(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "cycle");
    if (!id.ok()) return error_response(id.status());
    std::optional<model::EntitlementState> state;
    if (const std::string text = query_param(request, "state"); !text.empty()) {
        Result<model::EntitlementState> parsed = model::parse_enum<model::EntitlementState>(text);
        if (!parsed.ok()) return error_response(parsed.status());
        state = *parsed;
    }
    Result<std::size_t> limit = page_limit(request, kDefaultPage, kMaxPage);
    if (!limit.ok()) return error_response(limit.status());
    Result<std::optional<Uuid>> cursor = page_cursor(request);
    if (!cursor.ok()) return error_response(cursor.status());
    json out = {{"entitlements", json::array()}, {"next_cursor", nullptr}};
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(s.programs().get_cycle(*id).status());
        SPMIS_ASSIGN_OR_RETURN(auto rows, s.delivery().list_entitlements(*id));
        const std::string after = *cursor ? (*cursor)->to_string() : std::string();  // hex sorts like bytes
        std::size_t taken = 0;
        for (const auto& e : rows) {
            if ((!after.empty() && e.id.to_string() <= after) || (state && e.state != *state)) continue;
            if (taken == *limit) {
                out["next_cursor"] = out["entitlements"].back()["id"];
                break;
            }
            out["entitlements"].push_back(entitlement_to_json(e));
            ++taken;
        }
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse submit(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "cycle");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto r, programs::submit_cycle(s, *id, request.user, s.clock().now()));
        SPMIS_ASSIGN_OR_RETURN(model::Cycle c, s.programs().get_cycle(*id));
        out = {{"cycle", cycle_to_json(c)}, {"approval_request", request_to_json(r)}};
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse cancel(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "cycle");
    if (!id.ok()) return error_response(id.status());
    std::string reason = "cancelled";
    if (!request.body.empty()) {
        Result<json> body = parse_json_object(request.body);
        if (!body.ok()) return error_response(body.status());
        if (Status s = reject_unknown_fields(*body, {"reason"}); !s.ok()) return error_response(s);
        if (body->contains("reason")) {
            Result<std::string> text = string_field(*body, "reason");
            if (!text.ok()) return error_response(text.status());
            reason = *text;
        }
    }
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(programs::cancel_cycle(s, *id, request.user, reason, s.clock().now()));
        SPMIS_ASSIGN_OR_RETURN(model::Cycle c, s.programs().get_cycle(*id));
        out = cycle_to_json(c);
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

}  // namespace

void register_cycle_routes(http::Router& router, StoreAccess& store) {
    add_route(
        router,
        {"POST", "/api/v1/programs/{id}/cycles", Permission::kFinanceManage,
         "Create a draft cycle of an active program", "{name, start, end: YYYY-MM-DD, budget?: minor units}",
         "201 the cycle; 422 when the program has ended"},
        [&store](R r) { return create_cycle(store, r); });
    add_route(router,
              {"GET", "/api/v1/programs/{id}/cycles", Permission::kProgramRead, "Cycles of a program", "",
               "{\"cycles\": [...]}"},
              [&store](R r) { return list_cycles(store, r); });
    add_route(router,
              {"GET", "/api/v1/cycles/{id}", Permission::kProgramRead, "Read a cycle", "", "the cycle"},
              [&store](R r) { return read_cycle(store, r); });
    add_route(router,
              {"POST", "/api/v1/cycles/{id}/entitlements/generate", Permission::kFinanceManage,
               "Generate entitlements for the enrolled members (idempotent)", "{\"scale_to_budget\"?: bool}",
               "the report; 422 with total, budget and count when over budget (nothing written)"},
              [&store](R r) { return generate(store, r); });
    add_route(router,
              {"GET", "/api/v1/cycles/{id}/entitlements", Permission::kProgramRead,
               "Entitlements of a cycle (?state=&cursor=&limit=)", "",
               "{\"entitlements\": [...], \"next_cursor\": id or null}"},
              [&store](R r) { return list_entitlements(store, r); });
    add_route(
        router,
        {"POST", "/api/v1/cycles/{id}/submit", Permission::kFinanceManage,
         "Submit a draft cycle for approval (opens its approval request)", "", "{cycle, approval_request}"},
        [&store](R r) { return submit(store, r); });
    add_route(router,
              {"POST", "/api/v1/cycles/{id}/cancel", Permission::kFinanceManage,
               "Cancel a cycle, its undelivered entitlements and its pending approval", "{\"reason\"?}",
               "the cycle; 409 when distributed or ended"},
              [&store](R r) { return cancel(store, r); });
}

}  // namespace spmis::api
