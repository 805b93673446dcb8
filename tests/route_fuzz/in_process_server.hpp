#pragma once
// The API of spmis-server assembled in this process over a data directory, as `serve` assembles it
// (auth, registry, sync, jobs; not the console's files), with no socket: a request is dispatched on
// the caller's thread. The registry's store connection reports to a KillSwitch, so a test can fail
// a request at any statement step of its transaction.

#include <memory>
#include <string>

#include "spmis/api/api.hpp"
#include "spmis/api/job_api.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/base/kill_switch.hpp"

namespace spmis::test {

class InProcessServer {
public:
    // Opens every store of `data_dir` (which must exist) with `clock`, which outlives this.
    static Result<std::unique_ptr<InProcessServer>> open(const std::string& data_dir, Clock& clock);
    ~InProcessServer();
    InProcessServer(const InProcessServer&) = delete;
    InProcessServer& operator=(const InProcessServer&) = delete;

    // Dispatches one request as the HTTP adapter would: an exception leaving a handler is a 500.
    http::HttpResponse handle(http::HttpRequest& request);
    // A session token for the user, "" when the login is refused.
    std::string login(const std::string& username, const std::string& password);
    // The routes, in registration order.
    std::vector<http::RouteInfo> routes() const { return router_.routes(); }
    // The switch the registry store's connection reports to (arm_step_fault to fail a request).
    KillSwitch& faults() { return faults_; }
    // Waits (bounded) until no enrollment job is queued or running; false when one still is.
    bool wait_for_idle_jobs();

private:
    explicit InProcessServer(Clock& clock);
    Status open_stores(const std::string& data_dir);

    Clock& clock_;
    KillSwitch faults_;  // declared before the store that reports to it
    std::unique_ptr<auth::AccountStore> accounts_;
    std::unique_ptr<auth::SessionStore> sessions_;
    std::unique_ptr<auth::AuthService> auth_;
    api::Metrics metrics_;
    std::unique_ptr<api::ApiContext> context_;
    http::Router router_;
    std::unique_ptr<api::SyncService> sync_;
    std::unique_ptr<api::StoreAccess> store_;
    std::unique_ptr<jobs::JobService> jobs_;
};

}  // namespace spmis::test
