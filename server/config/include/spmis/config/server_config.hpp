#pragma once
// The server's configuration: every option has a TOML key, an SPMIS_* environment variable and
// (for serve) a command-line flag. Precedence: command line > environment > file > default.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/auth/tuning.hpp"
#include "spmis/base/status.hpp"
#include "spmis/http/tuning.hpp"

namespace spmis::config {

// Every option's value. Defaults are the tunables of tuning.hpp.
struct ServerConfig {
    std::string data_dir;
    // "sqlite" (DATA_DIR/spmis.db) or a PostgreSQL URL, "postgresql://user@host/db".
    std::string database = "sqlite";
    std::string listen = "127.0.0.1:8080";
    std::uint64_t max_body_bytes = tuning::kHttpMaxBodyBytes;
    std::uint64_t workers = tuning::kHttpWorkerThreads;
    std::uint64_t listener_threads = tuning::kHttpListenerThreads;
    std::uint64_t max_queued_requests = tuning::kHttpMaxQueuedRequests;
    std::uint64_t drain_timeout_ms = static_cast<std::uint64_t>(tuning::kHttpDrainTimeout.count());
    bool behind_proxy = false;
    std::string tls_cert_file;
    std::string tls_key_file;
    std::string log_level = "info";   // debug | info | warn | error
    std::string log_format = "auto";  // auto (text on a terminal, else json) | json | text
    std::string log_file;             // "" = standard error
    std::uint64_t session_lifetime_s = static_cast<std::uint64_t>(tuning::kSessionLifetime.count());
    std::uint64_t login_free_failures_per_user = tuning::kLoginFreeFailuresPerUser;
    std::uint64_t login_free_failures_per_address = tuning::kLoginFreeFailuresPerAddress;
};

// Where an effective value came from.
enum class Source { kDefault, kFile, kEnvironment, kCommandLine };

// "default", "file", "environment", "command line".
std::string_view source_name(Source source);

// The value type of an option (how a TOML value must be written).
enum class ValueKind { kString, kInteger, kBool };

// One option: its names, documentation and how to read and show it.
struct OptionSpec {
    std::string key;  // TOML key, dotted: "http.workers"
    std::string env;  // "SPMIS_HTTP_WORKERS"
    std::string cli;  // serve's flag, "--workers" ("" when none)
    ValueKind kind;
    std::string doc;
    bool secret;  // shown masked by config check
    // Parses text into config; the error message names the constraint, not the option.
    std::function<Status(std::string_view text, ServerConfig& config)> parse;
    std::function<std::string(const ServerConfig& config)> show;
};

// Every option, in documentation order.
const std::vector<OptionSpec>& option_specs();

// The option with this TOML key, or nullptr.
const OptionSpec* find_option(std::string_view key);

// Values plus where each came from.
struct EffectiveConfig {
    ServerConfig values;
    std::map<std::string, Source> sources;  // key -> source; absent = default
};

// Sets one option from text; errors are prefixed with origin ("--workers", "SPMIS_HTTP_WORKERS").
Status apply_value(const OptionSpec& spec, std::string_view text, Source source, const std::string& origin,
                   EffectiveConfig& config);

// Reads a TOML file over config. Errors name the file, line and key: "f.toml:7: key 'http.workers':
// must be between 1 and 256, got 0"; an unknown key or table is an error too.
Status apply_file(const std::string& path, EffectiveConfig& config);

// Applies every SPMIS_* variable that getenv returns (nullptr = unset).
Status apply_environment(const std::function<const char*(const char*)>& getenv, EffectiveConfig& config);

// Where the server keeps its records: the PostgreSQL URL of `database`, or the data directory.
inline const std::string& store_location(const ServerConfig& config) {
    return config.database == "sqlite" ? config.data_dir : config.database;
}

// Checks combinations (TLS cert and key together); data_dir_required for serve.
Status validate(const ServerConfig& config, bool data_dir_required);

// "key = value  # source" per option, secrets masked, TOML-readable.
std::string render(const EffectiveConfig& config);

}  // namespace spmis::config
