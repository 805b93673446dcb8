#include "request_generator.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "spmis/base/time.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

// ---- the document's request descriptions -> fields ----

// Tokens of a description: names (quoted or bare), and the punctuation that gives structure.
std::vector<std::string> tokenize(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t j = i;
            while (j < text.size() &&
                   (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_' || text[j] == '-'))
                ++j;
            out.push_back(text.substr(i, j - i));
            i = j;
        } else {
            if (std::string("{}[]:,|()").find(c) != std::string::npos) out.emplace_back(1, c);
            ++i;
        }
    }
    return out;
}

bool ends_with(const std::string& s, const char* tail) { return s.ends_with(tail); }

// The kind a field's name implies when the document gives no type.
FieldKind kind_of_name(const std::string& n) {
    static const std::set<std::string> kDates = {"start", "end", "from", "until", "birthdate", "date", "day"};
    static const std::set<std::string> kInts = {"level",   "budget",           "amount",   "minor_units",
                                                "limit",   "capacity_per_day", "required", "expires_in_hours",
                                                "quantity"};
    if (n == "id" || ends_with(n, "_id") || n == "on_behalf_of") return FieldKind::kId;
    if (ends_with(n, "_ids")) return FieldKind::kIdList;
    if (kDates.count(n) != 0 || ends_with(n, "_date") || ends_with(n, "_on") || ends_with(n, "_from") ||
        ends_with(n, "_until"))
        return FieldKind::kDate;
    if (kInts.count(n) != 0 || ends_with(n, "_count") || ends_with(n, "_units") || ends_with(n, "_hours"))
        return FieldKind::kInteger;
    if (ends_with(n, "_score")) return FieldKind::kNumber;
    if (n == "disability" || n == "active" || n.starts_with("recheck_") || n.starts_with("scale_") ||
        n.starts_with("is_") || n.starts_with("dry_"))
        return FieldKind::kBool;
    if (ends_with(n, "_codes") || n == "users" || n == "roles") return FieldKind::kTextList;
    return FieldKind::kText;
}

// A documented type word ("int", "YYYY-MM-DD", "bool", "id", "uuid") as a kind; kText when unknown.
std::optional<FieldKind> kind_of_type(const std::string& word) {
    if (word == "int" || word == "integer" || word == "minor") return FieldKind::kInteger;
    if (word == "number") return FieldKind::kNumber;
    if (word == "bool" || word == "boolean") return FieldKind::kBool;
    if (word == "id" || word == "uuid") return FieldKind::kId;
    if (word == "YYYY-MM-DD" || word == "date") return FieldKind::kDate;
    return std::nullopt;
}

class FieldParser {
public:
    explicit FieldParser(std::vector<std::string> tokens) : t_(std::move(tokens)) {}

    // Fields until the closing `close` (or the end).
    // A name counts only standing alone between separators: "level: int" is a field, the prose of
    // "minor units" or "id or null" is not.
    std::vector<FieldSpec> fields(const std::string& close) {
        std::vector<FieldSpec> out;
        bool after_separator = true;
        while (i_ < t_.size() && t_[i_] != close) {
            const std::string tok = t_[i_++];
            if (tok == "(") {  // a note in prose ("(YYYY-MM-DD, default today)"): no fields in it
                skip_note();
            } else if (tok == "{" || tok == "[") {  // an anonymous object: its fields are ours
                for (FieldSpec& f : fields(tok == "{" ? "}" : "]")) out.push_back(std::move(f));
                ++i_;
            } else if (after_separator && is_name(tok) &&
                       (i_ >= t_.size() || is_separator(t_[i_]) || t_[i_] == "(" || kind_of_type(t_[i_]))) {
                out.push_back(field(tok));
            }
            after_separator = tok == ",";
        }
        return out;
    }

private:
    static bool is_separator(const std::string& tok) {
        return tok.size() == 1 && std::string("{}[]:,").find(tok) != std::string::npos;
    }

    static bool is_name(const std::string& tok) {
        return std::islower(static_cast<unsigned char>(tok[0])) && tok.find('-') == std::string::npos;
    }

    // Skips to after the ")" closing the note just opened.
    void skip_note() {
        for (int depth = 1; i_ < t_.size() && depth > 0; ++i_)
            depth += t_[i_] == "(" ? 1 : t_[i_] == ")" ? -1 : 0;
    }

