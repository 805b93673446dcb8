#pragma once
// The HTTP server behind a small interface, so the library underneath (cpprestsdk, archived
// upstream) can be replaced without touching handlers.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "spmis/base/status.hpp"
#include "spmis/http/http_message.hpp"
#include "spmis/http/tuning.hpp"

namespace spmis::http {

// Takes a request (its route fields may be filled in) and produces the response.
using RequestHandler = std::function<HttpResponse(HttpRequest&)>;

struct HttpServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0: a free port is picked; port() tells which
    std::size_t max_body_bytes = tuning::kHttpMaxBodyBytes;
    std::size_t worker_threads = tuning::kHttpWorkerThreads;
    std::size_t max_queued = tuning::kHttpMaxQueuedRequests;
    std::chrono::milliseconds drain_timeout = tuning::kHttpDrainTimeout;
    // Behind a reverse proxy: the client address is the last X-Forwarded-For entry (the one the
    // proxy added), so per-address login throttling sees clients, not the proxy.
    bool trust_forwarded_for = false;
    std::string tls_cert_file;  // PEM chain; with tls_key_file, serves https
    std::string tls_key_file;
};

// A running HTTP server. start() and stop() from one controlling thread.
class HttpServer {
public:
    virtual ~HttpServer() = default;
    // Binds and starts accepting; kNetwork when the address cannot be bound.
    virtual Status start() = 0;
    // Refuses new requests (503) and waits, within the drain timeout, until every accepted request
    // is answered and its answer written; joins the workers. The listener stays open. Idempotent.
    // For a process about to end: closing cpprest's listener while clients still hold connections
    // races inside cpprest (its server object is freed under live connections), so a server
    // process drains and then ends without closing.
    virtual void drain() = 0;
    // drain(), then closes the listener and its connections. Idempotent. For servers inside a
    // process that goes on (tests), after their clients are done.
    virtual void stop() = 0;
    // The bound port (after start()).
    virtual std::uint16_t port() const = 0;
    // "http://127.0.0.1:8080" (https with TLS).
    virtual std::string url() const = 0;
};

// Sizes cpprest's listener thread pool; call once, first thing, before any other HTTP use.
// kFailedPrecondition if the pool was already created.
Status initialize_http_threads(std::size_t threads);

// The cpprestsdk-backed server. handler runs on the server's worker pool; render_error formats
// the errors the adapter answers by itself (413, 503, 400 unreadable body).
std::unique_ptr<HttpServer> make_cpprest_server(HttpServerOptions options, RequestHandler handler,
                                                ErrorRenderer render_error);

// A port that was free a moment ago on host (bind to port 0, read it back, close); kNetwork on failure.
Result<std::uint16_t> pick_free_port(const std::string& host);

}  // namespace spmis::http
