// The cpprestsdk adapter: the only file that sees cpprest. Listener callbacks never block: the
// body is read with extract_string().then(), size-checked, and the request is handed to our own
// worker pool, which runs the handler and replies. Every cpprest exception is caught here.
//
// An accepted request holds a ticket until its answer is written (or the write fails); a drain
// waits for the tickets, so answers are on the wire before the listener closes or the process ends.

#include <cpprest/http_listener.h>
#include <pplx/threadpool.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <utility>

#include "request_conversion.hpp"
#include "spmis/http/http_server.hpp"
#include "spmis/http/worker_pool.hpp"

namespace spmis::http {
namespace {

using web::http::http_request;
using web::http::experimental::listener::http_listener;
using web::http::experimental::listener::http_listener_config;

class CpprestServer final : public HttpServer {
public:
    CpprestServer(HttpServerOptions options, RequestHandler handler, ErrorRenderer render_error)
        : options_(std::move(options)),
          handler_(std::move(handler)),
          render_error_(std::move(render_error)) {}
    ~CpprestServer() override { stop(); }

    Status start() override;
    void drain() override;
    void stop() override;
    std::uint16_t port() const override { return port_; }
    std::string url() const override {
        return std::string(tls() ? "https://" : "http://") + options_.host + ":" + std::to_string(port_);
    }

private:
    bool tls() const { return !options_.tls_cert_file.empty(); }
    Status open_on(std::uint16_t port);
    // Released when the last copy goes: held from arrival until the answer is written.
    using Ticket = std::shared_ptr<void>;
    Ticket admit();
    void on_request(const http_request& message);
    void on_body(const http_request& message, const pplx::task<std::string>& body_task, Ticket ticket);
    void answer(const http_request& message, const HttpResponse& response, const std::string& request_id,
                Ticket ticket = nullptr);
    void answer_error(const http_request& message, int status, ErrorCode code, std::string_view text,
                      Ticket ticket = nullptr);

