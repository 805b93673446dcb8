#include "row_parser.hpp"
#include "spmis/base/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace spmis::registry_import {
namespace {

using model::RegistrantKind;

const std::vector<std::string> kRequired = {"record_type",     "external_id", "household_external_id",
                                            "membership_kind", "given_name",  "family_name",
                                            "birthdate",       "sex",         "area_code"};
const std::vector<std::string> kOptional = {"name",   "national_id",     "phone",     "disability",
                                            "income", "income_currency", "pmt_score", "vulnerability_score"};
constexpr std::string_view kAttributePrefix = "attr:";

std::optional<double> parse_number(const std::string& text) {
    double v = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc{} || r.ptr != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// "120", "120.5" or "120.50" major units -> minor units (two decimals).
std::optional<std::int64_t> parse_amount(const std::string& text) {
    auto dot = text.find('.');
    std::string whole = text.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
    if (whole.empty() || frac.size() > 2 || (dot != std::string::npos && frac.empty())) return std::nullopt;
    if (!std::all_of(whole.begin(), whole.end(), ::isdigit) ||
        !std::all_of(frac.begin(), frac.end(), ::isdigit) || whole.size() > 15) {
        return std::nullopt;
    }
    frac.resize(2, '0');
    return std::stoll(whole) * 100 + std::stoll(frac);
}

std::optional<bool> parse_flag(const std::string& text) {
    if (text.empty() || text == "0" || text == "false" || text == "no") return false;
    if (text == "1" || text == "true" || text == "yes") return true;
    return std::nullopt;
}

bool valid_attribute_value(model::AttributeType type, const std::string& v) {
    std::int64_t i = 0;
    switch (type) {
        case model::AttributeType::kText: return true;
        case model::AttributeType::kInteger:
            return std::from_chars(v.data(), v.data() + v.size(), i).ptr == v.data() + v.size();
        case model::AttributeType::kNumber: return parse_number(v).has_value();
        case model::AttributeType::kBoolean: return v == "true" || v == "false";
        case model::AttributeType::kDate: return parse_date(v).ok();
    }
    return false;
}

}  // namespace

Result<RowParser> RowParser::from_header(const std::vector<std::string>& header) {
    RowParser p;
    p.header_ = header;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i];
        auto fail = [&](const std::string& why) {
            std::string msg = "line 1, column '" + name + "': ";
            msg += why;
            return make_error(ErrorCode::kInvalidArgument, msg);
        };
        if (!p.index_.emplace(name, i).second) return fail("column appears twice");
        if (name.starts_with(kAttributePrefix)) {
            std::string rest = name.substr(kAttributePrefix.size());
            auto colon = rest.find(':');
            auto type = model::parse_enum<model::AttributeType>(
                colon == std::string::npos ? "text" : rest.substr(colon + 1));
            if (!type.ok()) return fail(type.status().message());
            if (rest.substr(0, colon).empty()) return fail("custom attribute without a name");
            p.attributes_.push_back({i, rest.substr(0, colon), *type});
            continue;
        }
        bool known = std::count(kRequired.begin(), kRequired.end(), name) +
                         std::count(kOptional.begin(), kOptional.end(), name) >
                     0;
        if (!known) return fail("unknown column (see docs/registry-csv.md)");
    }
    for (const auto& name : kRequired) {
        if (p.index_.count(name) == 0) {
            return make_error(ErrorCode::kInvalidArgument,
                              "line 1, column '" + name + "': required column missing");
        }
    }
    std::sort(p.attributes_.begin(), p.attributes_.end(),
              [](const AttributeColumn& a, const AttributeColumn& b) { return a.name < b.name; });
    return p;
}

const std::string& RowParser::field(const std::vector<std::string>& fields, const std::string& column) const {
    static const std::string kEmpty;
    auto it = index_.find(column);
    return it == index_.end() ? kEmpty : fields[it->second];
}

std::optional<ParsedRow> RowParser::parse(std::size_t line, const std::vector<std::string>& f,
                                          std::vector<RowError>& errors) const {
    const std::size_t before = errors.size();
    if (f.size() != header_.size()) {
        std::string column = f.size() < header_.size() ? header_[f.size()] : "#" + std::to_string(f.size());
        errors.push_back({line, column,
                          "row has " + std::to_string(f.size()) + " fields but the header has " +
                              std::to_string(header_.size()) +
                              (f.size() < header_.size() ? " (column missing)" : "")});
        return std::nullopt;
    }
    ParsedRow row;
    row.line = line;
    auto kind = model::parse_enum<RegistrantKind>(field(f, "record_type"));
    if (!kind.ok()) {
        errors.push_back({line, "record_type", kind.status().message()});
        return std::nullopt;
    }
    row.registrant.kind = *kind;
    row.registrant.external_id = field(f, "external_id");
    if (row.registrant.external_id.empty()) errors.push_back({line, "external_id", "must not be empty"});
    row.area_code = field(f, "area_code");
    row.registrant.phone = field(f, "phone");
    parse_person(f, row, errors);
    parse_numbers(f, row, errors);
    parse_attributes(f, row, errors);
    if (errors.size() != before) return std::nullopt;
    return row;
}

