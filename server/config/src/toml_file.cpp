// apply_file: the TOML configuration file, with line numbers in every error.

#include <toml++/toml.h>

#include "spmis/config/server_config.hpp"

namespace spmis::config {
namespace {

Status at(const std::string& path, const toml::source_region& where, const std::string& message) {
    return make_error(ErrorCode::kInvalidArgument,
                      path + ":" + std::to_string(where.begin.line) + ": " + message);
}

bool is_section(const std::string& prefix) {
    for (const OptionSpec& spec : option_specs()) {
        if (spec.key.rfind(prefix + ".", 0) == 0) return true;
    }
    return false;
}

// The value as the option's text form; nullopt when its TOML type is not the option's.
std::optional<std::string> as_text(const toml::node& node, ValueKind kind) {
    switch (kind) {
        case ValueKind::kString:
            if (const auto* s = node.as_string()) return s->get();
            return std::nullopt;
        case ValueKind::kInteger:
            if (const auto* i = node.as_integer()) return std::to_string(i->get());
            return std::nullopt;
        case ValueKind::kBool:
            if (const auto* b = node.as_boolean()) return std::string(b->get() ? "true" : "false");
            return std::nullopt;
    }
    return std::nullopt;
}

std::string_view kind_name(ValueKind kind) {
    switch (kind) {
        case ValueKind::kString: return "a string";
        case ValueKind::kInteger: return "an integer";
        case ValueKind::kBool: return "true or false";
    }
    return "a value";
}

Status apply_table(const std::string& path, const toml::table& table, const std::string& prefix,
                   EffectiveConfig& config) {
    for (const auto& [key, node] : table) {
        const std::string full =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const toml::table* inner = node.as_table()) {
            if (!is_section(full)) return at(path, key.source(), "unknown table '" + full + "'");
            SPMIS_RETURN_IF_ERROR(apply_table(path, *inner, full, config));
            continue;
        }
        const OptionSpec* spec = find_option(full);
        if (spec == nullptr) return at(path, key.source(), "unknown key '" + full + "'");
        const std::optional<std::string> text = as_text(node, spec->kind);
        if (!text)
            return at(path, node.source(),
                      "key '" + full + "': must be " + std::string(kind_name(spec->kind)));
        Status parsed = spec->parse(*text, config.values);
        if (!parsed.ok()) return at(path, node.source(), "key '" + full + "': " + parsed.message());
        config.sources[full] = Source::kFile;
    }
    return {};
}

}  // namespace

Status apply_file(const std::string& path, EffectiveConfig& config) {
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        if (e.source().begin.line == 0)
            return make_error(ErrorCode::kInvalidArgument, path + ": " + std::string(e.description()));
        return at(path, e.source(), std::string(e.description()));
    }
    return apply_table(path, table, "", config);
}

}  // namespace spmis::config
