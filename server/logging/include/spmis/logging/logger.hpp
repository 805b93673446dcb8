#pragma once
// Structured logs: one JSON object per line {ts, level, msg, request_id, ...fields}, or a text line
// for people at a terminal. Secrets never reach the output: fields with sensitive names are
// masked, and every secret registered for the current request (its password, token, national id)
// is masked wherever it appears, even inside a message a handler wrote.

#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/base/status.hpp"

namespace spmis::logging {

enum class Level { kDebug, kInfo, kWarn, kError };
enum class Format { kJson, kText };

// "debug" | "info" | "warn" | "error".
std::optional<Level> parse_level(std::string_view name);
std::string_view level_name(Level level);

struct LoggerOptions {
    Level level = Level::kInfo;
    std::string format = "auto";  // auto (text when the output is a terminal) | json | text
    std::string file;             // "" = standard error; else appended to (created owner-only)
};

// Thread-safe; each line is written whole.
class Logger {
public:
    // kStorage when the file cannot be opened, kInvalidArgument for an unknown format.
    static Result<std::unique_ptr<Logger>> open(const LoggerOptions& options);
    ~Logger();
    Logger(const Logger&) = delete;
    Logger& operator=(const Logger&) = delete;

    bool enabled(Level level) const { return level >= level_; }
    Format format() const { return format_; }
    // Writes one line (when level is enabled). fields must be an object or null.
    void write(Level level, std::string_view msg, const nlohmann::json& fields);

private:
    Logger(FILE* out, bool owned, Level level, Format format);

    std::mutex mutex_;
    FILE* out_;
    bool owned_;
    Level level_;
    Format format_;
};

// The process-wide logger (standard error, info, auto until install() is called).
Logger& global();
// Replaces the process-wide logger; call before threads log.
void install(std::unique_ptr<Logger> logger);

// Logs through the global logger, adding the current request's id and masking its secrets.
void log(Level level, std::string_view msg, const nlohmann::json& fields = nullptr);

// Gathers a request's secrets (e.g. by scanning its body): worth deferring until a line is written.
using SecretSource = std::function<std::vector<std::string>()>;

// While alive, log() on this thread adds request_id and masks these secrets (thread-local).
class RequestScope {
public:
    // Secrets known up front.
    RequestScope(std::string request_id, std::vector<std::string> secrets);
    // source runs at most once, when the first line that passes the level is written in the scope,
    // so a request that logs nothing never pays for it.
    RequestScope(std::string request_id, SecretSource source);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;
};

// Replaces each secret (at least 3 characters), and any run of 40+ hex digits, in text with "***".
std::string mask_secrets(std::string text, const std::vector<std::string>& secrets);
// True for field names that carry secrets or personal identifiers (password, token, national_id...).
bool is_sensitive_key(std::string_view key);
// A copy of value with sensitive keys' values replaced by "***" and secrets masked in strings.
nlohmann::json redact(const nlohmann::json& value, const std::vector<std::string>& secrets);
// The values of sensitive keys anywhere in a JSON document (to register as secrets).
std::vector<std::string> sensitive_values(const nlohmann::json& document);
// The same values read from JSON text in one pass without building the document; what was read
// before a syntax error when the text is not valid JSON.
std::vector<std::string> sensitive_values(std::string_view json_text);

}  // namespace spmis::logging
