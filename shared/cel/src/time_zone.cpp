#include "time_zone.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace spmis::cel {
namespace {

constexpr std::uintmax_t kMaxTzifBytes = 1 << 20;

struct Zone {
    std::vector<std::int64_t> transitions;  // UTC seconds, ascending
    std::vector<std::uint8_t> type_of;      // local time type after each transition
    std::vector<std::int32_t> offsets;      // by local time type
};

std::int64_t read_be(const std::string& d, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) {
        v = (v << 8) | static_cast<unsigned char>(d[at + static_cast<std::size_t>(k)]);
    }
    if (bytes == 4) {
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    }
    return static_cast<std::int64_t>(v);
}

// Parses the 64-bit (version 2+) block of a TZif file; nullptr when malformed.
std::shared_ptr<const Zone> parse_tzif(const std::string& d) {
    constexpr std::size_t kHeader = 44;
    if (d.size() < kHeader || d.compare(0, 4, "TZif") != 0 || d[4] < '2') {
        return nullptr;
    }
    auto counts = [&](std::size_t at, std::int64_t* c) {
        for (int k = 0; k < 6; ++k) c[k] = read_be(d, at + 20 + static_cast<std::size_t>(k) * 4, 4);
    };
    std::int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    counts(0, c);
    std::size_t v1 = static_cast<std::size_t>(c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    std::size_t h2 = kHeader + v1;
    if (d.size() < h2 + kHeader) return nullptr;
    counts(h2, c);
    auto timecnt = static_cast<std::size_t>(c[3]);
    auto typecnt = static_cast<std::size_t>(c[4]);
    std::size_t at = h2 + kHeader;
    if (typecnt == 0 || d.size() < at + timecnt * 9 + typecnt * 6) return nullptr;
    auto zone = std::make_shared<Zone>();
    for (std::size_t i = 0; i < timecnt; ++i) zone->transitions.push_back(read_be(d, at + i * 8, 8));
    at += timecnt * 8;
    for (std::size_t i = 0; i < timecnt; ++i) {
        auto t = static_cast<std::uint8_t>(d[at + i]);
        if (t >= typecnt) return nullptr;
        zone->type_of.push_back(t);
    }
    at += timecnt;
    for (std::size_t i = 0; i < typecnt; ++i) {
        zone->offsets.push_back(static_cast<std::int32_t>(read_be(d, at + i * 6, 4)));
    }
    return zone;
}

bool safe_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.find("..") != std::string_view::npos || name[0] == '/') {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '/' || c == '-' || c == '+';
    });
}

std::shared_ptr<const Zone> load_zone(std::string_view name) {
    static std::mutex mu;
    static std::map<std::string, std::shared_ptr<const Zone>, std::less<>> cache;
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(name); it != cache.end()) {
        return it->second;
    }
    std::shared_ptr<const Zone> zone;
    if (safe_zone_name(name)) {
        // Only regular files of sane size: a directory ("America") would make the stream throw.
        std::filesystem::path path = "/usr/share/zoneinfo/" + std::string(name);
        std::error_code ec;
        std::uintmax_t size =
            std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
        std::ifstream in(path, std::ios::binary);
        if (!ec && size > 0 && size < kMaxTzifBytes && in) {
            std::string data(size, '\0');
            if (in.read(data.data(), static_cast<std::streamsize>(size))) {
                zone = parse_tzif(data);
            }
        }
    }
    if (cache.size() < 512) {
        cache.emplace(std::string(name), zone);
    }
    return zone;
}

bool fixed_offset(std::string_view z, std::int64_t* offset) {
    int sign = 1;
    if (!z.empty() && (z[0] == '+' || z[0] == '-')) {
        sign = z[0] == '-' ? -1 : 1;
        z.remove_prefix(1);
    }
    auto digit = [&](std::size_t i) { return z[i] >= '0' && z[i] <= '9'; };
    if (z.size() != 5 || z[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
        return false;
    }
    int h = (z[0] - '0') * 10 + (z[1] - '0');
    int m = (z[3] - '0') * 10 + (z[4] - '0');
    if (h > 23 || m > 59) {
        return false;
    }
    *offset = sign * (h * 3600 + m * 60);
    return true;
}

}  // namespace

bool utc_offset(std::string_view zone, std::int64_t utc_seconds, std::int64_t* offset) {
    if (zone == "UTC" || zone == "Z" || zone == "GMT") {
        *offset = 0;
        return true;
    }
    if (fixed_offset(zone, offset)) {
        return true;
    }
    auto z = load_zone(zone);
    if (!z) {
        return false;
    }
    auto it = std::upper_bound(z->transitions.begin(), z->transitions.end(), utc_seconds);
    std::size_t type = 0;
    if (it != z->transitions.begin()) {
        type = z->type_of[static_cast<std::size_t>(it - z->transitions.begin()) - 1];
    }
    *offset = z->offsets[type];
    return true;
}

}  // namespace spmis::cel