    FieldSpec field(const std::string& name) {
        FieldSpec f{name, kind_of_name(name), {}, {}};
        if (i_ < t_.size() && t_[i_] == ":") ++i_;
        if (i_ + 1 < t_.size() && t_[i_] == "(") {  // "reference_date? (YYYY-MM-DD, ...)"
            if (auto k = kind_of_type(t_[i_ + 1])) f.kind = *k;
            ++i_;
            skip_note();
            return f;
        }
        if (i_ >= t_.size()) return f;
        if (t_[i_] == "{") {
            ++i_;
            f.kind = FieldKind::kObject, f.children = fields("}"), ++i_;
        } else if (t_[i_] == "[") {
            ++i_;
            list(f);
        } else if (auto k = kind_of_type(t_[i_])) {
            f.kind = *k, ++i_;
        } else if (i_ + 1 < t_.size() && t_[i_ + 1] == "|") {  // "operation: enroll|pause|..."
            f.values.push_back(t_[i_++]);
            while (i_ + 1 < t_.size() && t_[i_] == "|") f.values.push_back(t_[i_ + 1]), i_ += 2;
        }
        return f;
    }

    void list(FieldSpec& f) {
        if (i_ < t_.size() && t_[i_] == "{") {
            ++i_;
            f.kind = FieldKind::kObjectList, f.children = fields("}"), ++i_;
        } else {
            f.kind = i_ < t_.size() && kind_of_type(t_[i_]) == FieldKind::kId ? FieldKind::kIdList
                                                                              : FieldKind::kTextList;
        }
        while (i_ < t_.size() && t_[i_] != "]") ++i_;
        ++i_;
    }

    std::vector<std::string> t_;
    std::size_t i_ = 0;
};

// "registrant fields: kind, external_id, ..." -> what follows the heading; quoted names only when
// the description quotes its names.
std::string description_body(const std::string& text) {
    const std::size_t colon = text.find(':');
    const std::size_t brace = text.find_first_of("{[\"");
    if (colon != std::string::npos && (brace == std::string::npos || colon < brace))
        return text.substr(colon + 1);
    return text;
}

std::vector<std::string> query_names(const std::string& summary) {
    std::vector<std::string> out;
    const std::regex name("[?&]([a-z_]+)=");
    for (auto it = std::sregex_iterator(summary.begin(), summary.end(), name); it != std::sregex_iterator();
         ++it)
        out.push_back((*it)[1]);
    return out;
}

const std::vector<std::string> kRoles = {"administrator",   "program_manager", "enrollment_officer",
                                         "finance_officer", "program_viewer",  "auditor",
                                         "field_officer"};

}  // namespace

std::vector<FieldSpec> parse_fields(const std::string& description) {
    return FieldParser(tokenize(description_body(description))).fields("");
}

std::vector<Operation> operations_of(const json& openapi) {
    std::vector<Operation> out;
    for (const auto& [path, methods] : openapi.at("paths").items()) {
        for (const auto& [method, op] : methods.items()) {
            Operation o;
            o.method = method;
            for (char& c : o.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            o.pattern = path;
            o.permission = op.value("x-spmis-permission", "");
            o.query = query_names(op.value("summary", ""));
            if (op.contains("requestBody")) {
                const std::string doc = op["requestBody"].value("description", "");
                o.has_body = true;
                o.csv_body = doc == "text/csv";
                o.fields = parse_fields(doc);
            }
            out.push_back(std::move(o));
        }
    }
    return out;
}

RequestGenerator::RequestGenerator(std::uint64_t seed, KnownIds ids, const Clock& clock)
    : random_(seed), ids_(std::move(ids)), clock_(clock) {}

std::size_t RequestGenerator::pick(std::size_t n) {
    return static_cast<std::size_t>(random_.uniform(0, static_cast<std::int64_t>(n) - 1));
}

bool RequestGenerator::chance(int percent) { return random_.uniform(0, 99) < percent; }

http::HttpRequest RequestGenerator::request(const Operation& op) {
    http::HttpRequest r;
    r.method = chance(3) ? (chance(50) ? "DELETE" : "PUT") : op.method;  // 405s too
    r.path = path(op.pattern);
    for (const std::string& name : op.query)
        if (chance(40)) r.query_params[name] = query_value(name);
    if (chance(5)) r.query_params["zz_extra"] = hostile_raw_text();
    r.remote_address = "192.0.2." + std::to_string(1 + pick(250));  // never the test's own logins
    r.request_id = "fuzz";
    if (op.has_body || chance(5)) {
        r.body = op.csv_body ? csv_body() : body(op);
        r.headers["content-type"] = op.csv_body ? "text/csv" : "application/json";
    }
    return r;
}

std::string RequestGenerator::path(const std::string& pattern) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '{') {
            out += pattern[i];
            continue;
        }
        const std::size_t close = pattern.find('}', i);
        const std::string name = pattern.substr(i + 1, close - i - 1);
        // The literal segment before the parameter names its table ("service-points" -> service_points).
        const std::size_t seg = out.rfind('/', out.size() - 2);
        std::string table = out.substr(seg + 1, out.size() - seg - 2);
        std::replace(table.begin(), table.end(), '-', '_');
        out += name == "id" ? id_for(table) : text_for(name);
        i = close;
    }
    return out;
}

