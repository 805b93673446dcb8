// Masking: by field name, and by value for secrets registered for the current request.

#include <algorithm>
#include <cctype>

#include "spmis/logging/logger.hpp"

namespace spmis::logging {
namespace {

constexpr const char* kMask = "***";
constexpr std::size_t kMinSecretLength = 3;
// Session tokens are 64 hex digits: any run this long is masked even when nobody registered it.
constexpr std::size_t kMaskedHexRun = 40;

std::string mask_hex_runs(std::string text) {
    std::size_t run_start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i])) != 0) continue;
        if (i - run_start >= kMaskedHexRun) {
            text.replace(run_start, i - run_start, kMask);
            i = run_start + std::string_view(kMask).size();
        }
        run_start = i + 1;
    }
    return text;
}

void collect(const nlohmann::json& value, bool sensitive, std::vector<std::string>& out) {
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) collect(item, sensitive || is_sensitive_key(key), out);
    } else if (value.is_array()) {
        for (const auto& item : value) collect(item, sensitive, out);
    } else if (sensitive && value.is_string()) {
        out.push_back(value.get<std::string>());
    } else if (sensitive && value.is_number()) {
        out.push_back(value.dump());
    }
}

// SAX events to sensitive values: a value is sensitive under a sensitive key, at any depth.
class SensitiveScan final : public nlohmann::json_sax<nlohmann::json> {
public:
    explicit SensitiveScan(std::vector<std::string>& out) : out_(out) {}

    bool null() override { return true; }
    bool boolean(bool /*value*/) override { return true; }
    bool number_integer(number_integer_t value) override { return number(value); }
    bool number_unsigned(number_unsigned_t value) override { return number(value); }
    bool number_float(number_float_t value, const string_t& /*text*/) override { return number(value); }
    bool string(string_t& value) override {
        if (value_sensitive()) out_.push_back(std::move(value));
        return true;
    }
    bool binary(binary_t& /*value*/) override { return true; }
    bool start_object(std::size_t /*elements*/) override { return open(false); }
    bool key(string_t& key) override {
        key_sensitive_ = frames_.back().sensitive || is_sensitive_key(key);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t /*elements*/) override { return open(true); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const nlohmann::detail::exception& /*error*/) override {
        return false;
    }

private:
    struct Frame {
        bool sensitive;
        bool array;
    };

    bool value_sensitive() const {
        if (frames_.empty()) return false;
        return frames_.back().array ? frames_.back().sensitive : key_sensitive_;
    }
    template <typename Number>
    bool number(Number value) {
        if (value_sensitive()) out_.push_back(nlohmann::json(value).dump());
        return true;
    }
    bool open(bool array) {
        frames_.push_back({value_sensitive(), array});
        return true;
    }
    bool close() {
        frames_.pop_back();
        return true;
    }

    std::vector<std::string>& out_;
    std::vector<Frame> frames_;
    bool key_sensitive_ = false;
};

}  // namespace

bool is_sensitive_key(std::string_view key) {
    std::string lower(key);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static constexpr std::string_view kWords[] = {
        "password", "passwd",      "token",      "secret",      "authorization",
        "cookie",   "national_id", "nationalid", "private_key", "enrollment_code"};
    return std::any_of(std::begin(kWords), std::end(kWords),
                       [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

std::string mask_secrets(std::string text, const std::vector<std::string>& secrets) {
    for (const std::string& secret : secrets) {
        if (secret.size() < kMinSecretLength) continue;
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
            text.replace(at, secret.size(), kMask);
        }
    }
    return mask_hex_runs(std::move(text));
}

nlohmann::json redact(const nlohmann::json& value, const std::vector<std::string>& secrets) {
    if (value.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, item] : value.items()) {
            out[mask_secrets(key, secrets)] =
                is_sensitive_key(key) ? nlohmann::json(kMask) : redact(item, secrets);
        }
        return out;
    }
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : value) out.push_back(redact(item, secrets));
        return out;
    }
    if (value.is_string()) return mask_secrets(value.get<std::string>(), secrets);
    return value;
}

std::vector<std::string> sensitive_values(const nlohmann::json& document) {
    std::vector<std::string> out;
    collect(document, false, out);
    return out;
}

std::vector<std::string> sensitive_values(std::string_view json_text) {
    std::vector<std::string> out;
    SensitiveScan scan(out);
    nlohmann::json::sax_parse(json_text, &scan, nlohmann::json::input_format_t::json, false);
    return out;
}

}  // namespace spmis::logging
