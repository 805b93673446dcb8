// spmis-server serve: the HTTP API over the data directory until SIGTERM or SIGINT.

#include <pthread.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#include "commands/commands.hpp"
#include "commands/periodic_task.hpp"
#include "spmis/api/api.hpp"
#include "spmis/api/registry_api.hpp"
#include "spmis/api/sync_api.hpp"
#include "spmis/auth/session_store.hpp"
#include "spmis/auth/store_account_store.hpp"
#include "spmis/http/http_server.hpp"

namespace spmis::server {
namespace {

struct ServeOptions {
    std::string data_dir;
    std::string listen = "127.0.0.1:8080";
    std::string config_file;
    http::HttpServerOptions http;
    std::size_t listener_threads = tuning::kHttpListenerThreads;
};

Status parse_listen(const std::string& listen, http::HttpServerOptions* out) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        return make_error(ErrorCode::kInvalidArgument, "--listen must be HOST:PORT, got '" + listen + "'");
    }
    try {
        const int port = std::stoi(listen.substr(colon + 1));
        if (port < 0 || port > 65535) throw std::out_of_range("port");
        out->host = listen.substr(0, colon);
        out->port = static_cast<std::uint16_t>(port);
    } catch (const std::exception&) {
        return make_error(ErrorCode::kInvalidArgument, "--listen has no valid port: '" + listen + "'");
    }
    return {};
}

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

    Status status = parse_listen(options.listen, &options.http);
    if (!status.ok())
        return std::cerr << "spmis-server: " << status.to_string() << "\n", exit_code_for(status.code());
    std::error_code ec;
    std::filesystem::create_directories(options.data_dir, ec);
    const std::string db_file = (std::filesystem::path(options.data_dir) / "spmis.db").string();
    Result<std::unique_ptr<auth::AccountStore>> accounts = auth::open_store_account_store(options.data_dir);
    if (!accounts.ok()) return std::cerr << "spmis-server: " << accounts.status().to_string() << "\n", 4;
    Result<std::unique_ptr<auth::SessionStore>> sessions = auth::open_store_session_store(options.data_dir);
    if (!sessions.ok()) return std::cerr << "spmis-server: " << sessions.status().to_string() << "\n", 4;
    auth::AuthService auth_service(**accounts, **sessions, SystemClock::instance());

    if (Status s = http::initialize_http_threads(options.listener_threads); !s.ok()) {
        return std::cerr << "spmis-server: " << s.to_string() << "\n", 3;
    }
    api::Metrics metrics;
    api::ApiContext context{auth_service, metrics, db_file};
    http::Router router(api::api_error_renderer());
    api::register_all_routes(router, context);
    Result<std::unique_ptr<api::SyncService>> sync = api::open_sync_service(options.data_dir);
    if (!sync.ok()) return std::cerr << "spmis-server: " << sync.status().to_string() << "\n", 4;
    api::register_sync_api(router, **sync);
    Result<std::unique_ptr<api::StoreAccess>> store = api::open_store_access(options.data_dir);
    if (!store.ok()) return std::cerr << "spmis-server: " << store.status().to_string() << "\n", 4;
    api::register_registry_api(router, **store);
    auto expire = [&store] {
        Status s = (*store)->transaction(expire_entitlements_now);
        if (!s.ok()) std::cerr << "spmis-server: entitlement expiry: " << s.to_string() << "\n";
    };
    expire();
    PeriodicTask expiry(tuning::kEntitlementExpiryInterval, expire);
    auto server = http::make_cpprest_server(options.http, api::make_api_handler(router, metrics),
                                            api::api_error_renderer());
    if (Status s = server->start(); !s.ok()) return std::cerr << "spmis-server: " << s.to_string() << "\n", 3;
    std::cout << "listening on " << server->url() << std::endl;

    const int signal = wait_for_stop_signal(signals);
    std::cerr << "spmis-server: signal " << signal << ", stopping\n";
    server->stop();
    return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ServeOptions>();
    CLI::App* cmd = app.add_subcommand("serve", "Serve the HTTP API until SIGTERM/SIGINT");
    cmd->add_option("--data", options->data_dir, "Data directory (spmis.db lives here)")->required();
    cmd->add_option("--listen", options->listen, "HOST:PORT to listen on; port 0 picks a free port")
        ->capture_default_str();
    cmd->add_option("--config", options->config_file, "Configuration file (accepted, not read yet)");
    cmd->add_option("--max-body-bytes", options->http.max_body_bytes,
                    "Largest request body accepted (413 above)")
        ->capture_default_str();
    cmd->add_option("--workers", options->http.worker_threads, "Worker threads running handlers")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    cmd->add_option("--listener-threads", options->listener_threads, "Threads of the HTTP listener")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    cmd->add_flag("--behind-proxy", options->http.trust_forwarded_for,
                  "Take the client address from X-Forwarded-For (only behind a proxy that sets it)");
    cmd->add_option("--tls-cert", options->http.tls_cert_file, "PEM certificate chain: serve https");
    cmd->add_option("--tls-key", options->http.tls_key_file, "PEM private key of --tls-cert");
    cmd->callback([options, &exit_code] {
        if (options->http.tls_cert_file.empty() != options->http.tls_key_file.empty()) {
            throw CLI::ValidationError("--tls-cert and --tls-key go together");
        }
        exit_code = serve(*options);
    });
}

}  // namespace spmis::server