void RequestGenerator::learn(const Operation& op, const http::HttpResponse& response) {
    if (response.status >= 300 || op.method != "POST") return;
    const json body = json::parse(response.body, nullptr, false);
    if (!body.is_object() || !body.contains("id") || !body["id"].is_string()) return;
    std::string table = op.pattern.substr(op.pattern.rfind('/') + 1);
    std::replace(table.begin(), table.end(), '-', '_');
    ids_[table].push_back(body["id"].get<std::string>());
}

std::string RequestGenerator::id_for(const std::string& hint) {
    static const std::vector<std::string> kJunk = {"not-an-id",
                                                   "01900000-0000-7000-8000-000000000000",
                                                   "\xFF\xFE",
                                                   "..",
                                                   "%00",
                                                   std::string(300, '9'),
                                                   "0",
                                                   "-1",
                                                   "9223372036854775808"};
    if (chance(15)) return kJunk[pick(kJunk.size())];
    auto it = ids_.find(hint);
    if (it == ids_.end() || it->second.empty() || chance(25)) {
        it = std::next(ids_.begin(), static_cast<std::ptrdiff_t>(pick(ids_.size())));
        if (it->second.empty()) return kJunk[1];
    }
    return it->second[pick(it->second.size())];
}

std::string RequestGenerator::query_value(const std::string& name) {
    if (chance(30)) return hostile_raw_text();
    if (name == "limit") return std::to_string(random_.uniform(-2, 2000));
    if (name == "cursor" || name == "area" || name == "record") return id_for("registrants");
    const FieldKind kind = kind_of_name(name);
    if (kind == FieldKind::kDate) return date_text(400);
    if (kind == FieldKind::kId) return id_for(name.substr(0, name.size() - 3) + "s");
    return text_for(name);
}

std::string RequestGenerator::date_text(int max_days) {
    const auto day = std::chrono::sys_days(date_of(clock_.now())) +
                     std::chrono::days(random_.uniform(-max_days, max_days));
    return format_date(Date(day));
}

std::string RequestGenerator::text_for(const std::string& name) {
    static const std::map<std::string, std::vector<std::string>> kByName = {
        {"kind", {"individual", "group"}},
        {"sex", {"female", "male", "unknown"}},
        {"currency", {"XOF", "EUR", "usd"}},
        {"role", kRoles},
        {"type", {"text", "integer", "number", "boolean", "date"}},
        {"action", {"enrollment", "cycle_approval", "entitlement_approval", "payment_release"}},
        {"operation", {"enroll", "pause", "resume", "exit", "check_eligibility"}},
        {"state", {"active", "paused", "exited", "open", "resolved"}},
        {"status", {"open", "resolved"}},
        {"format", {"csv", "json"}},
        {"disposition", {"rejected", "accepted_flagged"}},
        {"username", {"administrator", "program_manager", "fuzz_user", "auditor"}},
        {"delegate", {"administrator", "program_manager", "finance_officer"}},
    };
    if (auto it = kByName.find(name); it != kByName.end()) return it->second[pick(it->second.size())];
    return name + " " + std::to_string(random_.uniform(0, 999));
}

json RequestGenerator::valid_value(const FieldSpec& f) {
    switch (f.kind) {
        case FieldKind::kInteger: return random_.uniform(0, 5000);
        case FieldKind::kNumber: return random_.unit() * 100.0;
        case FieldKind::kBool: return chance(50);
        case FieldKind::kDate: return date_text(60);
        case FieldKind::kId: return id_for(f.name.substr(0, f.name.size() - 3) + "s");
        case FieldKind::kIdList: return json::array({id_for(f.name.substr(0, f.name.size() - 4) + "s")});
        case FieldKind::kTextList: return json::array({text_for(f.name)});
        case FieldKind::kObject: return valid_object(f.children);
        case FieldKind::kObjectList: return json::array({valid_object(f.children)});
        case FieldKind::kText: break;
    }
    return f.values.empty() ? json(text_for(f.name)) : json(f.values[pick(f.values.size())]);
}

json RequestGenerator::valid_object(const std::vector<FieldSpec>& fields) {
    json out = json::object();
    for (const FieldSpec& f : fields) out[f.name] = valid_value(f);
    return out;
}

