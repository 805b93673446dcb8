// Applying values from the environment and the command line, validation and display.

#include "spmis/config/server_config.hpp"

namespace spmis::config {

std::string_view source_name(Source source) {
    switch (source) {
        case Source::kDefault: return "default";
        case Source::kFile: return "file";
        case Source::kEnvironment: return "environment";
        case Source::kCommandLine: return "command line";
    }
    return "default";
}

Status apply_value(const OptionSpec& spec, std::string_view text, Source source, const std::string& origin,
                   EffectiveConfig& config) {
    Status parsed = spec.parse(text, config.values);
    if (!parsed.ok()) return make_error(parsed.code(), origin + ": " + parsed.message());
    config.sources[spec.key] = source;
    return {};
}

Status apply_environment(const std::function<const char*(const char*)>& getenv, EffectiveConfig& config) {
    for (const OptionSpec& spec : option_specs()) {
        const char* value = getenv(spec.env.c_str());
        if (value == nullptr) continue;
        SPMIS_RETURN_IF_ERROR(apply_value(spec, value, Source::kEnvironment, spec.env, config));
    }
    return {};
}

Status validate(const ServerConfig& config, bool data_dir_required) {
    if (data_dir_required && config.data_dir.empty())
        return make_error(ErrorCode::kInvalidArgument,
                          "no data directory: give --data, SPMIS_DATA_DIR or data_dir");
    if (config.tls_cert_file.empty() != config.tls_key_file.empty())
        return make_error(ErrorCode::kInvalidArgument, "tls.cert_file and tls.key_file go together");
    return {};
}

std::string render(const EffectiveConfig& config) {
    std::string out;
    for (const OptionSpec& spec : option_specs()) {
        const auto found = config.sources.find(spec.key);
        const Source source = found == config.sources.end() ? Source::kDefault : found->second;
        std::string value = spec.show(config.values);
        if (spec.secret && !value.empty()) {
            value = "\"********\"";
        } else if (spec.kind == ValueKind::kString) {
            value.insert(0, 1, '"').push_back('"');
        }
        out += spec.key + " = " + value + "  # " + std::string(source_name(source)) + "\n";
    }
    return out;
}

}  // namespace spmis::config
