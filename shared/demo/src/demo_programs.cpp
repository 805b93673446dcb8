#include "demo_programs.hpp"

namespace spmis::demo {
namespace {

model::Program program(UuidGenerator& ids, UtcTime now, std::string code, std::string name,
                       model::TargetType target, model::EntitlementKind kind, std::string eligibility) {
    model::Program p;
    p.id = ids.next();
    p.code = std::move(code);
    p.name = std::move(name);
    p.target = target;
    p.kind = kind;
    p.eligibility_cel = std::move(eligibility);
    p.currency = "USD";
    p.created_at = now;
    return p;
}

model::EntitlementRule fixed(std::int64_t value) { return {model::AmountRuleKind::kFixed, value, ""}; }
model::EntitlementRule cel(std::string text) { return {model::AmountRuleKind::kCel, 0, std::move(text)}; }

}  // namespace

std::vector<model::Program> demo_programs(UuidGenerator& ids, UtcTime now) {
    using model::EntitlementKind;
    using model::TargetType;
    std::vector<model::Program> out;

    auto child = program(ids, now, "CHILD_GRANT", "Universal child grant", TargetType::kGroup,
                         EntitlementKind::kCash, "group.members.exists(m, m.age < 5)");
    // USD major units: base 30 + 10 per child under 5 + 5 per member aged 60+.
    child.rule =
        cel("30 + 10 * group.members.filter(m, m.age < 5).size() + "
            "5 * group.members.filter(m, m.age >= 60).size()");
    out.push_back(child);

    auto pension = program(ids, now, "ELDERLY_PENSION", "Elderly social pension", TargetType::kIndividual,
                           EntitlementKind::kCash, "individual.age >= variables.retirement_age");
    pension.rule = fixed(5'000);
    pension.variables = {{"retirement_age", "65"}};
    out.push_back(pension);

    auto relief =
        program(ids, now, "EMERGENCY_RELIEF", "Emergency relief", TargetType::kGroup, EntitlementKind::kCash,
                "group.dependency_ratio > 0.5 && group.vulnerability_score > 3");
    relief.rule = cel("50 + 10 * group.members.size()");
    out.push_back(relief);

    auto cct = program(
        ids, now, "CCT", "Conditional cash transfer for school-age children", TargetType::kGroup,
        EntitlementKind::kCash,
        "group.pmt_score < variables.pmt_cutoff && group.members.exists(m, m.age >= 6 && m.age <= 17)");
    cct.compliance_cel =
        "group.members.filter(m, m.age >= 6 && m.age <= 17).all(m, m.school_enrolled == true)";
    cct.rule = cel("20 * group.members.filter(m, m.age >= 6 && m.age <= 17).size()");
    cct.variables = {{"pmt_cutoff", "25"}};
    out.push_back(cct);

    auto farmer = program(ids, now, "FARMER_SUBSIDY", "Farmer input subsidy", TargetType::kGroup,
                          EntitlementKind::kVoucher,
                          "group.farm_hectares > 0.0 && group.farm_hectares <= variables.max_hectares");
    farmer.rule = fixed(6'000);
    farmer.variables = {{"max_hectares", "2.0"}};
    out.push_back(farmer);

    auto food = program(ids, now, "FOOD_BASKET", "In-kind food basket", TargetType::kGroup,
                        EntitlementKind::kInKind, "group.vulnerability_score >= variables.min_vulnerability");
    food.rule = cel("group.members.size() >= 6 ? 2 : 1");
    food.currency = "";
    food.item = "food basket (25 kg maize, 5 kg beans, 2 l oil)";
    food.quantity = 1;
    food.unit = "basket";
    food.variables = {{"min_vulnerability", "3"}};
    out.push_back(food);
    return out;
}

std::vector<model::Area> demo_areas(UuidGenerator& ids) {
    static const char* const kRegions[] = {"North", "East", "South", "West"};
    static const char* const kDistricts[] = {"Riverside", "Hillcrest", "Lakeview", "Savanna"};
    std::vector<model::Area> out{{ids.next(), "DL", "Demoland", 0, std::nullopt}};
    for (int r = 0; r < 4; ++r) {
        out.push_back({ids.next(), "DL-" + std::to_string(r + 1), kRegions[r], 1, out.front().id});
    }
    for (std::size_t r = 0; r < 4; ++r) {
        for (int d = 0; d < 4; ++d) {
            const auto& region = out[r + 1];
            out.push_back({ids.next(), region.code + "-" + std::to_string(d + 1),
                           std::string(kRegions[r]) + " " + kDistricts[d], 2, region.id});
        }
    }
    return out;
}

std::vector<model::ServicePoint> demo_service_points(UuidGenerator& ids,
                                                     const std::vector<model::Area>& districts,
                                                     const std::vector<model::Program>& programs) {
    std::vector<Uuid> served;
    for (const auto& p : programs) {
        if (p.kind != model::EntitlementKind::kCash) served.push_back(p.id);
    }
    std::vector<model::ServicePoint> out;
    for (std::size_t i = 0; i < districts.size(); i += 3) {  // every third district has a site
        out.push_back({ids.next(), "SP-" + districts[i].code, districts[i].name + " distribution site",
                       districts[i].id, 300 + static_cast<int>(i) * 25, served});
    }
    return out;
}

std::vector<model::DistributionEvent> demo_events(UuidGenerator& ids,
                                                  const std::vector<model::ServicePoint>& sps) {
    std::vector<model::DistributionEvent> out;
    for (const auto& sp : sps) {
        for (const auto& program_id : sp.program_ids) {
            for (int month = 0; month < 2; ++month) {
                Date day = Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{10}} +
                           std::chrono::months{month};
                UtcTime start = start_of(day) + std::chrono::hours(8);
                out.push_back(
                    {ids.next(), sp.id, program_id, std::nullopt, start, start + std::chrono::hours(8)});
            }
        }
    }
    return out;
}

}  // namespace spmis::demo
