#pragma once
// Enrollment operations as background jobs over HTTP.

#include "spmis/api/registry_api.hpp"
#include "spmis/jobs/job_service.hpp"

namespace spmis::api {

// The job service options that share the API's store (its connection and lock) with the worker.
jobs::JobServiceOptions job_service_options(const std::string& store_location, StoreAccess& store);

// POST /api/v1/programs/{id}/jobs (202 with the queued job) and GET /api/v1/jobs/{id}.
void register_job_routes(http::Router& router, jobs::JobService& jobs);

}  // namespace spmis::api
