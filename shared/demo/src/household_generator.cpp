#include "household_generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace spmis::demo {
namespace {

using model::GroupMembershipKind;
using model::Sex;

// Relative frequency of household sizes 1..12 (roughly a rural sub-Saharan survey shape).
constexpr std::array<int, 12> kSizeWeights = {80, 120, 150, 170, 150, 110, 80, 50, 40, 25, 15, 10};

constexpr std::array<const char*, 20> kFemaleNames = {
    "Amina", "Fatou",  "Grace", "Esther", "Aisha", "Mariam", "Ngozi",   "Joyce", "Halima", "Awa",
    "Chipo", "Zanele", "Ruth",  "Nadia",  "Efua",  "Akosua", "Lindiwe", "Sarah", "Mercy",  "Khadija"};
constexpr std::array<const char*, 20> kMaleNames = {
    "Moussa", "Kofi", "Peter", "Ibrahim", "Joseph", "Samuel", "Chinedu", "Yaw",  "Tendai",   "Omar",
    "Daniel", "Musa", "Juma",  "Kwame",   "Thabo",  "David",  "Ali",     "John", "Emmanuel", "Abdou"};
constexpr std::array<const char*, 24> kFamilyNames = {
    "Diallo", "Mensah", "Banda",  "Sow",   "Okafor",  "Mwangi", "Traore",   "Phiri",
    "Nkosi",  "Kamara", "Otieno", "Bello", "Moyo",    "Ndiaye", "Asante",   "Juma",
    "Keita",  "Mbeki",  "Osei",   "Tembo", "Kariuki", "Sesay",  "Abubakar", "Zulu"};

template <std::size_t N>
const char* pick(SeededRandom& rng, const std::array<const char*, N>& names) {
    return names[static_cast<std::size_t>(rng.uniform(0, N - 1))];
}

std::string numbered(const char* prefix, std::size_t n, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%0*zu", prefix, width, n);
    return buf;
}

}  // namespace

HouseholdGenerator::HouseholdGenerator(std::uint64_t seed, std::vector<Uuid> districts, UuidGenerator& ids,
                                       Date reference)
    : rng_(seed),
      districts_(std::move(districts)),
      ids_(ids),
      reference_(reference),
      now_(start_of(reference)) {}

int HouseholdGenerator::household_size() {
    static const int kTotal = [] {
        int t = 0;
        for (int w : kSizeWeights) t += w;
        return t;
    }();
    auto roll = rng_.uniform(0, kTotal - 1);
    for (std::size_t i = 0; i < kSizeWeights.size(); ++i) {
        roll -= kSizeWeights[i];
        if (roll < 0) return static_cast<int>(i) + 1;
    }
    return 12;
}

double HouseholdGenerator::round1(double v) const { return std::round(v * 10.0) / 10.0; }

model::Registrant HouseholdGenerator::person(const GeneratedHousehold& h, std::size_t index, int age,
                                             Sex sex) {
    model::Registrant p;
    p.id = ids_.next();
    p.kind = model::RegistrantKind::kIndividual;
    p.external_id = h.group.external_id + numbered("-", index, 2);
    p.given_name = sex == Sex::kFemale ? pick(rng_, kFemaleNames) : pick(rng_, kMaleNames);
    p.family_name = family_;
    p.name = p.given_name + " " + p.family_name;
    // Birthdays spread over the year: the age on the reference date is `age` or, rarely, one less.
    auto days = std::chrono::days(static_cast<int>(age * 365.2425) + rng_.uniform(0, 364));
    p.birthdate = Date{std::chrono::sys_days{reference_} - days};
    p.sex = sex;
    p.area_id = h.group.area_id;
    p.disability = rng_.unit() < 0.04;
    if (age >= 16) p.national_id = numbered("DL", static_cast<std::size_t>(rng_.uniform(0, 999'999'999)), 9);
    if (age >= 18 && age < 65 && rng_.unit() < 0.6) {
        double u = rng_.unit();
        p.income = Money{static_cast<std::int64_t>(2'000 + 38'000 * u * u), "USD"};
    }
    if (age >= 6 && age <= 17) {
        p.attributes.push_back(
            {"school_enrolled", model::AttributeType::kBoolean, rng_.unit() < 0.85 ? "true" : "false"});
    }
    p.created_at = p.updated_at = now_;
    return p;
}

