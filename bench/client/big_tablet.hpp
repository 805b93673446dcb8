#pragma once
// The synthetic tablet of the field benchmarks (bench_field_lookup, field_screen_store): generated
// names with accents and one rice entitlement per beneficiary, as the server's pull sends them.
// Header-only: two small bench programs share it.

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "spmis/base/clock.hpp"
#include "spmis/sync/pulled_records.hpp"

namespace spmis::bench {

inline const std::vector<std::string>& given_names() {
    static const std::vector<std::string> kGiven{"Grace",  "José",    "Amina",  "Chidi", "Nuñez",
                                                 "Élodie", "Wanjiru", "Kofi",   "Aïcha", "Tendai",
                                                 "Zoë",    "Otieno",  "Fátima", "Baraka"};
    return kGiven;
}

// "Amina Kibaru": a given name and a family name of 2-4 syllables.
inline std::string make_name(SeededRandom& rng) {
    static const std::vector<std::string> kSyllables{"ach", "en",  "ba", "ki", "mo", "ru",
                                                     "ta",  "ndu", "li", "sa", "we", "zo"};
    const auto pick = [&](const std::vector<std::string>& from) {
        return from[static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(from.size()) - 1))];
    };
    std::string family;
    for (std::int64_t i = 0, parts = rng.uniform(2, 4); i < parts; ++i) family += pick(kSyllables);
    family[0] = static_cast<char>(family[0] - 'a' + 'A');
    return pick(given_names()) + " " + family;
}

// A v7-shaped id numbered `i` within a record kind `tag`.
inline Uuid id_of(std::size_t i, std::uint8_t tag) {
    std::array<std::uint8_t, 16> b{0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, tag};
    for (int k = 0; k < 4; ++k) b[15 - k] = static_cast<std::uint8_t>(i >> (8 * k));
    return Uuid(b);
}

// Beneficiary `i`'s entitlement (25 kg of rice at one service point), valid from a year before
// `today` to a year after it: the same story whatever day the benchmark runs.
inline sync::PulledEntitlement entitlement(std::size_t i, const std::string& name, Date today) {
    using std::chrono::days;
    using std::chrono::sys_days;
    sync::PulledEntitlement e;
    e.id = id_of(i, 1);
    e.program_id = id_of(0, 3);
    e.cycle_id = id_of(0, 4);
    e.registrant_id = id_of(i, 2);
    e.item = "rice";
    e.unit = "kg";
    e.quantity_milli = e.remaining_milli = 25000;
    e.valid_from = Date{sys_days(today) - days(365)};
    e.valid_until = Date{sys_days(today) + days(365)};
    e.service_point_id = id_of(0, 5);
    e.beneficiary = sync::PulledBeneficiary{
        e.registrant_id, model::RegistrantKind::kIndividual, name, "NID-" + std::to_string(i), std::nullopt,
        std::nullopt};
    return e;
}

}  // namespace spmis::bench
