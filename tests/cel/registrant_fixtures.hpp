#pragma once
// Hand-built households for the rule tests. Reference date 2025-06-15.

#include <chrono>

#include "spmis/cel/registrant.hpp"

namespace spmis::cel::testing {

inline Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline const Date kReference = ymd(2025, 6, 15);

inline Uuid id_of(std::uint8_t n) {
    std::array<std::uint8_t, 16> b{};
    b[15] = n;
    return Uuid(b);
}

inline IndividualRecord person(std::uint8_t id, Date birth, Sex sex, MembershipKind kind, double income = 0) {
    IndividualRecord r;
    r.id = id_of(id);
    r.birthdate = birth;
    r.sex = sex;
    r.membership = kind;
    r.income = income;
    return r;
}

// Female head (35), two children under 5 (2 and 4), one elder (70): child grant, emergency
// relief at vulnerability 4, entitlement 30 + 2*10 + 5 = 55.
inline HouseholdRecord family_with_young_children() {
    HouseholdRecord h;
    h.id = id_of(100);
    h.members = {person(1, ymd(1990, 3, 1), Sex::kFemale, MembershipKind::kHead, 120.0),
                 person(2, ymd(2023, 1, 10), Sex::kMale, MembershipKind::kChild),
                 person(3, ymd(2021, 1, 1), Sex::kFemale, MembershipKind::kChild),
                 person(4, ymd(1955, 1, 1), Sex::kMale, MembershipKind::kOther, 30.0)};
    h.vulnerability_score = 4;
    h.pmt_score = 12.5;
    h.area_code = "KE-NBO-01";
    h.area_path = {"KE-NBO-01", "KE-NBO", "KE"};
    h.tags = {"flood_zone"};
    h.custom = {{"water_source", Value::string("borehole")}};
    return h;
}

// A child who turned 5 the day before the reference date and a working-age male head.
inline HouseholdRecord child_turned_five_yesterday() {
    HouseholdRecord h;
    h.id = id_of(101);
    h.members = {person(5, ymd(1988, 8, 8), Sex::kMale, MembershipKind::kHead, 300.0),
                 person(6, ymd(2020, 6, 14), Sex::kFemale, MembershipKind::kChild)};
    h.vulnerability_score = 5;
    h.area_code = "UG-KLA";
    h.area_path = {"UG-KLA", "UG"};
    return h;
}

}  // namespace spmis::cel::testing