void RowParser::parse_person(const std::vector<std::string>& f, ParsedRow& row,
                             std::vector<RowError>& errors) const {
    auto& r = row.registrant;
    const bool group = r.kind == RegistrantKind::kGroup;
    r.given_name = field(f, "given_name");
    r.family_name = field(f, "family_name");
    r.name = field(f, "name");
    r.national_id = field(f, "national_id");
    row.household_external_id = field(f, "household_external_id");
    const std::string& kind = field(f, "membership_kind");
    if (group) {
        if (r.name.empty()) r.name = r.family_name.empty() ? "" : r.family_name + " household";
        if (r.name.empty()) errors.push_back({row.line, "name", "a group needs a name or family_name"});
        if (!row.household_external_id.empty())
            errors.push_back({row.line, "household_external_id", "must be empty for a group"});
    } else {
        if (r.given_name.empty() && r.family_name.empty())
            errors.push_back({row.line, "given_name", "an individual needs a given_name or family_name"});
        if (r.name.empty())
            r.name =
                r.given_name + (r.given_name.empty() || r.family_name.empty() ? "" : " ") + r.family_name;
    }
    // One spelling per name (NFC), as the API stores it.
    for (std::string* name : {&r.name, &r.given_name, &r.family_name}) *name = to_nfc(*name);
    // The reader refused invalid UTF-8 and control characters; a name must also show something.
    if (!r.name.empty()) {
        if (Status s = check_name(r.name, "name"); !s.ok()) errors.push_back({row.line, "name", s.message()});
    }
    if (!row.household_external_id.empty()) {
        auto k = model::parse_enum<model::GroupMembershipKind>(kind);
        if (k.ok())
            row.membership_kind = *k;
        else
            errors.push_back({row.line, "membership_kind", k.status().message()});
    } else if (!kind.empty()) {
        errors.push_back({row.line, "membership_kind", "given without a household_external_id"});
    }
    if (const auto& b = field(f, "birthdate"); !b.empty()) {
        auto d = parse_date(b);
        if (d.ok())
            r.birthdate = *d;
        else
            errors.push_back({row.line, "birthdate", d.status().message()});
    }
    if (const auto& s = field(f, "sex"); !s.empty()) {
        auto sex = model::parse_enum<model::Sex>(s);
        if (sex.ok())
            r.sex = *sex;
        else
            errors.push_back({row.line, "sex", sex.status().message()});
    }
    auto flag = parse_flag(field(f, "disability"));
    if (flag)
        r.disability = *flag;
    else
        errors.push_back({row.line, "disability", "expected true/false, yes/no or 1/0"});
}

void RowParser::parse_numbers(const std::vector<std::string>& f, ParsedRow& row,
                              std::vector<RowError>& errors) const {
    auto& r = row.registrant;
    if (const auto& income = field(f, "income"); !income.empty()) {
        std::string currency = field(f, "income_currency").empty() ? "USD" : field(f, "income_currency");
        auto minor = parse_amount(income);
        if (!minor)
            errors.push_back({row.line, "income", "'" + income + "' is not an amount like 120.50"});
        else if (!is_currency_code(currency))
            errors.push_back({row.line, "income_currency", "'" + currency + "' is not an ISO 4217 code"});
        else
            r.income = Money{*minor, currency};
    }
    for (const char* column : {"pmt_score", "vulnerability_score"}) {
        const auto& text = field(f, column);
        if (text.empty()) continue;
        auto v = parse_number(text);
        if (!v) {
            errors.push_back({row.line, column, "'" + text + "' is not a number"});
            continue;
        }
        (std::string_view(column) == "pmt_score" ? r.pmt_score : r.vulnerability_score) = *v;
    }
}

void RowParser::parse_attributes(const std::vector<std::string>& f, ParsedRow& row,
                                 std::vector<RowError>& errors) const {
    for (const auto& a : attributes_) {
        const std::string& v = f[a.index];
        if (v.empty()) continue;
        if (!valid_attribute_value(a.type, v)) {
            errors.push_back({row.line, header_[a.index],
                              "'" + v + "' is not a valid " + std::string(model::to_string(a.type))});
            continue;
        }
        row.registrant.attributes.push_back({a.name, a.type, v});
    }
}

}  // namespace spmis::registry_import
