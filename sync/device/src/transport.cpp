#include "spmis/sync/transport.hpp"

namespace spmis::sync {
namespace {

Status lost(const char* what) {
    return make_error(ErrorCode::kNetwork, std::string("injected fault: ") + what);
}

}  // namespace

Result<std::string> FaultInjectingTransport::call(const std::string& endpoint, const std::string& body) {
    if (roll(rates_.delay)) {
        ++faults_;
        delayed_.emplace_back(endpoint, body);
        return lost("request delayed");
    }
    // A call held back earlier arrives now, after this newer one: reordering.
    auto deliver_late = [this] { flush_delayed(); };
    if (roll(rates_.drop_request)) {
        ++faults_;
        deliver_late();
        return lost("request dropped");
    }
    std::string sent = body;
    if (roll(rates_.truncate) && !sent.empty()) {
        ++faults_;
        sent.resize(static_cast<std::size_t>(random_.uniform(0, static_cast<std::int64_t>(sent.size()) - 1)));
    }
    auto answer = inner_.call(endpoint, sent);
    if (roll(rates_.duplicate)) {
        ++faults_;
        answer = inner_.call(endpoint, sent);
    }
    deliver_late();
    if (roll(rates_.drop_response)) {
        ++faults_;
        return lost("response dropped");
    }
    return answer;
}

void FaultInjectingTransport::flush_delayed() {
    while (!delayed_.empty()) {
        auto [e, b] = std::move(delayed_.front());
        delayed_.pop_front();
        (void)inner_.call(e, b);
    }
}

}  // namespace spmis::sync
