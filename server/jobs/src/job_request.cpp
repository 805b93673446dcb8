#include "spmis/jobs/job_request.hpp"

namespace spmis::jobs {
namespace {

using nlohmann::json;

Status invalid(const std::string& message) { return make_error(ErrorCode::kInvalidArgument, message); }

Status check_fields(const json& body) {
    for (const auto& [key, value] : body.items()) {
        if (key != "operation" && key != "reference_date" && key != "recheck_enrolled" && key != "rules") {
            return invalid("unknown field '" + key + "'");
        }
    }
    return {};
}

Status read_options(const json& body, JobRequest& out) {
    using model::JobOperation;
    if (auto it = body.find("reference_date"); it != body.end()) {
        if (!it->is_string()) return invalid("reference_date must be a YYYY-MM-DD string");
        SPMIS_ASSIGN_OR_RETURN(Date d, parse_date(it->get<std::string>()));
        out.reference_date = d;
    }
    if (auto it = body.find("recheck_enrolled"); it != body.end()) {
        if (!it->is_boolean()) return invalid("recheck_enrolled must be a boolean");
        if (out.operation == JobOperation::kImportEligible || out.operation == JobOperation::kDeduplicate) {
            return invalid("recheck_enrolled applies to verify and enroll only");
        }
        out.recheck_enrolled = it->get<bool>();
    }
    if (auto it = body.find("rules"); it != body.end()) {
        if (out.operation != JobOperation::kDeduplicate) return invalid("rules apply to deduplicate only");
        if (!it->is_array() || it->empty()) return invalid("rules must be a non-empty array of rule names");
        for (const json& rule : *it) {
            if (!rule.is_string() || (rule != "national_id" && rule != "name_birthdate_area")) {
                return invalid("unknown deduplication rule " + rule.dump() +
                               " (expected national_id or name_birthdate_area)");
            }
            out.rules.push_back(rule.get<std::string>());
        }
    }
    if (out.operation == JobOperation::kDeduplicate && out.rules.empty()) {
        out.rules = {"national_id", "name_birthdate_area"};
    }
    return {};
}

}  // namespace

Result<JobRequest> parse_job_request(const json& body) {
    if (!body.is_object()) return invalid("the body must be a JSON object");
    SPMIS_RETURN_IF_ERROR(check_fields(body));
    auto op = body.find("operation");
    if (op == body.end() || !op->is_string()) {
        return invalid("operation is required (import_eligible, verify, deduplicate or enroll)");
    }
    JobRequest out;
    SPMIS_ASSIGN_OR_RETURN(out.operation, model::parse_enum<model::JobOperation>(op->get<std::string>()));
    SPMIS_RETURN_IF_ERROR(read_options(body, out));
    return out;
}

json options_json(const JobRequest& request) {
    json out = json::object();
    if (request.reference_date) out["reference_date"] = format_date(*request.reference_date);
    if (request.recheck_enrolled) out["recheck_enrolled"] = true;
    if (!request.rules.empty()) out["rules"] = request.rules;
    return out;
}

Result<JobRequest> request_of(model::JobOperation operation, const std::string& options_text) {
    json body = json::parse(options_text, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return make_error(ErrorCode::kCorrupt, "stored job options are not a JSON object");
    }
    body["operation"] = std::string(model::to_string(operation));
    return parse_job_request(body);
}

}  // namespace spmis::jobs
