#include "in_process_server.hpp"

#include <chrono>
#include <thread>

#include "spmis/auth/store_account_store.hpp"
#include "spmis/store/kill_switch.hpp"

namespace spmis::test {
namespace {

// How long wait_for_idle_jobs waits for the worker, and how often it looks.
constexpr auto kJobWait = std::chrono::seconds(20);
constexpr auto kJobPoll = std::chrono::milliseconds(5);

}  // namespace

InProcessServer::InProcessServer(Clock& clock) : clock_(clock), router_(api::api_error_renderer()) {}

InProcessServer::~InProcessServer() {
    if (jobs_) jobs_->stop();
}

Result<std::unique_ptr<InProcessServer>> InProcessServer::open(const std::string& data_dir, Clock& clock) {
    std::unique_ptr<InProcessServer> server(new InProcessServer(clock));
    SPMIS_RETURN_IF_ERROR(server->open_stores(data_dir));
    return server;
}

Status InProcessServer::open_stores(const std::string& data_dir) {
    SPMIS_ASSIGN_OR_RETURN(accounts_, auth::open_store_account_store(data_dir));
    SPMIS_ASSIGN_OR_RETURN(sessions_, auth::open_store_session_store(data_dir));
    auth_ = std::make_unique<auth::AuthService>(*accounts_, *sessions_, clock_);
    context_ =
        std::make_unique<api::ApiContext>(api::ApiContext{*auth_, metrics_, data_dir + "/spmis.db", clock_});
    api::register_all_routes(router_, *context_);
    SPMIS_ASSIGN_OR_RETURN(sync_, api::open_sync_service(data_dir, clock_));
    api::register_sync_api(router_, *sync_);
    SPMIS_ASSIGN_OR_RETURN(auto store, store::open_sqlite_store_watched(
                                           store::StoreOptions{data_dir + "/spmis.db", &clock_}, faults_));
    store_ = std::make_unique<api::StoreAccess>(std::move(store));
    api::register_registry_api(router_, *store_);
    SPMIS_ASSIGN_OR_RETURN(jobs_, jobs::JobService::start(api::job_service_options(data_dir, *store_)));
    api::register_job_routes(router_, *jobs_);
    return {};
}

http::HttpResponse InProcessServer::handle(http::HttpRequest& request) {
    try {
        return router_.dispatch(request);
    } catch (const std::exception& e) {
        return api::api_error_renderer()(500, ErrorCode::kInternal, e.what());
    }
}

std::string InProcessServer::login(const std::string& username, const std::string& password) {
    std::chrono::seconds retry_after{0};
    Result<auth::LoginResult> r = auth_->login(username, password, "127.0.0.1", &retry_after);
    return r.ok() ? r->token : std::string();
}

bool InProcessServer::wait_for_idle_jobs() {
    const auto deadline = std::chrono::steady_clock::now() + kJobWait;
    while (std::chrono::steady_clock::now() < deadline) {
        Result<std::map<std::string, std::int64_t>> counts = jobs_->counts();
        if (counts.ok() && (*counts)["queued"] + (*counts)["running"] == 0) return true;
        std::this_thread::sleep_for(kJobPoll);
    }
    return false;
}

}  // namespace spmis::test
