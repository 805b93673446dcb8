#include "spmis/sync/push_read.hpp"

#include <charconv>
#include <cstdint>

#include "json_fields.hpp"
#include "spmis/sync/protocol.hpp"

namespace spmis::sync {
namespace {

using json_fields::contains_float;
using nlohmann::json;

// A position in the body. Every reader skips leading whitespace and answers false on anything it
// does not handle, leaving the decision to the full parser.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    void skip_space() {
        while (at_ < text_.size() &&
               (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t'))
            ++at_;
    }
    bool eat(char c) {
        skip_space();
        if (at_ >= text_.size() || text_[at_] != c) return false;
        ++at_;
        return true;
    }
    bool at_end() {
        skip_space();
        return at_ == text_.size();
    }
    bool eat_null() {
        skip_space();
        if (text_.substr(at_, 4) != "null") return false;
        at_ += 4;
        return true;
    }
    // A string of printable ASCII without escapes (what ids, hashes, times and names of kinds are).
    bool plain(std::string_view& out) {
        if (!eat('"')) return false;
        const std::size_t start = at_;
        for (; at_ < text_.size(); ++at_) {
            const auto c = static_cast<unsigned char>(text_[at_]);
            if (c == '"') break;
            if (c == '\\' || c < 0x20 || c >= 0x80) return false;
        }
        if (at_ >= text_.size()) return false;
        out = text_.substr(start, at_ - start);
        ++at_;
        return true;
    }
    // An integer in JSON's grammar (no leading zeros, no "-0", no fraction or exponent) within int64.
    bool integer(std::int64_t& out) {
        skip_space();
        const std::size_t start = at_;
        if (at_ < text_.size() && text_[at_] == '-') ++at_;
        const std::size_t digits = at_;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
        const std::size_t n = at_ - digits;
        if (n == 0 || (text_[digits] == '0' && (n > 1 || digits > start))) return false;
        if (at_ < text_.size() && (text_[at_] == '.' || text_[at_] == 'e' || text_[at_] == 'E')) return false;
        auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + at_, out);
        return ec == std::errc() && end == text_.data() + at_;
    }
    // The text of one object value nesting at most `max_depth` levels, brackets matched outside
    // strings; parsed later by nlohmann.
    bool object_text(std::string_view& out, int max_depth) {
        skip_space();
        if (at_ >= text_.size() || text_[at_] != '{') return false;
        const std::size_t start = at_;
        int depth = 0;
        bool in_string = false;
        for (; at_ < text_.size(); ++at_) {
            const char c = text_[at_];
            if (in_string) {
                if (c == '\\')
                    ++at_;
                else if (c == '"')
                    in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max_depth) return false;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) break;
            }
        }
        if (at_ >= text_.size()) return false;
        ++at_;
        out = text_.substr(start, at_ - start);
        return true;
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;
};

// Reads `{ "k": v, ... }`, calling member(key) for each; false as soon as anything fails.
template <typename F>
bool read_object(Cursor& c, F member) {
    if (!c.eat('{')) return false;
    if (c.eat('}')) return true;
    do {
        std::string_view key;
        if (!c.plain(key) || !c.eat(':') || !member(key)) return false;
    } while (c.eat(','));
    return c.eat('}');
}

// Marks member `index` seen; false when it was already seen (a repeated member).
bool first_time(std::uint32_t& seen, int index) {
    const std::uint32_t bit = 1U << index;
    if ((seen & bit) != 0) return false;
    seen |= bit;
    return true;
}

bool read_text(Cursor& c, std::string& out) {
    std::string_view text;
    if (!c.plain(text)) return false;
    out.assign(text);
    return true;
}

bool read_uuid(Cursor& c, Uuid& out) {
    std::string_view text;
    if (!c.plain(text)) return false;
    auto id = Uuid::parse(text);
    if (!id.ok()) return false;
    out = *id;
    return true;
}

bool read_optional_uuid(Cursor& c, std::optional<Uuid>& out) {
    if (c.eat_null()) return true;
    Uuid id;
    if (!read_uuid(c, id)) return false;
    out = id;
    return true;
}

bool read_hash(Cursor& c, Hash& out) {
    std::string_view text;
    if (!c.plain(text)) return false;
    auto h = hash_from_hex(std::string(text));
    if (!h.ok()) return false;
    out = *h;
    return true;
}

bool read_time(Cursor& c, UtcTime& out) {
    std::string_view text;
    if (!c.plain(text)) return false;
    auto t = parse_time(std::string(text));
    if (!t.ok()) return false;
    out = *t;
    return true;
}

// Payload and base sit at level 2 of the operation, so they may nest one level less than it.
bool read_json_object(Cursor& c, json& out) {
    std::string_view text;
    if (!c.object_text(text, kOperationMaxDepth - 1)) return false;
    out = json::parse(text, nullptr, false);
    return !out.is_discarded() && out.is_object() && !contains_float(out);
}

