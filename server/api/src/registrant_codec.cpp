// Field-by-field decoding so that a wrong type names the field instead of throwing.

#include "registrant_codec.hpp"

#include "field_codec.hpp"

#include <string>

#include "spmis/base/text.hpp"
#include "spmis/model/record_json.hpp"

namespace spmis::api {
namespace {

using nlohmann::json;

using field_codec::bad;
using field_codec::enumeration;
using field_codec::text;

Status score(const json& j, const char* key, std::optional<double>* out) {
    if (!j.contains(key)) return {};
    if (j[key].is_null()) return *out = std::nullopt, Status{};
    if (!j[key].is_number()) return bad(key, "must be a number or null");
    *out = j[key].get<double>();
    return {};
}

Status birthdate(const json& j, std::optional<Date>* out) {
    if (!j.contains("birthdate")) return {};
    if (j["birthdate"].is_null()) return *out = std::nullopt, Status{};
    if (!j["birthdate"].is_string()) return bad("birthdate", "must be a YYYY-MM-DD string or null");
    Result<Date> d = parse_date(j["birthdate"].get<std::string>());
    if (!d.ok()) return bad("birthdate", d.status().message());
    *out = *d;
    return {};
}

Status income(const json& j, std::optional<Money>* out) {
    if (!j.contains("income")) return {};
    const json& v = j["income"];
    if (v.is_null()) return *out = std::nullopt, Status{};
    if (!v.is_object() || !v.contains("minor_units") || !v["minor_units"].is_number_integer() ||
        !v.contains("currency") || !v["currency"].is_string()) {
        return bad("income", "must be {\"minor_units\": integer, \"currency\": code} or null");
    }
    Money m{v["minor_units"].get<std::int64_t>(), v["currency"].get<std::string>()};
    if (!is_currency_code(m.currency)) return bad("income", "has an invalid currency code");
    *out = m;
    return {};
}

Status attributes(const json& j, std::vector<model::CustomAttribute>* out) {
    if (!j.contains("attributes")) return {};
    if (!j["attributes"].is_array()) return bad("attributes", "must be an array");
    std::vector<model::CustomAttribute> parsed;
    for (const json& a : j["attributes"]) {
        if (!a.is_object()) return bad("attributes", "must hold objects {name, type, value}");
        model::CustomAttribute attribute;
        SPMIS_RETURN_IF_ERROR(text(a, "name", &attribute.name));
        SPMIS_RETURN_IF_ERROR(enumeration(a, "type", &attribute.type));
        SPMIS_RETURN_IF_ERROR(text(a, "value", &attribute.value));
        if (attribute.name.empty()) return bad("attributes", "has an attribute without a name");
        parsed.push_back(std::move(attribute));
    }
    *out = std::move(parsed);
    return {};
}

}  // namespace

json registrant_to_json(const model::Registrant& r) {
    json out = json::parse(model::registrant_json(r));
    if (r.income) out["income"] = {{"minor_units", r.income->minor_units}, {"currency", r.income->currency}};
    out["created_at"] = format_time(r.created_at);
    out["updated_at"] = format_time(r.updated_at);
    return out;
}

Result<std::optional<Uuid>> optional_uuid_field(const json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::optional<Uuid>();
    if (!j[key].is_string()) return bad(key, "must be an id string or null");
    Result<Uuid> id = Uuid::parse(j[key].get<std::string>());
    if (!id.ok()) return bad(key, "is not a valid id");
    return std::optional<Uuid>(*id);
}

Status apply_registrant_fields(const json& body, bool allow_kind, model::Registrant* r) {
    for (const auto& item : body.items()) {
        static const char* const kKnown[] = {"kind",        "external_id",         "name",       "given_name",
                                             "family_name", "birthdate",           "sex",        "area_id",
                                             "phone",       "national_id",         "disability", "income",
                                             "pmt_score",   "vulnerability_score", "attributes"};
        bool known = false;
        for (const char* k : kKnown) known = known || item.key() == k;
        if (!known || (item.key() == "kind" && !allow_kind)) return bad(item.key(), "is not accepted here");
    }
    SPMIS_RETURN_IF_ERROR(enumeration(body, "kind", &r->kind));
    SPMIS_RETURN_IF_ERROR(text(body, "external_id", &r->external_id));
    SPMIS_RETURN_IF_ERROR(text(body, "name", &r->name));
    SPMIS_RETURN_IF_ERROR(text(body, "given_name", &r->given_name));
    SPMIS_RETURN_IF_ERROR(text(body, "family_name", &r->family_name));
    SPMIS_RETURN_IF_ERROR(birthdate(body, &r->birthdate));
    SPMIS_RETURN_IF_ERROR(enumeration(body, "sex", &r->sex));
    if (body.contains("area_id")) {
        SPMIS_ASSIGN_OR_RETURN(r->area_id, optional_uuid_field(body, "area_id"));
    }
    SPMIS_RETURN_IF_ERROR(text(body, "phone", &r->phone));
    SPMIS_RETURN_IF_ERROR(text(body, "national_id", &r->national_id));
    if (body.contains("disability")) {
        if (!body["disability"].is_boolean()) return bad("disability", "must be a boolean");
        r->disability = body["disability"].get<bool>();
    }
    SPMIS_RETURN_IF_ERROR(income(body, &r->income));
    SPMIS_RETURN_IF_ERROR(score(body, "pmt_score", &r->pmt_score));
    SPMIS_RETURN_IF_ERROR(score(body, "vulnerability_score", &r->vulnerability_score));
    SPMIS_RETURN_IF_ERROR(attributes(body, &r->attributes));
    if (r->name.empty() && r->kind == model::RegistrantKind::kIndividual) {
        r->name =
            r->given_name + (r->given_name.empty() || r->family_name.empty() ? "" : " ") + r->family_name;
    }
    if (r->name.empty()) return bad("name", "must not be empty (or give given_name/family_name)");
    // A name shows something and holds no control or direction characters (the body reader already
    // refused invalid UTF-8 and NUL in every string).
    SPMIS_RETURN_IF_ERROR(check_name(r->name, "name"));
    for (auto [key, value] :
         {std::pair{"given_name", &r->given_name}, std::pair{"family_name", &r->family_name},
          std::pair{"national_id", &r->national_id}, std::pair{"phone", &r->phone}}) {
        SPMIS_RETURN_IF_ERROR(check_text(*value, key));
    }
    // One spelling per name (NFC): a decomposed "José" is stored, searched and matched as the composed one.
    for (std::string* name : {&r->name, &r->given_name, &r->family_name}) *name = to_nfc(*name);
    return {};
}

}  // namespace spmis::api