std::string RequestGenerator::body(const Operation& op) {
    raw_texts_.clear();
    json value = valid_object(op.fields);
    const int mutations = chance(30) ? 0 : static_cast<int>(random_.uniform(1, 4));
    for (int m = 0; m < mutations; ++m) mutate(value);
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);  // raw bytes: below
    for (std::size_t k = 0; k < raw_texts_.size(); ++k) {  // placeholders -> raw JSON text
        const std::string mark = json("\x01raw" + std::to_string(k)).dump();
        if (const std::size_t at = text.find(mark); at != std::string::npos)
            text.replace(at, mark.size(), raw_texts_[k]);
    }
    if (chance(3)) text.resize(pick(text.size() + 1));  // cut short
    return text;
}

std::string RequestGenerator::raw(const std::string& text) {
    raw_texts_.push_back(text);
    return "\x01raw" + std::to_string(raw_texts_.size() - 1);
}

void RequestGenerator::mutate(json& body) {
    const int kind = static_cast<int>(random_.uniform(0, 9));
    if (kind == 0) {  // the whole body
        static const std::vector<json> kBodies = {
            json::object(), json::array(), nullptr, "text", 42, json::array({json::object()})};
        body = kBodies[pick(kBodies.size())];
        return;
    }
    if (kind == 1 || !body.is_object() || body.empty()) {  // an extra field
        if (body.is_object()) body[chance(50) ? "zz_extra" : text_for("x")] = hostile_value();
        return;
    }
    auto it = std::next(body.begin(), static_cast<std::ptrdiff_t>(pick(body.size())));
    if (kind == 2) {
        body.erase(it);  // a required field missing
    } else if (kind == 3 && it->is_object()) {
        mutate(*it);  // inside a nested object
    } else if (kind == 4 && it->is_array() && !it->empty() && (*it)[0].is_object()) {
        mutate((*it)[0]);
    } else {
        *it = hostile_value();
    }
}

json RequestGenerator::hostile_value() {
    static const std::vector<json> kValues = {json(9223372036854775807LL),
                                              json(-9223372036854775807LL - 1),
                                              json(9223372036854775808ULL),
                                              json(18446744073709551615ULL),
                                              json(1e308),
                                              json(-1e308),
                                              json(-1),
                                              json(0),
                                              json(3.5),
                                              json(-0.0),
                                              json(true),
                                              json(nullptr),
                                              json::array(),
                                              json::object(),
                                              json::array({nullptr}),
                                              json(""),
                                              json("   "),
                                              json(std::string(5000, 'x')),
                                              json("1e999"),
                                              json("0190f0c8-0000-7000-8000-000000000000"),
                                              json("2026-02-30"),
                                              json("0000-00-00"),
                                              json("9999-12-31"),
                                              json("adm\xE2\x80\xAEnimda"),
                                              json("\xE2\x80\x8B"),
                                              json("e\xCC\x81"),
                                              json("\xF0\x9F\x98\x80"),
                                              json("'; DROP TABLE registrants; --"),
                                              json("%_\\"),
                                              json("\x1b[2J")};
    if (chance(35)) return raw(hostile_raw_text());
    return kValues[pick(kValues.size())];
}

// JSON text nlohmann would not write: invalid UTF-8, escapes of lone surrogates and NUL, deep nesting.
std::string RequestGenerator::hostile_raw_text() {
    const std::size_t depth = 10 + pick(3000);
    switch (pick(8)) {
        case 0: return "\"Bad\xFF\xFEName\"";
        case 1: return "\"\\ud800\"";
        case 2: return "\"\\udc00x\\ud83d\"";
        case 3: return "\"a\\u0000b\"";
        case 4: return std::string(depth, '[') + std::string(depth, ']');
        case 5: {
            std::string s;
            for (std::size_t d = 0; d < depth; ++d) s += "{\"a\":";
            return s + "1" + std::string(depth, '}');
        }
        case 6: return "\"\xC0\xAF\xED\xA0\x80\"";  // overlong and encoded surrogate
        default: return "123456789012345678901234567890";
    }
}

std::string RequestGenerator::csv_body() {
    std::string csv =
        "record_type,external_id,household_external_id,membership_kind,name,given_name,family_name,"
        "birthdate,sex,area_code\n";
    const std::size_t rows = pick(5);
    for (std::size_t r = 0; r < rows; ++r) {
        csv += chance(50) ? "individual," : "group,";
        csv += "FZ" + std::to_string(random_.uniform(0, 99999)) + ",,head,";
        csv += chance(30) ? "Bad\xFF\xFE" : "Name";
        csv += chance(20) ? ",\"unterminated" : ",Given,Family," + date_text(20000) + ",female,\n";
    }
    return csv;
}

}  // namespace spmis::test