bool read_routing(Cursor& c, Routing& r) {
    std::uint32_t seen = 0;
    return read_object(c, [&](std::string_view key) {
        if (key == "service_point") return first_time(seen, 0) && read_optional_uuid(c, r.service_point);
        if (key == "program") return first_time(seen, 1) && read_optional_uuid(c, r.program);
        if (key == "cycle") return first_time(seen, 2) && read_optional_uuid(c, r.cycle);
        if (key == "household") return first_time(seen, 3) && read_optional_uuid(c, r.household);
        return false;
    });
}

bool read_optional_integer(Cursor& c, std::optional<std::int64_t>& out) {
    if (c.eat_null()) return true;
    std::int64_t v = 0;
    if (!c.integer(v)) return false;
    out = v;
    return true;
}

bool read_optional_time(Cursor& c, std::optional<UtcTime>& out) {
    if (c.eat_null()) return true;
    UtcTime t{};
    if (!read_time(c, t)) return false;
    out = t;
    return true;
}

bool read_time_claim(Cursor& c, TimeClaim& t) {
    std::uint32_t seen = 0;
    bool ok = read_object(c, [&](std::string_view key) {
        if (key == "wall") return first_time(seen, 0) && read_time(c, t.wall);
        if (key == "boot_id") return first_time(seen, 1) && read_text(c, t.boot_id);
        if (key == "monotonic_ms") return first_time(seen, 2) && c.integer(t.monotonic_ms);
        if (key == "anchor_server_time")
            return first_time(seen, 3) && read_optional_time(c, t.anchor_server_time);
        if (key == "anchor_monotonic_ms")
            return first_time(seen, 4) && read_optional_integer(c, t.anchor_monotonic_ms);
        return false;
    });
    return ok && (seen & 0x7U) == 0x7U;
}

bool read_bounded(Cursor& c, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
    return c.integer(out) && out >= lo && out <= hi;
}

// One member of an operation; `seen` collects which of the 13 members were read.
bool read_op_member(Cursor& c, std::string_view key, Operation& op, std::uint32_t& seen) {
    std::int64_t n = 0;
    if (key == "device_id") return first_time(seen, 0) && read_uuid(c, op.device_id);
    if (key == "device_seq") {
        if (!first_time(seen, 1) || !read_bounded(c, 1, INT64_MAX, n)) return false;
        op.device_seq = static_cast<std::uint64_t>(n);
        return true;
    }
    if (key == "prev_hash") return first_time(seen, 2) && read_hash(c, op.prev_hash);
    if (key == "op_type") return first_time(seen, 3) && read_text(c, op.op_type);
    if (key == "op_version") {
        if (!first_time(seen, 4) || !read_bounded(c, 1, 1'000, n)) return false;
        op.op_version = static_cast<int>(n);
        return true;
    }
    if (key == "record_kind") return first_time(seen, 5) && read_text(c, op.record_kind);
    if (key == "record_id") return first_time(seen, 6) && read_uuid(c, op.record_id);
    if (key == "routing") return first_time(seen, 7) && read_routing(c, op.routing);
    if (key == "payload") return first_time(seen, 8) && read_json_object(c, op.payload);
    if (key == "base") return first_time(seen, 9) && read_json_object(c, op.base);
    if (key == "officer_id") return first_time(seen, 10) && read_text(c, op.officer_id);
    if (key == "time_claim") return first_time(seen, 11) && read_time_claim(c, op.time_claim);
    if (key == "hash") return first_time(seen, 12) && read_hash(c, op.hash);
    return false;
}

bool read_op(Cursor& c, Operation& op) {
    std::uint32_t seen = 0;
    bool ok = read_object(c, [&](std::string_view key) { return read_op_member(c, key, op, seen); });
    return ok && seen == (1U << 13) - 1;
}

bool read_ops(Cursor& c, std::vector<Operation>& ops) {
    if (!c.eat('[')) return false;
    if (c.eat(']')) return true;
    do {
        if (!read_op(c, ops.emplace_back())) return false;
    } while (c.eat(','));
    return c.eat(']');
}

}  // namespace

std::optional<PushRequest> read_push_fast(std::string_view body) {
    Cursor c(body);
    PushRequest m;
    std::uint32_t seen = 0;
    bool ok = read_object(c, [&](std::string_view key) {
        std::int64_t protocol = 0;
        if (key == "protocol")
            return first_time(seen, 0) && c.integer(protocol) && protocol == kProtocolVersion;
        if (key == "device_id") return first_time(seen, 1) && read_uuid(c, m.device_id);
        if (key == "signature") return first_time(seen, 2) && read_text(c, m.signature_hex);
        if (key == "ops") return first_time(seen, 3) && read_ops(c, m.ops);
        return false;
    });
    if (!ok || seen != 0xFU || !c.at_end()) return std::nullopt;
    return m;
}

}  // namespace spmis::sync
