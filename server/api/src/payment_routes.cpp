// Cash payments over HTTP: create a batch for a cycle, read it, download its provider file (with
// the SHA-256 in X-Content-SHA256) and upload the provider's result file.

#include "spmis/api/api.hpp"
#include "spmis/api/json_io.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/payments/batches.hpp"
#include "spmis/payments/payment_file.hpp"
#include "spmis/payments/reconciliation.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using auth::Permission;
using nlohmann::json;
using R = const http::HttpRequest&;

json batch_json(const model::PaymentBatch& b, const payments::BatchSummary& s) {
    return {{"id", b.id.to_string()},
            {"cycle_id", b.cycle_id.to_string()},
            {"provider", b.provider},
            {"provider_kind", std::string(model::to_string(b.provider_kind))},
            {"state", std::string(model::to_string(b.state))},
            {"created_at", format_time(b.created_at)},
            {"exported_at", b.exported_at ? json(format_time(*b.exported_at)) : json(nullptr)},
            {"file_sha256", b.file_sha256.empty() ? json(nullptr) : json(b.file_sha256)},
            {"payments", {{"pending", s.pending}, {"paid", s.paid}, {"failed", s.failed}}},
            {"total_minor", s.total.minor_units},
            {"currency", s.total.currency}};
}

Result<payments::BatchRequest> batch_request(R request) {
    SPMIS_ASSIGN_OR_RETURN(json body, parse_json_object(request.body));
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(body, {"provider", "provider_kind"}));
    payments::BatchRequest out;
    SPMIS_ASSIGN_OR_RETURN(out.provider, string_field(body, "provider"));
    SPMIS_ASSIGN_OR_RETURN(std::string kind, string_field(body, "provider_kind"));
    SPMIS_ASSIGN_OR_RETURN(out.kind, model::parse_enum<model::ProviderKind>(kind));
    out.actor = request.user;
    return out;
}

http::HttpResponse create_batch(StoreAccess& access, R request) {
    Result<Uuid> cycle = path_id(request, "id", "cycle");
    if (!cycle.ok()) return error_response(cycle.status());
    Result<payments::BatchRequest> req = batch_request(request);
    if (!req.ok()) return error_response(req.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(payments::BatchReport report, payments::create_batch(s, *cycle, *req));
        SPMIS_ASSIGN_OR_RETURN(payments::BatchSummary summary, payments::summarize_batch(s, report.batch.id));
        out = batch_json(report.batch, summary);
        out["release_request"] = report.release ? json(report.release->id.to_string()) : json(nullptr);
        return {};
    });
    return st.ok() ? json_response(201, out) : error_response(st);
}

http::HttpResponse read_batch(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "payment batch");
    if (!id.ok()) return error_response(id.status());
    json out;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::PaymentBatch batch, s.delivery().get_payment_batch(*id));
        SPMIS_ASSIGN_OR_RETURN(payments::BatchSummary summary, payments::summarize_batch(s, *id));
        out = batch_json(batch, summary);
        return {};
    });
    return st.ok() ? json_response(200, out) : error_response(st);
}

http::HttpResponse list_batches(StoreAccess& access, R request) {
    Result<Uuid> cycle = path_id(request, "id", "cycle");
    if (!cycle.ok()) return error_response(cycle.status());
    json batches = json::array();
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_RETURN_IF_ERROR(s.programs().get_cycle(*cycle).status());  // 404 for an unknown cycle
        SPMIS_ASSIGN_OR_RETURN(auto found, s.payments().list_batches(*cycle));
        for (const model::PaymentBatch& batch : found) {
            SPMIS_ASSIGN_OR_RETURN(payments::BatchSummary summary, payments::summarize_batch(s, batch.id));
            batches.push_back(batch_json(batch, summary));
        }
        return {};
    });
    return st.ok() ? json_response(200, {{"cycle_id", cycle->to_string()}, {"batches", batches}})
                   : error_response(st);
}

http::HttpResponse batch_file(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "payment batch");
    if (!id.ok()) return error_response(id.status());
    payments::PaymentFile file;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(file, payments::export_batch(s, *id, request.user));
        return {};
    });
    if (!st.ok()) return error_response(st);
    http::HttpResponse response{200, {}, std::move(file.csv)};
    response.headers["Content-Type"] = "text/csv; charset=utf-8";
    response.headers["X-Content-SHA256"] = file.sha256;
    response.headers["Content-Disposition"] =
        "attachment; filename=\"payment-batch-" + id->to_string() + ".csv\"";
    return response;
}

json import_json(const payments::ImportReport& r) {
    json problems = json::array();
    for (const payments::RowProblem& p : r.problems) {
        problems.push_back({{"line", p.line}, {"column", p.column}, {"message", p.message}});
    }
    return {{"file_sha256", r.file_sha256},
            {"rows", r.rows},
            {"paid", r.paid},
            {"failed", r.failed},
            {"unchanged", r.unchanged},
            {"applied", r.applied},
            {"already_imported", r.already_imported},
            {"batch_state", std::string(model::to_string(r.batch_state))},
            {"problems", problems}};
}

http::HttpResponse import_results(StoreAccess& access, R request) {
    Result<Uuid> id = path_id(request, "id", "payment batch");
    if (!id.ok()) return error_response(id.status());
    payments::ImportReport report;
    Status st = access.transaction([&](store::Store& s) -> Status {
        SPMIS_ASSIGN_OR_RETURN(report, payments::import_results(s, *id, request.body, request.user));
        return {};
    });
    if (!st.ok()) return error_response(st);
    if (report.applied) return json_response(200, import_json(report));
    json body = {{"error",
                  {{"code", std::string(error_code_name(ErrorCode::kInvalidArgument))},
                   {"message", "the result file was refused; nothing was applied"},
                   {"report", import_json(report)}}}};
    return json_response(422, body);
}

}  // namespace

void register_payment_routes(http::Router& router, StoreAccess& store) {
    add_route(router,
              {"POST", "/api/v1/cycles/{id}/payment-batches", Permission::kFinanceManage,
               "Create a payment batch of the cycle's payable cash entitlements for one provider",
               "{provider, provider_kind: bank|mobile_money|cash_agent}",
               "201 the batch; release_request when a payment_release chain must approve it"},
              [&store](R r) { return create_batch(store, r); });
    add_route(router,
              {"GET", "/api/v1/cycles/{id}/payment-batches", Permission::kProgramRead,
               "The payment batches of a cycle, oldest first", "",
               "{\"cycle_id\", \"batches\": [batch with payment counts]}; 404 for an unknown cycle"},
              [&store](R r) { return list_batches(store, r); });
    add_route(router,
              {"GET", "/api/v1/payment-batches/{id}", Permission::kProgramRead, "Read a payment batch", "",
               "the batch with payment counts"},
              [&store](R r) { return read_batch(store, r); });
    add_route(router,
              {"GET", "/api/v1/payment-batches/{id}/file", Permission::kFinanceManage,
               "Export the provider CSV file (recorded as exported, SHA-256 in X-Content-SHA256)", "",
               "text/csv; 409 until its payment_release approval is approved"},
              [&store](R r) { return batch_file(store, r); });
    add_route(
        router,
        {"POST", "/api/v1/payment-batches/{id}/results", Permission::kFinanceManage,
         "Import the provider's result CSV, all or nothing",
         "text/csv: entitlement,status,reference,reason[,amount]", "the import report; 422 with problems"},
        [&store](R r) { return import_results(store, r); });
}

}  // namespace spmis::api
