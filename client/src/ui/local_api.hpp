#pragma once
// The field screen's local JSON API: signs officers in with their PIN and runs the same commands as
// the command line (command_runner.hpp) on the device's store. Only the page this process served
// can call it: every request must carry the per-start secret the page got in its address, so another
// program on the machine cannot record hand-outs.

#include <map>
#include <mutex>
#include <string>

#include "context.hpp"
#include "spmis/http/http_message.hpp"

namespace spmis::field {

class LocalApi {
public:
    // `base` gives the home and clock; `secret` is the per-start secret (hex).
    LocalApi(const Context& base, std::string secret) : base_(base), secret_(std::move(secret)) {}

    // Serves one request: the embedded page's files, or /local/... JSON calls.
    http::HttpResponse handle(const http::HttpRequest& request);
    // One sync round in the background, between the officer's own actions (never beside one); the
    // round's answer (a failure while the network is down is normal and only reported).
    nlohmann::json background_sync();

private:
    http::HttpResponse call(const http::HttpRequest& request);
    http::HttpResponse sign_in(const nlohmann::json& body);
    http::HttpResponse scan(const http::HttpRequest& request);
    // The officer a bearer token belongs to ("" when none or expired).
    std::string officer_of(const http::HttpRequest& request);

    const Context& base_;
    const std::string secret_;
    // One officer at a time works on one device; commands run one after another.
    std::mutex mutex_;
    struct Session {
        std::string officer;
        std::int64_t expires_ms;  // on the device's monotonic clock
    };
    std::map<std::string, Session> sessions_;
};

// The HTTP status for a command's exit code: 0 -> 200, 1 (refused by a rule) -> 409, 2 (bad input)
// -> 400, 3 (network or server) -> 502, 4 (local store) -> 500.
int status_for_exit_code(int exit_code);

}  // namespace spmis::field
