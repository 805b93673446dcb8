#include "spmis/base/uuid.hpp"

#include <cstdio>

#include "spmis/base/block_random.hpp"

namespace spmis {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_dash_position(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

}  // namespace

Result<Uuid> Uuid::parse(std::string_view text) {
    if (text.size() != 36) {
        return make_error(ErrorCode::kInvalidArgument, "not a UUID: '" + std::string(text) + "'");
    }
    std::array<std::uint8_t, 16> bytes{};
    std::size_t out = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (is_dash_position(i)) {
            if (text[i] != '-') break;
            ++i;
            continue;
        }
        int hi = hex_value(text[i]);
        int lo = hex_value(text[i + 1]);
        if (hi < 0 || lo < 0) break;
        bytes[out++] = static_cast<std::uint8_t>(hi * 16 + lo);
        i += 2;
    }
    if (out != 16) {
        return make_error(ErrorCode::kInvalidArgument, "not a UUID: '" + std::string(text) + "'");
    }
    return Uuid(bytes);
}

std::string Uuid::to_string() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
        s.push_back(kHex[bytes_[i] >> 4]);
        s.push_back(kHex[bytes_[i] & 0xF]);
    }
    return s;
}

bool Uuid::is_nil() const {
    for (auto b : bytes_) {
        if (b != 0) return false;
    }
    return true;
}

std::int64_t Uuid::unix_millis() const {
    std::int64_t ms = 0;
    for (std::size_t i = 0; i < 6; ++i) ms = (ms << 8) | bytes_[i];
    return ms;
}

Uuid UuidGenerator::next() {
    std::array<std::uint8_t, 16> b{};
    random_.fill(b.data(), b.size());
    std::int64_t ms = to_unix_micros(clock_.now()) / 1000;
    {
        std::lock_guard lock(mutex_);
        if (ms <= last_millis_) {
            // Same millisecond (or a clock step back): keep order by counting on from the last id.
            ms = last_millis_;
            if (++counter_ > 0x0FFF) {
                ++ms;
                counter_ = 0;
            }
        } else {
            counter_ = static_cast<std::uint16_t>((b[6] << 8 | b[7]) & 0x07FF);  // leave headroom
        }
        last_millis_ = ms;
        b[6] = static_cast<std::uint8_t>(0x70 | (counter_ >> 8));
        b[7] = static_cast<std::uint8_t>(counter_ & 0xFF);
    }
    for (int i = 5; i >= 0; --i) {
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms & 0xFF);
        ms >>= 8;
    }
    b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));
    return Uuid(b);
}

Uuid new_uuid_v7() {
    static BlockRandom random(SecureRandom::instance());
    static UuidGenerator generator(SystemClock::instance(), random);
    return generator.next();
}

}  // namespace spmis
