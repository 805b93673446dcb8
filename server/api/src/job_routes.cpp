// Enrollment jobs: queued with 202 Accepted and polled; the operation runs on the job worker.

#include "spmis/api/api.hpp"
#include "spmis/api/job_api.hpp"
#include "spmis/api/json_io.hpp"
#include "store_routes_util.hpp"

namespace spmis::api {
namespace {

using auth::Permission;
using nlohmann::json;
using R = const http::HttpRequest&;

json time_or_null(const std::optional<UtcTime>& t) { return t ? json(format_time(*t)) : json(nullptr); }

json job_to_json(const model::Job& j) {
    json options = json::parse(j.options, nullptr, false);
    json result = json::parse(j.result, nullptr, false);
    return {{"id", j.id.to_string()},
            {"program_id", j.program_id.to_string()},
            {"operation", std::string(model::to_string(j.operation))},
            {"options", options.is_discarded() ? json::object() : options},
            {"state", std::string(model::to_string(j.state))},
            {"progress", {{"done", j.done}, {"total", j.total}}},
            {"result", result.is_discarded() ? json::object() : result},
            {"error", j.error.empty() ? json(nullptr) : json(j.error)},
            {"actor", j.actor},
            {"created_at", format_time(j.created_at)},
            {"started_at", time_or_null(j.started_at)},
            {"finished_at", time_or_null(j.finished_at)}};
}

http::HttpResponse submit_job(jobs::JobService& jobs, R request) {
    Result<Uuid> program = path_id(request, "id", "program");
    if (!program.ok()) return error_response(program.status());
    Result<json> body = parse_json_object(request.body);
    if (!body.ok()) return error_response(body.status());
    Result<jobs::JobRequest> job_request = jobs::parse_job_request(*body);
    if (!job_request.ok()) return error_response(job_request.status());
    Result<model::Job> job = jobs.submit(*program, *job_request, request.user);
    if (!job.ok()) return error_response(job.status());
    http::HttpResponse response = json_response(202, {{"job", job_to_json(*job)}});
    response.headers["Location"] = "/api/v1/jobs/" + job->id.to_string();
    return response;
}

http::HttpResponse read_job(jobs::JobService& jobs, R request) {
    Result<Uuid> id = path_id(request, "id", "job");
    if (!id.ok()) return error_response(id.status());
    Result<model::Job> job = jobs.get(*id);
    return job.ok() ? json_response(200, {{"job", job_to_json(*job)}}) : error_response(job.status());
}

}  // namespace

jobs::JobServiceOptions job_service_options(const std::string& store_location, StoreAccess& store) {
    jobs::JobServiceOptions options;
    options.clock = &store.clock();
    options.store_location = store_location;
    options.shared_store = [&store](const std::function<Status(store::Store&)>& body) {
        return store.transaction(body);
    };
    options.exclusive = [&store](const std::function<Status()>& body) { return store.exclusive(body); };
    return options;
}

void register_job_routes(http::Router& router, jobs::JobService& jobs) {
    add_route(
        router,
        {"POST", "/api/v1/programs/{id}/jobs", Permission::kEnrollmentRun,
         "Queue an enrollment operation on a program as a background job",
         "{operation: import_eligible|verify|deduplicate|enroll, reference_date? (YYYY-MM-DD, default "
         "today), recheck_enrolled? (verify, enroll), rules? ([national_id, name_birthdate_area], "
         "deduplicate)}",
         "202 {\"job\": {id, state: queued, ...}} with Location /api/v1/jobs/{id}; 404 unknown program; "
         "400 unknown operation or option"},
        [&jobs](R r) { return submit_job(jobs, r); });
    add_route(router,
              {"GET", "/api/v1/jobs/{id}", Permission::kProgramRead, "A job's state, progress and result", "",
               "{\"job\": {id, program_id, operation, options, state: queued|running|succeeded|failed, "
               "progress {done, total}, result (counts; not_eligible for verify, flagged_pairs for "
               "deduplicate), error, actor, created_at, started_at, finished_at}}"},
              [&jobs](R r) { return read_job(jobs, r); });
}

}  // namespace spmis::api
