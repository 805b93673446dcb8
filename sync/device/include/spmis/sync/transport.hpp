#pragma once
// How a device reaches the server: one request/response per call, bodies as text. The HTTP client
// lives in client/; tests use the loopback and fault-injecting transports below.

#include <deque>
#include <functional>
#include <string>

#include "spmis/base/clock.hpp"
#include "spmis/base/status.hpp"

namespace spmis::sync {

// endpoint is "hello", "push" or "pull"; the answer is the response body, or kNetwork.
class Transport {
public:
    virtual ~Transport() = default;
    virtual Result<std::string> call(const std::string& endpoint, const std::string& body) = 0;
};

using Handler = std::function<Result<std::string>(const std::string& endpoint, const std::string& body)>;

// Delivers every call straight to a handler in the same process.
class LoopbackTransport final : public Transport {
public:
    explicit LoopbackTransport(Handler handler) : handler_(std::move(handler)) {}
    Result<std::string> call(const std::string& endpoint, const std::string& body) override {
        return handler_(endpoint, body);
    }

private:
    Handler handler_;
};

// Per-call fault probabilities, each in [0, 1].
struct FaultRates {
    double drop_request = 0;   // never delivered
    double drop_response = 0;  // delivered, answer lost
    double duplicate = 0;      // delivered twice
    double delay = 0;          // held back and delivered later, after a newer call (reordering)
    double truncate = 0;       // body cut short on the way in
};

// Wraps a transport and injects faults from a seeded random source, so a run is reproducible.
// Not thread-safe.
class FaultInjectingTransport final : public Transport {
public:
    FaultInjectingTransport(Transport& inner, FaultRates rates, std::uint64_t seed)
        : inner_(inner), rates_(rates), random_(seed) {}
    Result<std::string> call(const std::string& endpoint, const std::string& body) override;
    // Delivers every held-back call (their answers are lost, as a late packet's would be).
    void flush_delayed();
    // Turns every fault off or on (a network that is "up" or flaky).
    void set_rates(FaultRates rates) { rates_ = rates; }
    int faults_injected() const { return faults_; }

private:
    bool roll(double p) { return p > 0 && random_.unit() < p; }

    Transport& inner_;
    FaultRates rates_;
    SeededRandom random_;
    std::deque<std::pair<std::string, std::string>> delayed_;
    int faults_ = 0;
};

}  // namespace spmis::sync