    HttpServerOptions options_;
    RequestHandler handler_;
    ErrorRenderer render_error_;
    std::uint16_t port_ = 0;
    std::unique_ptr<http_listener> listener_;
    std::unique_ptr<WorkerPool> pool_;
    std::atomic<bool> draining_{false};
    bool stopped_ = false;
    std::mutex in_flight_mutex_;
    std::condition_variable in_flight_cv_;
    std::size_t in_flight_ = 0;
};

Status CpprestServer::open_on(std::uint16_t port) {
    http_listener_config config;
    if (tls()) {
        const std::string cert = options_.tls_cert_file;
        const std::string key = options_.tls_key_file;
        config.set_ssl_context_callback([cert, key](boost::asio::ssl::context& ctx) {
            ctx.set_options(boost::asio::ssl::context::default_workarounds |
                            boost::asio::ssl::context::no_sslv2 | boost::asio::ssl::context::no_sslv3 |
                            boost::asio::ssl::context::no_tlsv1 | boost::asio::ssl::context::no_tlsv1_1);
            ctx.use_certificate_chain_file(cert);
            ctx.use_private_key_file(key, boost::asio::ssl::context::pem);
        });
    }
    const std::string uri =
        std::string(tls() ? "https://" : "http://") + options_.host + ":" + std::to_string(port) + "/";
    try {
        auto listener = std::make_unique<http_listener>(uri, config);
        listener->support([this](const http_request& message) { on_request(message); });
        listener->open().wait();
        listener_ = std::move(listener);
        port_ = port;
        return {};
    } catch (const std::exception& e) {
        return make_error(ErrorCode::kNetwork, "cannot listen on " + uri + ": " + e.what());
    }
}

Status CpprestServer::start() {
    pool_ = std::make_unique<WorkerPool>(options_.worker_threads, options_.max_queued);
    if (options_.port != 0) return open_on(options_.port);
    Status last;
    // Another process may take the probed port before we bind it: probe again.
    for (int attempt = 0; attempt < tuning::kHttpPortPickAttempts; ++attempt) {
        Result<std::uint16_t> port = pick_free_port(options_.host);
        if (!port.ok()) return port.status();
        last = open_on(*port);
        if (last.ok()) return last;
    }
    return last;
}

CpprestServer::Ticket CpprestServer::admit() {
    std::lock_guard<std::mutex> lock(in_flight_mutex_);
    // Checked under the same lock the drain waits on: no request slips in after the drain saw zero.
    if (draining_) return nullptr;
    ++in_flight_;
    // Points at the server only to be non-null; releasing it counts the request out.
    return Ticket(static_cast<void*>(this), [this](void*) {
        std::lock_guard<std::mutex> released(in_flight_mutex_);
        --in_flight_;
        in_flight_cv_.notify_all();
    });
}

void CpprestServer::drain() {
    {
        std::unique_lock<std::mutex> lock(in_flight_mutex_);
        if (draining_) return;  // drained already
        draining_ = true;
        in_flight_cv_.wait_for(lock, options_.drain_timeout, [this] { return in_flight_ == 0; });
    }
    if (pool_) pool_->stop();
}

void CpprestServer::stop() {
    if (stopped_) return;
    stopped_ = true;
    drain();
    if (listener_) {
        // close() waits for cpprest's own bookkeeping; bound it, and leak the listener rather than
        // destroy it under a close that did not finish.
        auto done = std::make_shared<std::promise<void>>();
        std::future<void> finished = done->get_future();
        try {
            listener_->close().then([done](const pplx::task<void>& t) {
                try {
                    t.get();
                } catch (...) {  // NOLINT(bugprone-empty-catch): closing anyway
                }
                done->set_value();
            });
        } catch (...) {
            done->set_value();
        }
        if (finished.wait_for(options_.drain_timeout) == std::future_status::ready) {
            listener_.reset();
        } else {
            (void)listener_.release();  // NOLINT(bugprone-unused-return-value)
        }
    }
}

void CpprestServer::answer(const http_request& message, const HttpResponse& response,
                           const std::string& request_id, Ticket ticket) {
    try {
        web::http::http_response out(static_cast<web::http::status_code>(response.status));
        std::string content_type = "application/json";
        for (const auto& [name, value] : response.headers) {
            if (lower_ascii(name) == "content-type") {
                content_type = value;
            } else {
                out.headers().add(name, value);
            }
        }
        if (!request_id.empty()) out.headers().add("X-Request-Id", request_id);
        out.set_body(response.body, content_type);
        message.reply(out).then([ticket = std::move(ticket)](const pplx::task<void>& t) mutable {
            try {
                t.get();
            } catch (...) {  // NOLINT(bugprone-empty-catch): the client went away
            }
            ticket.reset();  // written: the drain may go on
        });
    } catch (...) {  // NOLINT(bugprone-empty-catch): the client went away; nothing to answer
    }
}

void CpprestServer::answer_error(const http_request& message, int status, ErrorCode code,
                                 std::string_view text, Ticket ticket) {
    answer(message, render_error_(status, code, text), request_id_of(message), std::move(ticket));
}

void CpprestServer::on_request(const http_request& message) {
    try {
        Ticket ticket = admit();
        if (!ticket) {
            answer_error(message, 503, ErrorCode::kFailedPrecondition, "server is shutting down");
            return;
        }
        if (message.headers().content_length() > options_.max_body_bytes) {
            answer_error(message, 413, ErrorCode::kResourceExhausted,
                         "request body larger than " + std::to_string(options_.max_body_bytes) + " bytes",
                         std::move(ticket));
            return;
        }
        http_request reader = message;  // extract_string() is non-const; copies share the request
        reader.extract_string(true).then(
            [this, message, ticket = std::move(ticket)](const pplx::task<std::string>& body) mutable {
                on_body(message, body, std::move(ticket));
            });
    } catch (...) {
        answer_error(message, 500, ErrorCode::kInternal, "request could not be read");
    }
}

void CpprestServer::on_body(const http_request& message, const pplx::task<std::string>& body_task,
                            Ticket ticket) {
    std::string body;
    try {
        body = body_task.get();  // the task is already complete: no blocking
    } catch (...) {
        answer_error(message, 400, ErrorCode::kInvalidArgument, "request body could not be read",
                     std::move(ticket));
        return;
    }
    if (body.size() > options_.max_body_bytes) {
        answer_error(message, 413, ErrorCode::kResourceExhausted,
                     "request body larger than " + std::to_string(options_.max_body_bytes) + " bytes",
                     std::move(ticket));
        return;
    }
    auto request = std::make_shared<HttpRequest>();
    try {
        *request = to_http_request(message, std::move(body), options_.trust_forwarded_for);
    } catch (...) {
        answer_error(message, 400, ErrorCode::kInvalidArgument, "request URI could not be decoded",
                     std::move(ticket));
        return;
    }
    // The task holds a copy: if the pool refuses it, the copy below still answers 503.
    const bool queued = pool_->submit([this, message, request, ticket]() mutable {
        HttpResponse response;
        try {
            // Queued but not started when the stop came: refuse rather than make shutdown wait.
            response = draining_
                           ? render_error_(503, ErrorCode::kFailedPrecondition, "server is shutting down")
                           : handler_(*request);
        } catch (const std::exception& e) {
            response = render_error_(500, ErrorCode::kInternal, e.what());
        }
        answer(message, response, request->request_id, std::move(ticket));
    });
    if (!queued)
        answer_error(message, 503, ErrorCode::kResourceExhausted, "server is busy", std::move(ticket));
}

}  // namespace

Status initialize_http_threads(std::size_t threads) {
    try {
        crossplat::threadpool::initialize_with_threads(threads);
        return {};
    } catch (const std::exception& e) {
        return make_error(ErrorCode::kFailedPrecondition, std::string("HTTP thread pool: ") + e.what());
    }
}

std::unique_ptr<HttpServer> make_cpprest_server(HttpServerOptions options, RequestHandler handler,
                                                ErrorRenderer render_error) {
    return std::make_unique<CpprestServer>(std::move(options), std::move(handler), std::move(render_error));
}

}  // namespace spmis::http
