#include "commands/cel_eval_command.hpp"

#include <nlohmann/json.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "spmis/cel/json_value.hpp"
#include "spmis/cel/program.hpp"

namespace spmis::server {
namespace {

nlohmann::json error_line(const std::string& message) { return nlohmann::json{{"error", message}}; }

// Evaluates one input object. The container is accepted but names are not qualified by it
// (namespaces are not supported).
nlohmann::json eval_one(const nlohmann::json& in) {
    if (!in.is_object() || !in.contains("expr") || !in["expr"].is_string()) {
        return error_line("input must be an object with a string \"expr\"");
    }
    cel::CompileOptions options;
    if (in.contains("disable_check")) {
        if (!in["disable_check"].is_boolean()) {
            return error_line("\"disable_check\" must be a bool");
        }
        options.allow_undeclared = in["disable_check"].get<bool>();
    }
    std::vector<cel::Value> bindings;
    if (in.contains("bindings")) {
        if (!in["bindings"].is_object()) {
            return error_line("\"bindings\" must be an object");
        }
        for (const auto& [name, typed] : in["bindings"].items()) {
            auto v = cel::value_from_typed_json(typed);
            if (!v.ok()) {
                return error_line("binding '" + name + "': " + v.status().message());
            }
            options.variables.push_back(name);
            bindings.push_back(*v);
        }
    }
    auto program = cel::Program::compile(in["expr"].get<std::string>(), options);
    if (!program.ok()) {
        return error_line(program.status().message());
    }
    cel::Value result = program->evaluate(bindings);
    if (result.is_error()) {
        return error_line(result.message());
    }
    auto typed = cel::value_to_typed_json(result);
    if (!typed.ok()) {
        return error_line(typed.status().message());
    }
    return nlohmann::json{{"value", *typed}};
}

}  // namespace

std::size_t run_cel_eval(std::istream& in, std::ostream& out) {
    std::size_t count = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        ++count;
        nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
        nlohmann::json answer =
            parsed.is_discarded() ? error_line("invalid JSON input line") : eval_one(parsed);
        out << answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    out.flush();
    return count;
}

void register_cel_command(CLI::App& app) {
    CLI::App* cel = app.add_subcommand("cel", "CEL rule engine tools");
    cel->require_subcommand(1);
    CLI::App* eval = cel->add_subcommand(
        "eval",
        "Evaluate CEL expressions: JSON lines {\"expr\", \"bindings\"} on stdin, one result line each");
    eval->callback([] { run_cel_eval(std::cin, std::cout); });
}

}  // namespace spmis::server
