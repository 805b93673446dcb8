#pragma once
// Requests generated from the server's own OpenAPI document: each operation's path (parameters
// filled with ids the store holds, or with unknown and garbage ones), the query parameters its
// summary names, and a JSON body shaped after its documented request (field names, nesting, arrays
// and the types the document gives or the names imply), then mutated: fields dropped, wrong types,
// extra fields, huge and negative numbers, 2^63, invalid or odd Unicode, deep nesting, empty bodies.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "spmis/base/clock.hpp"
#include "spmis/http/http_message.hpp"

namespace spmis::test {

// What a documented body field holds, from its documented type or its name.
enum class FieldKind {
    kText,
    kInteger,
    kNumber,
    kBool,
    kDate,
    kId,
    kIdList,
    kTextList,
    kObject,
    kObjectList
};

// One documented body field; children for an object or a list of objects.
struct FieldSpec {
    std::string name;
    FieldKind kind = FieldKind::kText;
    std::vector<FieldSpec> children;
    std::vector<std::string> values;  // the documented alternatives ("enroll|pause"), when listed
};

// One operation of the OpenAPI document.
struct Operation {
    std::string method;              // upper case
    std::string pattern;             // "/api/v1/registrants/{id}"
    std::string permission;          // x-spmis-permission
    std::vector<std::string> query;  // parameter names its summary shows ("?name=&limit=")
    bool has_body = false;
    bool csv_body = false;  // documented as text/csv
    std::vector<FieldSpec> fields;
};

// Every operation of an OpenAPI document built by spmis::api::build_openapi.
std::vector<Operation> operations_of(const nlohmann::json& openapi);

// The fields a request description documents ("{\"code\", \"level\": int, \"parent_id\": id or null}").
std::vector<FieldSpec> parse_fields(const std::string& description);

// Ids the store holds, by table ("registrants" -> ["0190...", ...]).
using KnownIds = std::map<std::string, std::vector<std::string>>;

class RequestGenerator {
public:
    RequestGenerator(std::uint64_t seed, KnownIds ids, const Clock& clock);

    // A request for `op` (method, decoded path, query, headers without Authorization, body).
    http::HttpRequest request(const Operation& op);
    // Remembers the id of a record a request created ("id" of a 2xx answer), as a target of later
    // requests on the table its path names last ("/programs/{id}/cycles" -> cycles).
    void learn(const Operation& op, const http::HttpResponse& response);
    // A uniform pick in [0, n).
    std::size_t pick(std::size_t n);
    // True `percent` times in a hundred.
    bool chance(int percent);

private:
    std::string path(const std::string& pattern);
    std::string id_for(const std::string& hint);
    std::string query_value(const std::string& name);
    std::string body(const Operation& op);
    std::string csv_body();
    nlohmann::json valid_value(const FieldSpec& field);
    nlohmann::json valid_object(const std::vector<FieldSpec>& fields);
    std::string text_for(const std::string& name);
    std::string date_text(int max_days);
    void mutate(nlohmann::json& body);
    nlohmann::json hostile_value();
    std::string raw(const std::string& text);  // a placeholder string that body() replaces by `text`
    std::string hostile_raw_text();

    SeededRandom random_;
    KnownIds ids_;
    const Clock& clock_;
    std::vector<std::string> raw_texts_;  // placeholders of the body being built
};

}  // namespace spmis::test
