#pragma once
// Fully populated sample records, so round trips exercise every field.

#include "spmis/store/store.hpp"

namespace spmis::store::testing {

inline Date day(const char* text) { return *parse_date(text); }
inline UtcTime at(const char* text) { return *parse_time(text); }

inline model::Area sample_area(const std::string& code, std::optional<Uuid> parent, int level) {
    return model::Area{new_uuid_v7(), code, "Area " + code, level, parent};
}

inline model::Registrant sample_individual(const std::string& external_id, std::optional<Uuid> area) {
    model::Registrant r;
    r.id = new_uuid_v7();
    r.kind = model::RegistrantKind::kIndividual;
    r.external_id = external_id;
    r.name = "Amina Diallo";
    r.given_name = "Amina";
    r.family_name = "Diallo";
    r.birthdate = day("1988-07-14");
    r.sex = model::Sex::kFemale;
    r.area_id = area;
    r.phone = "+221770000001";
    r.national_id = "NID-" + external_id;
    r.disability = true;
    r.income = Money{45'000, "USD"};
    r.pmt_score = 21.5;
    r.vulnerability_score = 3.75;
    r.attributes = {{"household_roof", model::AttributeType::kText, "thatch"},
                    {"land_hectares", model::AttributeType::kNumber, "1.5"}};
    r.created_at = at("2026-01-02T03:04:05.123456Z");
    r.updated_at = at("2026-02-03T04:05:06Z");
    return r;
}

inline model::Registrant sample_group(const std::string& external_id) {
    model::Registrant g;
    g.id = new_uuid_v7();
    g.kind = model::RegistrantKind::kGroup;
    g.external_id = external_id;
    g.name = "Diallo household";
    g.created_at = at("2026-01-02T03:04:05Z");
    g.updated_at = g.created_at;
    return g;
}

inline model::Program sample_program(const std::string& code) {
    model::Program p;
    p.id = new_uuid_v7();
    p.code = code;
    p.name = "Program " + code;
    p.target = model::TargetType::kGroup;
    p.eligibility_cel = "group.members.exists(m, m.age < 5)";
    p.compliance_cel = "group.school_attendance >= 0.8";
    p.kind = model::EntitlementKind::kCash;
    p.rule = {model::AmountRuleKind::kCel, 0, "30 + 10 * size(group.members)"};
    p.currency = "USD";
    p.variables = {{"retirement_age", "65"}, {"max_children", "4"}};
    p.created_at = at("2026-03-01T00:00:00Z");
    return p;
}

inline model::Cycle sample_cycle(const Uuid& program_id, int sequence) {
    return model::Cycle{new_uuid_v7(),
                        program_id,
                        sequence,
                        "Cycle " + std::to_string(sequence),
                        day("2026-11-01"),
                        day("2026-11-30"),
                        Money{1'000'000, "USD"},
                        model::CycleState::kDraft,
                        at("2026-10-01T08:00:00Z")};
}

// A draft entitlement of `cycle` for `registrant`, valid for the whole cycle; the caller sets what
// its kind carries (amount, quantity, ...).
inline model::Entitlement sample_entitlement(const model::Cycle& cycle, const Uuid& registrant,
                                             model::EntitlementKind kind) {
    model::Entitlement e;
    e.id = new_uuid_v7();
    e.cycle_id = cycle.id;
    e.program_id = cycle.program_id;
    e.registrant_id = registrant;
    e.kind = kind;
    e.amount = Money{0, "USD"};
    e.valid_from = cycle.start_date;
    e.valid_until = cycle.end_date;
    return e;
}

}  // namespace spmis::store::testing
