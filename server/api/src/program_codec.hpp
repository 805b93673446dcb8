#pragma once
// Programs to and from the API's JSON, and the compile check of their CEL rules (private).

#include <nlohmann/json.hpp>
#include <optional>

#include "spmis/base/status.hpp"
#include "spmis/http/http_message.hpp"
#include "spmis/model/program.hpp"

namespace spmis::api {

// Every field of p.
nlohmann::json program_to_json(const model::Program& p);

// A new program from a create body; kInvalidArgument naming the field otherwise.
Result<model::Program> program_from_json(const nlohmann::json& body);

// Compiles every rule of p with the engine; on failure a 400 whose error names the field and
// carries the engine's message, line and column.
std::optional<http::HttpResponse> check_program_rules(const model::Program& p);

// A membership as JSON.
nlohmann::json membership_to_json(const model::ProgramMembership& m);

}  // namespace spmis::api
