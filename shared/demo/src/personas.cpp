// The demo personas. Expected eligibility is relative to kDemoReferenceDate (2026-11-01) and the
// program variables of programs.cpp (retirement_age 65, pmt_cutoff 25, max_hectares 2.0,
// min_vulnerability 3). dependency_ratio = (members aged < 18 or >= 60) / max(1, members aged 18..59),
// as the CEL engine computes it.
// Keep docs/personas.md in step with this file.

#include "spmis/demo/personas.hpp"

namespace spmis::demo {
namespace {

using model::GroupMembershipKind;
using model::Sex;
using K = GroupMembershipKind;

std::map<std::string, bool> expect(bool child, bool emergency, bool cct, bool farmer, bool food) {
    return {{"CHILD_GRANT", child},
            {"EMERGENCY_RELIEF", emergency},
            {"CCT", cct},
            {"FARMER_SUBSIDY", farmer},
            {"FOOD_BASKET", food}};
}

std::vector<PersonaHousehold> build() {
    return {
        {"PERSONA-H01",
         "Diallo household",
         "Young mother with a toddler; qualifies for most support.",
         18.0,
         4.2,
         0.0,
         9'000,
         {{"PERSONA-H01-01", "Amina", "Diallo", "1995-04-12", Sex::kFemale, K::kHead, false, ""},
          {"PERSONA-H01-02", "Awa", "Diallo", "2024-03-15", Sex::kFemale, K::kChild, false,
           "age 2: under 5"}},
         // ratio 1/1 = 1.0 > 0.5 and vulnerability 4.2 > 3; no child aged 6-17; no farm land
         expect(true, true, false, false, true)},
        {"PERSONA-H02",
         "Mensah household",
         "Edge case: Yaw turned 5 the day before the reference date.",
         30.0,
         2.5,
         1.5,
         32'000,
         {{"PERSONA-H02-01", "Kofi", "Mensah", "1991-06-02", Sex::kMale, K::kHead, false, ""},
          {"PERSONA-H02-02", "Efua", "Mensah", "1993-09-20", Sex::kFemale, K::kSpouse, false, ""},
          {"PERSONA-H02-03", "Yaw", "Mensah", "2021-10-31", Sex::kMale, K::kChild, false,
           "turned 5 on 2026-10-31: NOT under 5"}},
         // child grant no (age 5); ratio 1/2 = 0.5 and vulnerability 2.5; pmt 30 >= 25; 1.5 ha <= 2.0
         expect(false, false, false, true, false)},
        {"PERSONA-H03",
         "Banda household",
         "Elderly couple: Peter is pensioned, Grace is one day short.",
         20.0,
         3.5,
         2.5,
         6'000,
         {{"PERSONA-H03-01", "Grace", "Banda", "1961-11-02", Sex::kFemale, K::kHead, false,
           "turns 65 on 2026-11-02, one day after the reference date: age 64"},
          {"PERSONA-H03-02", "Peter", "Banda", "1960-05-20", Sex::kMale, K::kSpouse, true, "age 66"}},
         // ratio 2 (both 60+) / max(1, 0) = 2.0 > 0.5, vulnerability 3.5 > 3; 2.5 ha > max 2.0
         expect(false, true, false, false, true)},
        {"PERSONA-H04",
         "Sow household",
         "Moussa turns 65 exactly on the reference date.",
         35.0,
         3.0,
         0.0,
         15'000,
         {{"PERSONA-H04-01", "Moussa", "Sow", "1961-11-01", Sex::kMale, K::kHead, true,
           "65th birthday on 2026-11-01: a birthday on the reference date counts"}},
         // vulnerability exactly 3.0: not > 3 (emergency) but >= 3 (food basket)
         expect(false, false, false, false, true)},
        {"PERSONA-H05",
         "Rahman household",
         "School-age children, low PMT score: the conditional cash transfer.",
         22.0,
         2.0,
         0.8,
         21'000,
         {{"PERSONA-H05-01", "Nadia", "Rahman", "1986-02-14", Sex::kFemale, K::kHead, false, ""},
          {"PERSONA-H05-02", "Samir", "Rahman", "1984-07-30", Sex::kMale, K::kSpouse, false, ""},
          {"PERSONA-H05-03", "Leila", "Rahman", "2014-05-10", Sex::kFemale, K::kChild, false, "age 12"},
          {"PERSONA-H05-04", "Omar", "Rahman", "2020-11-01", Sex::kMale, K::kChild, false,
           "6th birthday on the reference date: age 6, not under 5"}},
         // pmt 22 < 25 with children 6-17; ratio 2/2 = 1.0 but vulnerability 2.0; 0.8 ha
         expect(false, false, true, true, false)},
        {"PERSONA-H06",
         "Okafor household",
         "Edge case: dependency ratio exactly 0.5 is not above 0.5.",
         24.99,
         4.5,
         0.0,
         11'000,
         {{"PERSONA-H06-01", "Chinedu", "Okafor", "1996-03-03", Sex::kMale, K::kHead, false, ""},
          {"PERSONA-H06-02", "Ngozi", "Okafor", "1998-08-08", Sex::kFemale, K::kSpouse, false, ""},
          {"PERSONA-H06-03", "Ada", "Okafor", "2018-01-15", Sex::kFemale, K::kChild, false, "age 8"}},
         // ratio 1/2 = 0.5: NOT > 0.5; pmt 24.99 < 25 with a child aged 8; vulnerability 4.5 >= 3
         expect(false, false, true, false, true)},
        {"PERSONA-H07",
         "Phiri household",
         "The child grant's worked example: two children under 5 and a grandmother of 62.",
         21.0,
         2.8,
         0.0,
         8'000,
         {{"PERSONA-H07-01", "Chikondi", "Phiri", "1998-07-04", Sex::kFemale, K::kHead, false, "age 28"},
          {"PERSONA-H07-02", "Esther", "Phiri", "1964-03-10", Sex::kFemale, K::kOther, false,
           "age 62: 60 or more for the child grant, short of the pension"},
          {"PERSONA-H07-03", "Kondwani", "Phiri", "2025-06-20", Sex::kMale, K::kChild, false, "age 1"},
          {"PERSONA-H07-04", "Thoko", "Phiri", "2023-02-14", Sex::kFemale, K::kChild, false, "age 3"}},
         // child grant 30 + 2 x 10 + 1 x 5 = 55 USD; ratio 3/1 but vulnerability 2.8 (no relief, no
         // basket); no child aged 6-17; no land
         expect(true, false, false, false, false)},
    };
}

}  // namespace

const std::vector<PersonaHousehold>& persona_households() {
    static const std::vector<PersonaHousehold> kPersonas = build();
    return kPersonas;
}

Uuid persona_id(std::size_t household, std::size_t member) {
    // 01900000-0000-7000-8000-HHMM00000000: v7 layout with a fixed 2024 timestamp, readable digits.
    std::array<std::uint8_t, 16> b{0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, 0};
    b[10] = static_cast<std::uint8_t>(household + 1);
    b[11] = static_cast<std::uint8_t>(member);
    return Uuid(b);
}

}  // namespace spmis::demo
