#pragma once
// UUIDs (RFC 9562). Ids in spmis are version 7: time-ordered, mintable offline by any device,
// and cheap to insert into B-trees because new ids sort after old ones.

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "spmis/base/clock.hpp"
#include "spmis/base/status.hpp"

namespace spmis {

class Uuid {
public:
    Uuid() = default;  // the nil UUID
    explicit Uuid(const std::array<std::uint8_t, 16>& bytes) : bytes_(bytes) {}

    // Parses the canonical 36-character form (either case); kInvalidArgument otherwise.
    static Result<Uuid> parse(std::string_view text);
    // Canonical lowercase 8-4-4-4-12 form.
    std::string to_string() const;
    const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
    bool is_nil() const;
    int version() const { return bytes_[6] >> 4; }
    // Milliseconds since the Unix epoch embedded in a v7 id.
    std::int64_t unix_millis() const;

    auto operator<=>(const Uuid&) const = default;

private:
    std::array<std::uint8_t, 16> bytes_{};
};

// Mints v7 UUIDs: 48-bit millisecond time, then a 12-bit counter seeded randomly each millisecond
// so ids minted in one process are strictly increasing. Thread-safe.
class UuidGenerator {
public:
    explicit UuidGenerator(Clock& clock, Random& random) : clock_(clock), random_(random) {}
    Uuid next();

private:
    Clock& clock_;
    Random& random_;
    std::mutex mutex_;
    std::int64_t last_millis_ = -1;
    std::uint16_t counter_ = 0;
};

// A process-wide generator on the system clock and libsodium's CSPRNG, read a block at a time.
Uuid new_uuid_v7();

}  // namespace spmis
