// spmis-server serve: the HTTP API over the data directory until SIGTERM or SIGINT.

#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "commands/commands.hpp"
#include "commands/grievance_tasks.hpp"
#include "commands/periodic_task.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/job_api.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/auth/auth_service.hpp"
#include "spmis/auth/session_store.hpp"
#include "spmis/auth/store_account_store.hpp"
#include "spmis/config/server_config.hpp"
#include "spmis/console/console_routes.hpp"
#include "spmis/grievances/tuning.hpp"
#include "spmis/http/http_server.hpp"
#include "spmis/logging/logger.hpp"
#include "spmis/postgres/connection.hpp"

namespace spmis::server {
namespace {

struct ServeOptions {
    std::string config_file;
    std::map<std::string, std::string> command_line;  // option key -> value given as a flag
    config::ServerConfig config;
    http::HttpServerOptions http;
};

Status parse_listen(const std::string& listen, http::HttpServerOptions* out) {
    const auto colon = listen.rfind(':');
    out->host = listen.substr(0, colon);
    out->port = static_cast<std::uint16_t>(std::stoi(listen.substr(colon + 1)));  // checked by config
    return {};
}

// Defaults < file < environment < command line; then the logger and the HTTP options from it.
Status resolve(ServeOptions& options) {
    config::EffectiveConfig effective;
    if (!options.config_file.empty())
        SPMIS_RETURN_IF_ERROR(config::apply_file(options.config_file, effective));
    SPMIS_RETURN_IF_ERROR(
        config::apply_environment([](const char* name) { return std::getenv(name); }, effective));
    for (const auto& [key, value] : options.command_line) {
        const config::OptionSpec* spec = config::find_option(key);
        SPMIS_RETURN_IF_ERROR(
            config::apply_value(*spec, value, config::Source::kCommandLine, spec->cli, effective));
    }
    SPMIS_RETURN_IF_ERROR(config::validate(effective.values, true));
    const config::ServerConfig& c = effective.values;
    options.config = c;
    SPMIS_RETURN_IF_ERROR(parse_listen(c.listen, &options.http));
    options.http.max_body_bytes = c.max_body_bytes;
    options.http.worker_threads = c.workers;
    options.http.max_queued = c.max_queued_requests;
    options.http.drain_timeout = std::chrono::milliseconds(c.drain_timeout_ms);
    options.http.trust_forwarded_for = c.behind_proxy;
    options.http.tls_cert_file = c.tls_cert_file;
    options.http.tls_key_file = c.tls_key_file;
    SPMIS_ASSIGN_OR_RETURN(
        std::unique_ptr<logging::Logger> logger,
        logging::Logger::open({*logging::parse_level(c.log_level), c.log_format, c.log_file}));
    logging::install(std::move(logger));
    return {};
}

// Session lifetime and login throttling from the auth.* options (ranges checked by config).
auth::AuthOptions auth_options(const config::ServerConfig& c) {
    return {std::chrono::seconds(c.session_lifetime_s), static_cast<int>(c.login_free_failures_per_user),
            static_cast<int>(c.login_free_failures_per_address)};
}

// The connection /healthz reads through.
struct HealthProbe {
    std::mutex mutex;
    std::unique_ptr<store::Store> store;
};

// The PostgreSQL database's size for /metrics, read through a connection of its own (reopened after
// a failure); SQLite's is its file's.
struct DatabaseSizeProbe {
    std::mutex mutex;
    std::unique_ptr<postgres::Connection> connection;

