// The option table: names, documentation, parsing with range checks, and display.

#include <charconv>

#include "spmis/config/server_config.hpp"

namespace spmis::config {
namespace {

std::string env_name(const std::string& key) {
    std::string env = "SPMIS_";
    for (char c : key)
        env.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return env;
}

Status invalid(const std::string& what) { return make_error(ErrorCode::kInvalidArgument, what); }

OptionSpec string_option(const std::string& key, std::string cli, std::string doc,
                         std::string ServerConfig::*field, bool secret = false) {
    return {key,
            env_name(key),
            std::move(cli),
            ValueKind::kString,
            std::move(doc),
            secret,
            [field](std::string_view text, ServerConfig& c) {
                c.*field = std::string(text);
                return Status{};
            },
            [field](const ServerConfig& c) { return c.*field; }};
}

OptionSpec uint_option(const std::string& key, std::string cli, std::string doc,
                       std::uint64_t ServerConfig::*field, std::uint64_t min, std::uint64_t max) {
    return {key,
            env_name(key),
            std::move(cli),
            ValueKind::kInteger,
            std::move(doc),
            false,
            [field, min, max](std::string_view text, ServerConfig& c) -> Status {
                std::uint64_t value = 0;
                const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
                if (ec != std::errc() || end != text.data() + text.size())
                    return invalid("must be a whole number, got '" + std::string(text) + "'");
                if (value < min || value > max) {
                    return invalid("must be between " + std::to_string(min) + " and " + std::to_string(max) +
                                   ", got " + std::string(text));
                }
                c.*field = value;
                return Status{};
            },
            [field](const ServerConfig& c) { return std::to_string(c.*field); }};
}

OptionSpec bool_option(const std::string& key, std::string cli, std::string doc, bool ServerConfig::*field) {
    return {key,
            env_name(key),
            std::move(cli),
            ValueKind::kBool,
            std::move(doc),
            false,
            [field](std::string_view text, ServerConfig& c) -> Status {
                if (text == "true" || text == "1" || text == "yes") {
                    c.*field = true;
                } else if (text == "false" || text == "0" || text == "no") {
                    c.*field = false;
                } else {
                    return invalid("must be true or false, got '" + std::string(text) + "'");
                }
                return Status{};
            },
            [field](const ServerConfig& c) { return std::string(c.*field ? "true" : "false"); }};
}

OptionSpec choice_option(const std::string& key, std::string cli, std::string doc,
                         std::string ServerConfig::*field, const std::vector<std::string>& choices) {
    OptionSpec spec = string_option(key, std::move(cli), std::move(doc), field);
    spec.parse = [field, choices](std::string_view text, ServerConfig& c) -> Status {
        std::string list;
        for (const std::string& choice : choices) {
            if (text == choice) {
                c.*field = choice;
                return Status{};
            }
            list += (list.empty() ? "" : ", ") + choice;
        }
        return invalid("must be one of " + list + ", got '" + std::string(text) + "'");
    };
    return spec;
}

// HOST:PORT with a port in 0..65535 (0 picks a free port).
Status check_listen(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return invalid("must be HOST:PORT, got '" + std::string(text) + "'");
    const std::string_view port = text.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535)
        return invalid("has no valid port (0-65535): '" + std::string(text) + "'");
    return {};
}

std::vector<OptionSpec> build_specs() {
    std::vector<OptionSpec> specs;
    specs.push_back(string_option("data_dir", "--data", "Data directory (spmis.db, server.key); owner-only",
                                  &ServerConfig::data_dir));
    OptionSpec database = string_option("database", "--database",
                                        "\"sqlite\" (DATA_DIR/spmis.db) or a PostgreSQL URL "
                                        "(postgresql://user@host/db) shared by several nodes",
                                        &ServerConfig::database);
    database.secret = true;  // a URL may carry a password
    database.parse = [](std::string_view text, ServerConfig& c) -> Status {
        if (text != "sqlite" && !text.starts_with("postgresql://") && !text.starts_with("postgres://"))
            return invalid("must be sqlite or a postgresql:// URL, got '" + std::string(text.substr(0, 16)) +
                           "...'");
        c.database = std::string(text);
        return Status{};
    };
    specs.push_back(std::move(database));
    OptionSpec listen = string_option(
        "http.listen", "--listen", "HOST:PORT to listen on; port 0 picks a free port", &ServerConfig::listen);
    listen.parse = [](std::string_view text, ServerConfig& c) -> Status {
        SPMIS_RETURN_IF_ERROR(check_listen(text));
        c.listen = std::string(text);
        return Status{};
    };
    specs.push_back(std::move(listen));
    specs.push_back(uint_option("http.max_body_bytes", "--max-body-bytes", "Largest request body (413 above)",
                                &ServerConfig::max_body_bytes, 1024, 1ULL << 32));
    specs.push_back(uint_option("http.workers", "--workers", "Worker threads running handlers",
                                &ServerConfig::workers, 1, 256));
    specs.push_back(uint_option("http.listener_threads", "--listener-threads", "Threads of the HTTP listener",
                                &ServerConfig::listener_threads, 1, 64));
    specs.push_back(uint_option("http.max_queued_requests", "--max-queued-requests",
                                "Requests waiting for a worker beyond this get 503 at once",
                                &ServerConfig::max_queued_requests, 1, 1'000'000));
    specs.push_back(uint_option("http.drain_timeout_ms", "--drain-timeout-ms",
                                "On SIGTERM, in-flight requests get this long to finish",
                                &ServerConfig::drain_timeout_ms, 0, 600'000));
    specs.push_back(
        bool_option("http.behind_proxy", "--behind-proxy",
                    "Take the client address from X-Forwarded-For (only behind a proxy that sets it)",
                    &ServerConfig::behind_proxy));
    specs.push_back(string_option("tls.cert_file", "--tls-cert", "PEM certificate chain: serve https itself",
                                  &ServerConfig::tls_cert_file));
    specs.push_back(string_option("tls.key_file", "--tls-key", "PEM private key of tls.cert_file",
                                  &ServerConfig::tls_key_file));
    specs.push_back(choice_option("log.level", "--log-level", "Least severe level written",
                                  &ServerConfig::log_level, {"debug", "info", "warn", "error"}));
    specs.push_back(choice_option("log.format", "--log-format",
                                  "json (one object per line), text, or auto (text on a terminal)",
                                  &ServerConfig::log_format, {"auto", "json", "text"}));
    specs.push_back(string_option("log.file", "--log-file",
                                  "Append logs to this file instead of standard error",
                                  &ServerConfig::log_file));
    specs.push_back(uint_option("auth.session_lifetime_s", "--session-lifetime-s",
                                "Seconds a login token stays valid", &ServerConfig::session_lifetime_s, 60,
                                366ULL * 24 * 3600));
    specs.push_back(uint_option("auth.login_free_failures_per_user", "--login-free-failures-per-user",
                                "Failed logins for one username before each further one locks it out",
                                &ServerConfig::login_free_failures_per_user, 1, 1000));
    specs.push_back(uint_option("auth.login_free_failures_per_address", "--login-free-failures-per-address",
                                "Failed logins from one client address before each further one locks it out",
                                &ServerConfig::login_free_failures_per_address, 1, 100'000));
    return specs;
}

}  // namespace

const std::vector<OptionSpec>& option_specs() {
    static const std::vector<OptionSpec> specs = build_specs();
    return specs;
}

const OptionSpec* find_option(std::string_view key) {
    for (const OptionSpec& spec : option_specs()) {
        if (spec.key == key) return &spec;
    }
    return nullptr;
}

}  // namespace spmis::config
