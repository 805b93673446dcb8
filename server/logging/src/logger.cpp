// The logger: formatting, the process-wide instance and the per-request scope.

#include "spmis/logging/logger.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <utility>

namespace spmis::logging {
namespace {

struct RequestContext {
    std::string request_id;
    std::vector<std::string> secrets;
    SecretSource pending;  // adds to secrets before the first line is written
    bool active = false;
};

thread_local RequestContext current_request;

std::unique_ptr<Logger>& global_slot() {
    static std::unique_ptr<Logger> logger = Logger::open(LoggerOptions{}).value();
    return logger;
}

// RFC 3339 UTC with milliseconds.
std::string timestamp() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[40];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buffer, static_cast<int>(ms));
    return out;
}

std::string text_line(const nlohmann::json& line) {
    std::string out = line["ts"].get<std::string>() + " " + line["level"].get<std::string>() + " " +
                      line["msg"].get<std::string>();
    for (const auto& [key, value] : line.items()) {
        if (key == "ts" || key == "level" || key == "msg") continue;
        out += " " + key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
    }
    return out;
}

}  // namespace

std::optional<Level> parse_level(std::string_view name) {
    if (name == "debug") return Level::kDebug;
    if (name == "info") return Level::kInfo;
    if (name == "warn") return Level::kWarn;
    if (name == "error") return Level::kError;
    return std::nullopt;
}

std::string_view level_name(Level level) {
    switch (level) {
        case Level::kDebug: return "debug";
        case Level::kInfo: return "info";
        case Level::kWarn: return "warn";
        case Level::kError: return "error";
    }
    return "info";
}

Result<std::unique_ptr<Logger>> Logger::open(const LoggerOptions& options) {
    FILE* out = stderr;
    bool owned = false;
    if (!options.file.empty()) {
        const mode_t old_mask = ::umask(077);
        out = std::fopen(options.file.c_str(), "a");
        ::umask(old_mask);
        if (out == nullptr) return make_error(ErrorCode::kStorage, "cannot open log file " + options.file);
        owned = true;
    }
    Format format = Format::kJson;
    if (options.format == "text" || (options.format == "auto" && ::isatty(::fileno(out)) == 1)) {
        format = Format::kText;
    } else if (options.format != "json" && options.format != "auto") {
        if (owned) std::fclose(out);
        return make_error(ErrorCode::kInvalidArgument, "log format must be auto, json or text");
    }
    return std::unique_ptr<Logger>(new Logger(out, owned, options.level, format));
}

Logger::Logger(FILE* out, bool owned, Level level, Format format)
    : out_(out), owned_(owned), level_(level), format_(format) {}

Logger::~Logger() {
    if (owned_) std::fclose(out_);
}

void Logger::write(Level level, std::string_view msg, const nlohmann::json& fields) {
    if (!enabled(level)) return;
    nlohmann::json line = {{"ts", timestamp()}, {"level", level_name(level)}, {"msg", msg}};
    if (fields.is_object()) {
        for (const auto& [key, value] : fields.items()) line[key] = value;
    }
    const std::string text =
        (format_ == Format::kJson ? line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                                  : text_line(line)) +
        "\n";
    std::lock_guard<std::mutex> lock(mutex_);
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
}

Logger& global() { return *global_slot(); }

void install(std::unique_ptr<Logger> logger) {
    if (logger) global_slot() = std::move(logger);
}

void log(Level level, std::string_view msg, const nlohmann::json& fields) {
    Logger& logger = global();
    if (!logger.enabled(level)) return;
    nlohmann::json all = fields.is_object() ? fields : nlohmann::json::object();
    if (current_request.active && !all.contains("request_id")) all["request_id"] = current_request.request_id;
    if (current_request.pending) {
        // Taken out first: a source that logs must not run itself again.
        const SecretSource source = std::exchange(current_request.pending, nullptr);
        for (std::string& secret : source()) current_request.secrets.push_back(std::move(secret));
    }
    const std::vector<std::string>& secrets = current_request.secrets;
    logger.write(level, mask_secrets(std::string(msg), secrets), redact(all, secrets));
}

RequestScope::RequestScope(std::string request_id, std::vector<std::string> secrets) {
    current_request = RequestContext{std::move(request_id), std::move(secrets), nullptr, true};
}

RequestScope::RequestScope(std::string request_id, SecretSource source) {
    current_request = RequestContext{std::move(request_id), {}, std::move(source), true};
}

RequestScope::~RequestScope() { current_request = RequestContext{}; }

}  // namespace spmis::logging