    std::optional<std::int64_t> read(const std::string& url) {
        const std::lock_guard lock(mutex);
        if (!connection) {
            auto opened = postgres::Connection::open(postgres::Options{url});
            if (!opened.ok()) return std::nullopt;
            connection = std::move(*opened);
        }
        auto size = postgres::query_int(*connection, "SELECT pg_database_size(current_database())", -1);
        if (!size.ok()) {
            connection.reset();
            return std::nullopt;
        }
        return *size;
    }
};

// Blocks until SIGTERM or SIGINT (blocked in every thread, so it is delivered here only).

int wait_for_stop_signal(const sigset_t& signals) {
    int received = 0;
    sigwait(&signals, &received);
    return received;
}

int serve(ServeOptions& options) {
    // Block the stop signals before any thread starts so that every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    Status status = resolve(options);
    if (!status.ok())
        return std::cerr << "spmis-server: " << status.to_string() << "\n", exit_code_for(status.code());
    const std::string& data_dir = options.config.data_dir;
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    std::filesystem::permissions(data_dir, std::filesystem::perms::owner_all, ec);
    const std::string db_file = (std::filesystem::path(data_dir) / "spmis.db").string();
    const std::string& store_location = config::store_location(options.config);
    Result<std::unique_ptr<auth::AccountStore>> accounts = auth::open_store_account_store(store_location);
    if (!accounts.ok()) return std::cerr << "spmis-server: " << accounts.status().to_string() << "\n", 4;
    Result<std::unique_ptr<auth::SessionStore>> sessions = auth::open_store_session_store(store_location);
    if (!sessions.ok()) return std::cerr << "spmis-server: " << sessions.status().to_string() << "\n", 4;
    // On PostgreSQL several nodes may serve one database: failed logins are counted there, together.
    // One SQLite node counts them in memory.
    std::unique_ptr<auth::FailureLedger> failure_ledger;
    if (store::is_postgres_url(store_location)) {
        auto ledger = auth::open_store_failure_ledger(store_location);
        if (!ledger.ok()) return std::cerr << "spmis-server: " << ledger.status().to_string() << "\n", 4;
        failure_ledger = std::move(*ledger);
    }
    auth::AuthOptions login_options = auth_options(options.config);
    login_options.failure_ledger = failure_ledger.get();
    auth::AuthService auth_service(**accounts, **sessions, command_clock(), login_options);

    if (Status s = http::initialize_http_threads(options.config.listener_threads); !s.ok()) {
        return std::cerr << "spmis-server: " << s.to_string() << "\n", 3;
    }
    api::Metrics metrics;
    api::ApiContext context{auth_service, metrics, db_file, command_clock()};
    http::Router router(api::api_error_renderer());
    api::register_all_routes(router, context);
    // Sync pushes commit without checkpointing; a background checkpointer keeps the WAL bounded.
    Result<std::unique_ptr<api::SyncService>> sync =
        api::open_sync_service(data_dir, command_clock(), true, store_location);
    if (!sync.ok()) return std::cerr << "spmis-server: " << sync.status().to_string() << "\n", 4;
    api::register_sync_api(router, **sync);
    Result<std::unique_ptr<api::StoreAccess>> store = api::open_store_access(store_location, command_clock());
    if (!store.ok()) return std::cerr << "spmis-server: " << store.status().to_string() << "\n", 4;
    api::register_registry_api(router, **store);
    // Health reads through a connection of its own (never waiting behind a long write), opened again
    // after any failure, so a lost database shows at /healthz, where a load balancer looks.
    context.database_reachable = [store_location, probe = std::make_shared<HealthProbe>()] {
        const std::lock_guard lock(probe->mutex);
        if (!probe->store) {
            auto opened = store::open_store_at(store_location, &command_clock());
            if (!opened.ok()) return opened.status();
            probe->store = std::move(*opened);
        }
        Status read = probe->store->server_meta().get_meta("server_id").status();
        if (!read.ok()) probe->store.reset();
        return read;
    };
    if (store::is_postgres_url(store_location)) {
        metrics.set_database_size([store_location, probe = std::make_shared<DatabaseSizeProbe>()] {
            return probe->read(store_location);
        });
    }
    auto job_service = jobs::JobService::start(api::job_service_options(store_location, **store));
    if (!job_service.ok())
        return std::cerr << "spmis-server: " << job_service.status().to_string() << "\n", 4;
    api::register_job_routes(router, **job_service);
    // Last: the API's routes are matched first, and the console's files are only ever read from disk
    // at build time.
    console::register_console_routes(router);
    metrics.set_job_counts([service = job_service->get()] {
        auto counts = service->counts();
        return counts.ok() ? *counts : std::map<std::string, std::int64_t>{};
    });
    auto expire = [&store] {
        // One node at a time when several share a database; the next finds nothing left to expire.
        Status s = (*store)->transaction([](store::Store& shared) -> Status {
            SPMIS_RETURN_IF_ERROR(shared.lock_exclusively("entitlements.expiry"));
            return expire_entitlements_now(shared);
        });
        if (!s.ok()) std::cerr << "spmis-server: entitlement expiry: " << s.to_string() << "\n";
    };
    expire();
    std::optional<PeriodicTask> expiry;
    expiry.emplace(tuning::kEntitlementExpiryInterval, expire);
    // Breached grievances escalate once; a restart after a long stop escalates at once.
    put_default_grievance_categories(**store);
    metrics.set_grievance_counts(grievance_counts(**store));
    auto escalate = grievance_escalation(**store);
    escalate();
    std::optional<PeriodicTask> escalation;
    escalation.emplace(grievances::tuning::kEscalationInterval, escalate);
    auto server = http::make_cpprest_server(options.http, api::make_api_handler(router, metrics),
                                            api::api_error_renderer());
    if (Status s = server->start(); !s.ok()) return std::cerr << "spmis-server: " << s.to_string() << "\n", 3;
    std::cout << "listening on " << server->url() << std::endl;
    logging::log(logging::Level::kInfo, "listening", {{"url", server->url()}, {"data_dir", data_dir}});

    const int signal = wait_for_stop_signal(signals);
    logging::log(logging::Level::kInfo, "stopping", {{"signal", signal}});
    // Every accepted request is answered and written; later ones get 503 without reaching a handler.
    server->drain();
    (*job_service)->stop();
    expiry.reset();
    escalation.reset();
    if (Status s = (*sync)->checkpointer ? (*sync)->checkpointer->stop() : Status{}; !s.ok())
        logging::log(logging::Level::kWarn, "final checkpoint", {{"error", s.to_string()}});
    // Close every database before the process ends.
    job_service->reset();
    sync->reset();
    store->reset();
    sessions->reset();
    accounts->reset();
    logging::log(logging::Level::kInfo, "stopped");
    std::cout.flush();
    std::cerr.flush();
    // End without closing the listener or running static destructors: cpprest frees its server
    // object under connections still open (clients keep sending to a draining server), and its
    // threads may still be running then. Nothing of ours is left to close.
    std::_Exit(0);
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ServeOptions>();
    CLI::App* cmd = app.add_subcommand("serve", "Serve the HTTP API until SIGTERM/SIGINT");
    cmd->add_option("--config", options->config_file,
                    "TOML configuration file (see deploy/spmis-server.toml)")
        ->envname("SPMIS_CONFIG");
    // Every option of the configuration is also a flag; a flag wins over environment and file.
    for (const config::OptionSpec& spec : config::option_specs()) {
        if (spec.cli.empty()) continue;
        const std::string help = spec.doc + " [" + spec.key + ", " + spec.env + "]";
        if (spec.kind == config::ValueKind::kBool) {
            cmd->add_flag_callback(
                spec.cli, [options, key = spec.key] { options->command_line[key] = "true"; }, help);
        } else {
            cmd->add_option_function<std::string>(
                spec.cli, [options, key = spec.key](const std::string& v) { options->command_line[key] = v; },
                help);
        }
    }
    cmd->callback([options, &exit_code] { exit_code = serve(*options); });
}

}  // namespace spmis::server
