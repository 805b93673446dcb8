// Program monitoring over HTTP: JSON, or CSV with ?format=csv.

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/payments/monitoring.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using R = const http::HttpRequest&;

http::HttpResponse program_monitoring(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "program");
    if (!id.ok()) return error_response(id.status());
    const std::string format = query_param(request, "format");
    if (!format.empty() && format != "json" && format != "csv") {
        return error_response(400, ErrorCode::kInvalidArgument, "format must be json or csv");
    }
    nlohmann::json figures;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(figures, payments::monitoring_json(s, *id));
        return {};
    });
    if (!st.ok()) return error_response(st);
    if (format != "csv") return json_response(200, figures);
    http::HttpResponse response{200, {}, payments::monitoring_csv(figures)};
    response.headers["Content-Type"] = "text/csv; charset=utf-8";
    return response;
}

}  // namespace

void register_monitoring_routes(http::Router& router, StoreAccess& store) {
    add_route(router,
              {"GET", "/api/v1/monitoring/programs/{id}", auth::Permission::kProgramRead,
               "Monitoring figures of a program (coverage, memberships, cycles, payments, budget, service "
               "points); ?format=csv for a spreadsheet",
               "", "the figures"},
              [&store](R r) { return program_monitoring(store, r); });
}

}  // namespace spmis::api
