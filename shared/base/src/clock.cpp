#include "spmis/base/clock.hpp"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace spmis {

UtcTime SystemClock::now() const {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

SystemClock& SystemClock::instance() {
    static SystemClock clock;
    return clock;
}

std::uint64_t Random::next_u64() {
    std::uint64_t v = 0;
    fill(reinterpret_cast<std::uint8_t*>(&v), sizeof v);
    return v;
}

void SecureRandom::fill(std::uint8_t* out, std::size_t n) { randombytes_buf(out, n); }

SecureRandom& SecureRandom::instance() {
    static SecureRandom random = [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
        return SecureRandom{};
    }();
    return random;
}

std::uint64_t SeededRandom::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void SeededRandom::fill(std::uint8_t* out, std::size_t n) {
    while (n > 0) {
        std::uint64_t v = next();
        std::size_t k = n < sizeof v ? n : sizeof v;
        std::memcpy(out, &v, k);
        out += k;
        n -= k;
    }
}

std::int64_t SeededRandom::uniform(std::int64_t lo, std::int64_t hi) {
    auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(span == 0 ? next() : next() % span);
}

double SeededRandom::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

}  // namespace spmis
