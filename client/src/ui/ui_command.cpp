// `spmis-field ui`: starts the local screen on 127.0.0.1 (a free port unless --port), prints its
// address with the per-start secret, opens it in the default browser when there is one, and serves
// until SIGINT/SIGTERM. The screen works with the network down; `sync` runs when the officer asks.

#include "ui/ui_command.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <sodium.h>
#include <array>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "spmis/base/hex.hpp"
#include "spmis/http/http_server.hpp"
#include "spmis/sync/field_tuning.hpp"
#include "ui/local_api.hpp"

extern char** environ;

namespace spmis::field {
namespace {

struct Options {
    int port = 0;
    bool no_open = false;
    int sync_every_s = static_cast<int>(tuning::kFieldWatchInterval.count());
};

// Syncs every `every` until stopped, so the screen's records leave the device whenever the server
// can be reached, without the officer thinking of it.
class BackgroundSync {
public:
    BackgroundSync(LocalApi& api, std::chrono::seconds every) {
        if (every.count() <= 0) return;
        thread_ = std::thread([this, &api, every] {
            std::unique_lock lock(mutex_);
            while (!stop_) {
                if (wake_.wait_for(lock, every, [this] { return stop_; })) break;
                lock.unlock();
                (void)api.background_sync();
                lock.lock();
            }
        });
    }
    ~BackgroundSync() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

// Opens `url` with xdg-open when a desktop session is there; the address is printed either way.
void open_in_browser(const std::string& url) {
    if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) return;
    pid_t pid = 0;
    std::string program = "xdg-open";
    std::array<char*, 3> argv{program.data(), const_cast<char*>(url.c_str()), nullptr};
    if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv.data(), environ) == 0) {
        int status = 0;
        waitpid(pid, &status, 0);  // xdg-open hands over to the browser and returns
    }
}

http::HttpResponse plain_error(int status, ErrorCode code, std::string_view message) {
    nlohmann::json body{
        {"ok", false},
        {"error", {{"code", std::string(error_code_name(code))}, {"message", std::string(message)}}}};
    return http::HttpResponse{status, {{"Content-Type", "application/json"}}, body.dump()};
}

Status serve(Context& ctx, const Options& o) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    {
        // The store must exist (init) before the screen can serve anything.
        SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
        SPMIS_ASSIGN_OR_RETURN(auto officers, store->officers());
        if (officers.empty()) {
            return make_error(ErrorCode::kFailedPrecondition,
                              "no officer can sign in yet: set a PIN with `spmis-field officer pin NAME`");
        }
    }
    SPMIS_RETURN_IF_ERROR(http::initialize_http_threads(2));
    std::array<std::uint8_t, 32> secret{};
    randombytes_buf(secret.data(), secret.size());
    LocalApi api(ctx, to_hex(secret));
    http::HttpServerOptions options;
    options.host = "127.0.0.1";
    options.port = static_cast<std::uint16_t>(o.port);
    options.worker_threads = 2;
    options.max_body_bytes = 8 * 1024 * 1024;  // small forms, and camera frames as PNG
    auto server = http::make_cpprest_server(
        options, [&api](http::HttpRequest& request) { return api.handle(request); }, plain_error);
    SPMIS_RETURN_IF_ERROR(server->start());
    // The secret travels in the fragment, which the browser never sends to any server.
    const std::string url = server->url() + "/#k=" + to_hex(secret);
    ctx.out("spmis-field screen: " + url + "\n");
    std::cout.flush();  // whoever started us (a test, a launcher) reads the address now
    if (!o.no_open) open_in_browser(url);
    std::optional<BackgroundSync> background;
    background.emplace(api, std::chrono::seconds(o.sync_every_s));
    int received = 0;
    sigwait(&signals, &received);
    background.reset();
    server->drain();
    std::cout.flush();
    // As spmis-server does: end without closing cpprest's listener under live connections.
    std::_Exit(0);
}

}  // namespace

void add_ui(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("ui", "Serve the officer's screen on 127.0.0.1 until Ctrl-C");
    cmd->add_option("--port", o->port, "Port to listen on (default: a free one)")
        ->check(CLI::Range(0, 65535));
    cmd->add_flag("--no-open", o->no_open, "Print the address only; do not open a browser");
    cmd->add_option("--sync-every", o->sync_every_s,
                    "Sync in the background every S seconds (0: only on demand)")
        ->check(CLI::Range(0, 86400));
    cmd->callback([&ctx, o] { ctx.run([&] { return serve(ctx, *o); }); });
}

}  // namespace spmis::field
