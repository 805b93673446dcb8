#include "spmis/model/record_json.hpp"

#include <nlohmann/json.hpp>

namespace spmis::model {
namespace {

template <typename T, typename F>
nlohmann::json optional_json(const std::optional<T>& v, F convert) {
    return v ? nlohmann::json(convert(*v)) : nlohmann::json(nullptr);
}

nlohmann::json attributes_json(const std::vector<CustomAttribute>& attributes) {
    auto out = nlohmann::json::array();
    for (const auto& a : attributes) {
        out.push_back({{"name", a.name}, {"type", std::string(to_string(a.type))}, {"value", a.value}});
    }
    return out;
}

}  // namespace

std::string registrant_json(const Registrant& r) {
    nlohmann::json j = {
        {"id", r.id.to_string()},
        {"kind", std::string(to_string(r.kind))},
        {"external_id", r.external_id},
        {"name", r.name},
        {"given_name", r.given_name},
        {"family_name", r.family_name},
        {"birthdate", optional_json(r.birthdate, format_date)},
        {"sex", std::string(to_string(r.sex))},
        {"area_id", optional_json(r.area_id, [](const Uuid& u) { return u.to_string(); })},
        {"phone", r.phone},
        {"national_id", r.national_id},
        {"disability", r.disability},
        {"income", optional_json(r.income, format_money)},
        {"pmt_score", optional_json(r.pmt_score, [](double d) { return d; })},
        {"vulnerability_score", optional_json(r.vulnerability_score, [](double d) { return d; })},
        {"attributes", attributes_json(r.attributes)},
    };
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string state_json(std::string_view state) { return nlohmann::json{{"state", state}}.dump(); }

}  // namespace spmis::model
