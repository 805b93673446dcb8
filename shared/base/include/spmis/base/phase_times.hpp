#pragma once
// Wall time per phase of a long operation, for benchmarks and profiling: the product fills it in
// but never prints it.

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace spmis {

// Named phases in first-run order; a phase timed several times (interleaved work) accumulates.
class PhaseTimes {
public:
    using Clock = std::chrono::steady_clock;

    // Adds `seconds` to phase `name` (created at the end when new).
    void add(const std::string& name, double seconds) {
        for (auto& [n, s] : phases_) {
            if (n == name) {
                s += seconds;
                return;
            }
        }
        phases_.emplace_back(name, seconds);
    }
    // Closes the phase that ran since the previous lap (or construction) under `name`.
    void lap(const std::string& name) {
        const auto now = Clock::now();
        add(name, std::chrono::duration<double>(now - mark_).count());
        mark_ = now;
    }
    // Adds every phase of `other` (a step's own breakdown) under `prefix`.
    void merge(const PhaseTimes& other, const std::string& prefix) {
        for (const auto& [n, s] : other.phases_) add(prefix + n, s);
        mark_ = Clock::now();
    }
    // The phases, in order.
    const std::vector<std::pair<std::string, double>>& phases() const { return phases_; }
    // "scan 1.20 s, insert 0.40 s".
    std::string to_string() const {
        std::string out;
        for (const auto& [n, s] : phases_) {
            char figure[32];
            std::snprintf(figure, sizeof figure, " %.3f s", s);
            out += (out.empty() ? "" : ", ") + n + figure;
        }
        return out;
    }

private:
    std::vector<std::pair<std::string, double>> phases_;
    Clock::time_point mark_ = Clock::now();
};

}  // namespace spmis
