#include "job_runner.hpp"

#include "spmis/jobs/job_request.hpp"
#include "spmis/programs/deduplicate.hpp"

namespace spmis::jobs {
namespace {

using nlohmann::json;

json report_json(const programs::EnrollmentReport& r) {
    json errors = json::array();
    for (const auto& e : r.first_errors) {
        errors.push_back({{"registrant", e.registrant.to_string()}, {"message", e.message}});
    }
    json out = {{"evaluated", r.evaluated}, {"matched", r.matched},
                {"created", r.created},     {"already_members", r.already_members},
                {"enrolled", r.enrolled},   {"not_eligible", r.not_eligible},
                {"errors", r.errored},      {"first_errors", errors}};
    // Only with an enrollment chain: eligible drafts held for approval and the request holding them.
    if (r.approval_request || r.already_awaiting > 0) {
        out["awaiting_approval"] = r.awaiting_approval;
        out["already_awaiting"] = r.already_awaiting;
        out["approval_request"] = r.approval_request ? json(r.approval_request->to_string()) : json(nullptr);
    }
    return out;
}

Result<json> run_dedupe(store::Store& store, const model::Job& job, const JobRequest& request,
                        const programs::EnrollmentOptions& options) {
    std::vector<programs::DedupeRule> rules;
    for (const auto& name : request.rules) {
        SPMIS_ASSIGN_OR_RETURN(auto rule, programs::parse_dedupe_rule(name));
        rules.push_back(rule);
    }
    SPMIS_ASSIGN_OR_RETURN(auto r, programs::deduplicate(store, job.program_id, rules, options));
    return json{{"examined", r.examined}, {"flagged_pairs", r.flagged}, {"unresolved", r.unresolved}};
}

}  // namespace

Result<json> run_job(store::Store& store, const model::Job& job, const RunHooks& hooks) {
    SPMIS_ASSIGN_OR_RETURN(JobRequest request, request_of(job.operation, job.options));
    programs::EnrollmentOptions options;
    options.reference = request.reference_date.value_or(hooks.today);
    options.actor = job.actor;
    options.recheck_enrolled = request.recheck_enrolled;
    options.batch_size = hooks.batch_size;
    options.progress = hooks.progress;
    options.run_batch = hooks.run_batch;
    using model::JobOperation;
    switch (job.operation) {
        case JobOperation::kImportEligible: {
            SPMIS_ASSIGN_OR_RETURN(auto r, programs::import_eligible(store, job.program_id, options));
            return report_json(r);
        }
        case JobOperation::kVerify: {
            SPMIS_ASSIGN_OR_RETURN(auto r, programs::verify(store, job.program_id, options));
            return report_json(r);
        }
        case JobOperation::kEnroll: {
            SPMIS_ASSIGN_OR_RETURN(auto r, programs::enroll(store, job.program_id, options));
            return report_json(r);
        }
        case JobOperation::kDeduplicate: return run_dedupe(store, job, request, options);
    }
    return make_error(ErrorCode::kInternal, "unknown job operation");
}

}  // namespace spmis::jobs
