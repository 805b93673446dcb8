#include "spmis/json/bounded_reader.hpp"

#include <string>

#include "spmis/base/text.hpp"

namespace spmis::json {
namespace {

using nlohmann::json;

// A SAX pass that counts and checks, keeping nothing but the depth and the last key.
class LimitCheck final : public nlohmann::json_sax<json> {
public:
    explicit LimitCheck(const JsonLimits& limits) : limits_(limits) {}

    bool null() override { return value(); }
    bool boolean(bool /*unused*/) override { return value(); }
    bool number_integer(number_integer_t /*unused*/) override { return value(); }
    bool number_unsigned(number_unsigned_t /*unused*/) override { return value(); }
    bool number_float(number_float_t /*unused*/, const string_t& /*unused*/) override { return value(); }
    bool string(string_t& s) override { return value() && text(s, "string"); }
    bool binary(binary_t& /*unused*/) override { return fail("binary values are not JSON text"); }
    bool start_object(std::size_t /*unused*/) override { return open(); }
    bool key(string_t& k) override {
        key_ = k.substr(0, kKeyShown);
        return value() && text(k, "key");
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t /*unused*/) override { return open(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string& /*token*/,
                     const nlohmann::detail::exception& e) override {
        return fail("malformed JSON at byte " + std::to_string(position) + ": " + e.what());
    }

    const Status& status() const { return status_; }

private:
    // A key longer than this is cut when an error names it.
    static constexpr std::size_t kKeyShown = 64;

    bool value() {
        if (++values_ > limits_.max_values)
            return fail("more than " + std::to_string(limits_.max_values) + " values");
        return true;
    }
    bool open() {
        if (++depth_ > limits_.max_depth)
            return fail("nested deeper than " + std::to_string(limits_.max_depth) + " levels");
        return value();
    }
    bool close() {
        --depth_;
        return true;
    }
    bool text(const std::string& s, const char* what) {
        if (s.size() > limits_.max_string_bytes)
            return fail(std::string("a ") + what + " longer than " +
                        std::to_string(limits_.max_string_bytes) + " bytes");
        const TextProblem p = find_text_problem(s, TextKind::kMultiline);
        if (p.ok()) return true;
        const std::string where = key_.empty() ? std::string(what) : "field '" + key_ + "'";
        return fail(where + ": " + p.reason + " at byte " + std::to_string(p.offset));
    }
    bool fail(std::string message) {
        if (status_.ok()) status_ = make_error(ErrorCode::kInvalidArgument, std::move(message));
        return false;
    }

    const JsonLimits& limits_;
    int depth_ = 0;
    std::size_t values_ = 0;
    std::string key_;
    Status status_;
};

}  // namespace

Status check_bounded_json(std::string_view text, const JsonLimits& limits) {
    if (text.size() > limits.max_total_bytes)
        return make_error(ErrorCode::kInvalidArgument,
                          "JSON text longer than " + std::to_string(limits.max_total_bytes) + " bytes");
    LimitCheck check(limits);
    try {
        const bool ok = json::sax_parse(text, &check);
        if (!ok && check.status().ok()) return make_error(ErrorCode::kInvalidArgument, "malformed JSON");
    } catch (const std::exception& e) {
        return make_error(ErrorCode::kInvalidArgument, std::string("malformed JSON: ") + e.what());
    }
    return check.status();
}

Result<nlohmann::json> read_bounded_json(std::string_view text, const JsonLimits& limits) {
    SPMIS_RETURN_IF_ERROR(check_bounded_json(text, limits));
    try {
        return json::parse(text);
    } catch (const std::exception& e) {
        return make_error(ErrorCode::kInvalidArgument, std::string("malformed JSON: ") + e.what());
    }
}

Result<std::string> dump_json(const nlohmann::json& value) {
    try {
        return value.dump();
    } catch (const std::exception& e) {
        return make_error(ErrorCode::kInternal, std::string("cannot encode JSON: ") + e.what());
    }
}

}  // namespace spmis::json
