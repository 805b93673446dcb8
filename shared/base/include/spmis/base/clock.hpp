#pragma once
// The environment behind small interfaces so tests can replace it: wall clock and randomness.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "spmis/base/time.hpp"

namespace spmis {

// Current UTC time. Implementations must be thread-safe.
class Clock {
public:
    virtual ~Clock() = default;
    virtual UtcTime now() const = 0;
};

// The real system clock.
class SystemClock final : public Clock {
public:
    UtcTime now() const override;
    static SystemClock& instance();
};

// A clock that only moves when told to (tests, simulations). Not thread-safe.
class FakeClock final : public Clock {
public:
    explicit FakeClock(UtcTime start) : now_(start) {}
    UtcTime now() const override { return now_; }
    void set(UtcTime t) { now_ = t; }
    void advance(std::chrono::microseconds d) { now_ += d; }

private:
    UtcTime now_;
};

// A source of random bytes. Implementations must be thread-safe.
class Random {
public:
    virtual ~Random() = default;
    virtual void fill(std::uint8_t* out, std::size_t n) = 0;
    std::uint64_t next_u64();
};

// libsodium's CSPRNG.
class SecureRandom final : public Random {
public:
    void fill(std::uint8_t* out, std::size_t n) override;
    static SecureRandom& instance();
};

// A deterministic generator for simulations and demo data (splitmix64). Not for secrets.
class SeededRandom final : public Random {
public:
    explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
    void fill(std::uint8_t* out, std::size_t n) override;
    std::uint64_t next();
    // Uniform integer in [lo, hi].
    std::int64_t uniform(std::int64_t lo, std::int64_t hi);
    // Uniform double in [0, 1).
    double unit();

private:
    std::uint64_t state_;
};

}  // namespace spmis
