// Programs: decoding with named-field errors, and the CEL compile check that refuses a rule the
// engine cannot compile with its message and position.

#include "program_codec.hpp"

#include "field_codec.hpp"

#include "spmis/api/json_io.hpp"
#include "spmis/cel/logic_pack.hpp"
#include "spmis/cel/program.hpp"
#include "spmis/cel/registrant_binding.hpp"

namespace spmis::api {
namespace {

using nlohmann::json;

using field_codec::bad;
using field_codec::enumeration;
using field_codec::text;

Status rule(const json& j, model::EntitlementRule* out) {
    if (!j.contains("entitlement_rule")) return bad("entitlement_rule", "is required");
    const json& r = j["entitlement_rule"];
    if (!r.is_object())
        return bad("entitlement_rule", "must be {\"kind\": \"fixed\"|\"cel\", \"value\" or \"cel\"}");
    SPMIS_RETURN_IF_ERROR(enumeration(r, "kind", &out->kind));
    if (out->kind == model::AmountRuleKind::kFixed) {
        if (!r.contains("value") || !r["value"].is_number_integer() || r["value"].get<std::int64_t>() < 0)
            return bad("entitlement_rule.value", "must be an integer >= 0 (minor units or units)");
        out->fixed_value = r["value"].get<std::int64_t>();
    } else {
        SPMIS_RETURN_IF_ERROR(text(r, "cel", &out->cel));
        if (out->cel.empty()) return bad("entitlement_rule.cel", "is required for a cel rule");
    }
    return {};
}

Status variables(const json& j, std::map<std::string, std::string>* out) {
    if (!j.contains("variables")) return {};
    if (!j["variables"].is_object()) return bad("variables", "must be an object of name -> CEL text");
    for (const auto& item : j["variables"].items()) {
        if (!item.value().is_string()) return bad("variables." + item.key(), "must be a CEL text string");
        (*out)[item.key()] = item.value().get<std::string>();
    }
    return {};
}

std::optional<http::HttpResponse> compile(const std::string& field, const std::string& source,
                                          const cel::CompileOptions& options) {
    cel::CompileError error;
    Result<cel::Program> compiled = cel::Program::compile(source, options, &error);
    if (compiled.ok()) return std::nullopt;
    json body = {{"error",
                  {{"code", "invalid_argument"},
                   {"message", "field '" + field + "' does not compile: " + error.message},
                   {"field", field},
                   {"line", error.line},
                   {"column", error.column},
                   {"detail", error.rendered}}}};
    return json_response(400, body);
}

}  // namespace

json program_to_json(const model::Program& p) {
    json rule = {{"kind", std::string(model::to_string(p.rule.kind))}};
    if (p.rule.kind == model::AmountRuleKind::kFixed)
        rule["value"] = p.rule.fixed_value;
    else
        rule["cel"] = p.rule.cel;
    return {{"id", p.id.to_string()},
            {"code", p.code},
            {"name", p.name},
            {"target", std::string(model::to_string(p.target))},
            {"state", std::string(model::to_string(p.state))},
            {"eligibility_cel", p.eligibility_cel},
            {"compliance_cel", p.compliance_cel},
            {"kind", std::string(model::to_string(p.kind))},
            {"entitlement_rule", rule},
            {"currency", p.currency},
            {"item", p.item},
            {"quantity", p.quantity},
            {"unit", p.unit},
            {"variables", p.variables},
            {"created_at", format_time(p.created_at)}};
}

Result<model::Program> program_from_json(const json& body) {
    SPMIS_RETURN_IF_ERROR(reject_unknown_fields(
        body, {"code", "name", "target", "eligibility_cel", "compliance_cel", "kind", "entitlement_rule",
               "currency", "item", "quantity", "unit", "variables"}));
    model::Program p;
    SPMIS_RETURN_IF_ERROR(text(body, "code", &p.code));
    SPMIS_RETURN_IF_ERROR(text(body, "name", &p.name));
    SPMIS_RETURN_IF_ERROR(enumeration(body, "target", &p.target));
    SPMIS_RETURN_IF_ERROR(text(body, "eligibility_cel", &p.eligibility_cel));
    SPMIS_RETURN_IF_ERROR(text(body, "compliance_cel", &p.compliance_cel));
    SPMIS_RETURN_IF_ERROR(enumeration(body, "kind", &p.kind));
    SPMIS_RETURN_IF_ERROR(rule(body, &p.rule));
    SPMIS_RETURN_IF_ERROR(text(body, "currency", &p.currency));
    SPMIS_RETURN_IF_ERROR(text(body, "item", &p.item));
    SPMIS_RETURN_IF_ERROR(text(body, "unit", &p.unit));
    if (body.contains("quantity")) {
        if (!body["quantity"].is_number() || body["quantity"].get<double>() < 0)
            return bad("quantity", "must be a number >= 0");
        p.quantity = body["quantity"].get<double>();
    }
    SPMIS_RETURN_IF_ERROR(variables(body, &p.variables));
    if (p.code.empty()) return bad("code", "is required");
    if (p.name.empty()) return bad("name", "is required");
    if (p.eligibility_cel.empty()) return bad("eligibility_cel", "is required");
    if (p.kind != model::EntitlementKind::kInKind && !is_currency_code(p.currency))
        return bad("currency", "must be an ISO 4217 code for cash and voucher programs");
    if (p.kind == model::EntitlementKind::kInKind && p.item.empty())
        return bad("item", "is required for in-kind programs");
    return p;
}

std::optional<http::HttpResponse> check_program_rules(const model::Program& p) {
    cel::LogicPack overrides("program");
    for (const auto& [name, source] : p.variables) overrides.define(name, source);
    const cel::LogicPack pack = cel::LogicPack::standard_household().with_overrides(overrides);
    const cel::CompileOptions options = p.target == model::TargetType::kGroup
                                            ? cel::group_rule_options(&pack)
                                            : cel::individual_rule_options(&pack);
    if (auto refused = compile("eligibility_cel", p.eligibility_cel, options)) return refused;
    if (!p.compliance_cel.empty()) {
        if (auto refused = compile("compliance_cel", p.compliance_cel, options)) return refused;
    }
    if (p.rule.kind == model::AmountRuleKind::kCel)
        return compile("entitlement_rule.cel", p.rule.cel, options);
    return std::nullopt;
}

json membership_to_json(const model::ProgramMembership& m) {
    auto date = [](const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); };
    return {{"id", m.id.to_string()},
            {"program_id", m.program_id.to_string()},
            {"registrant_id", m.registrant_id.to_string()},
            {"state", std::string(model::to_string(m.state))},
            {"enrollment_date", date(m.enrollment_date)},
            {"exit_date", date(m.exit_date)},
            {"created_at", format_time(m.created_at)},
            {"updated_at", format_time(m.updated_at)}};
}

}  // namespace spmis::api