void HouseholdGenerator::add_member(GeneratedHousehold& h, GroupMembershipKind kind, int age, Sex sex) {
    h.members.push_back(person(h, h.members.size() + 1, age, sex));
    h.memberships.push_back({h.group.id, h.members.back().id, kind});
}

GeneratedHousehold HouseholdGenerator::next(std::size_t n) {
    GeneratedHousehold h;
    const int size = household_size();
    family_ = pick(rng_, kFamilyNames);
    h.group.id = ids_.next();
    h.group.kind = model::RegistrantKind::kGroup;
    h.group.external_id = numbered("DH", n, 7);
    h.group.name = family_ + " household";
    h.group.area_id = districts_[static_cast<std::size_t>(
        rng_.uniform(0, static_cast<std::int64_t>(districts_.size()) - 1))];
    h.group.created_at = h.group.updated_at = now_;

    double u = rng_.unit();
    int head_age = size == 1 ? 20 + static_cast<int>(70 * u) : 20 + static_cast<int>(55 * std::pow(u, 1.3));
    Sex head_sex = rng_.unit() < 0.6 ? Sex::kMale : Sex::kFemale;
    add_member(h, GroupMembershipKind::kHead, head_age, head_sex);
    h.members.front().phone = numbered("+9997", static_cast<std::size_t>(rng_.uniform(0, 99'999'999)), 8);
    if (size >= 2 && rng_.unit() < 0.75) {
        int age = std::max(18, head_age + static_cast<int>(rng_.uniform(-8, 4)));
        add_member(h, GroupMembershipKind::kSpouse, age, head_sex == Sex::kMale ? Sex::kFemale : Sex::kMale);
    }
    while (static_cast<int>(h.members.size()) < size) {
        Sex sex = rng_.unit() < 0.5 ? Sex::kFemale : Sex::kMale;
        if (rng_.unit() < 0.15) {
            int age = rng_.unit() < 0.6 ? static_cast<int>(rng_.uniform(58, 92))
                                        : static_cast<int>(rng_.uniform(18, 50));
            add_member(h, GroupMembershipKind::kOther, age, sex);
        } else {
            int oldest = std::clamp(head_age - 16, 0, 25);
            add_member(h, GroupMembershipKind::kChild, static_cast<int>(rng_.uniform(0, oldest)), sex);
        }
    }
    score(h);
    return h;
}

// Household-level income, PMT score (proxy means: higher = better off), vulnerability (0-5) and land.
void HouseholdGenerator::score(GeneratedHousehold& h) {
    std::int64_t income = 0;
    int young = 0, elderly = 0, disabled = 0;
    for (const auto& m : h.members) {
        if (m.income) income += m.income->minor_units;
        int age = age_in_years(*m.birthdate, reference_);
        young += age < 5 ? 1 : 0;
        elderly += age >= 65 ? 1 : 0;
        disabled += m.disability ? 1 : 0;
    }
    const double per_capita = static_cast<double>(income) / 100.0 / static_cast<double>(h.members.size());
    h.group.income = Money{income, "USD"};
    h.group.pmt_score = round1(std::clamp(
        5.0 + 55.0 * std::sqrt(std::min(1.0, per_capita / 150.0)) + rng_.uniform(-30, 30) / 10.0, 0.0, 60.0));
    double vulnerability =
        0.5 + 0.4 * young + 0.6 * elderly + 0.8 * disabled + (per_capita < 30 ? 1.5 : 0.0) + rng_.unit();
    h.group.vulnerability_score = round1(std::clamp(vulnerability, 0.0, 5.0));
    double hectares = rng_.unit() < 0.45 ? round1(0.1 + 4.9 * std::pow(rng_.unit(), 2.0)) : 0.0;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", hectares);
    h.group.attributes.push_back({"farm_hectares", model::AttributeType::kNumber, buf});
}

}  // namespace spmis::demo
