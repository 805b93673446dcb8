// The big tablet of bench_field_screen: loads N pulled beneficiaries (one individual with one rice
// entitlement each, generated names with accents) into the device store file STORE, through the
// store's own pull path. Not a benchmark itself (no bench_ prefix: bench/run.sh does not run it).
// Usage: field_screen_store STORE N

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "spmis/base/clock.hpp"
#include "spmis/sync/device_store.hpp"

namespace {

using spmis::Uuid;

constexpr std::size_t kPage = 1000;  // records per pull page, as a real pull
constexpr std::int64_t kGrantMilli = 25000;

const std::vector<std::string> kGiven{"Grace", "José",  "Amina",  "Chidi", "Nuñez",  "Élodie", "Wanjiru",
                                      "Kofi",  "Aïcha", "Tendai", "Zoë",   "Otieno", "Fátima", "Baraka"};
const std::vector<std::string> kSyllables{"ach", "en",  "ba", "ki", "mo", "ru",
                                          "ta",  "ndu", "li", "sa", "we", "zo"};

std::string pick(spmis::SeededRandom& rng, const std::vector<std::string>& from) {
    return from[static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(from.size()) - 1))];
}

std::string make_name(spmis::SeededRandom& rng) {
    std::string family;
    for (std::int64_t i = 0, parts = rng.uniform(2, 4); i < parts; ++i) family += pick(rng, kSyllables);
    family[0] = static_cast<char>(family[0] - 'a' + 'A');
    return pick(rng, kGiven) + " " + family;
}

Uuid id_of(std::size_t i, std::uint8_t tag) {
    std::array<std::uint8_t, 16> b{0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, tag};
    for (int k = 0; k < 4; ++k) b[15 - k] = static_cast<std::uint8_t>(i >> (8 * k));
    return Uuid(b);
}

spmis::sync::PulledEntitlement entitlement(std::size_t i, const std::string& name) {
    spmis::sync::PulledEntitlement e;
    e.id = id_of(i, 1);
    e.program_id = id_of(0, 3);
    e.cycle_id = id_of(0, 4);
    e.registrant_id = id_of(i, 2);
    e.item = "rice";
    e.unit = "kg";
    e.quantity_milli = e.remaining_milli = kGrantMilli;
    e.valid_from = *spmis::parse_date("2020-01-01");
    e.valid_until = *spmis::parse_date("2099-12-31");
    e.service_point_id = id_of(0, 5);
    e.beneficiary = spmis::sync::PulledBeneficiary{e.registrant_id,
                                                   spmis::model::RegistrantKind::kIndividual,
                                                   name,
                                                   "NID-" + std::to_string(i),
                                                   std::nullopt,
                                                   std::nullopt};
    return e;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: field_screen_store STORE N\n");
        return 2;
    }
    const std::size_t n = std::strtoul(argv[2], nullptr, 10);
    spmis::sync::FakeDeviceClock clock(spmis::from_unix_micros(1'800'000'000'000'000), "boot");
    auto store = spmis::sync::DeviceStore::open(argv[1], clock);
    if (!store.ok()) {
        std::fprintf(stderr, "cannot open store: %s\n", store.status().to_string().c_str());
        return 1;
    }
    spmis::SeededRandom rng(20261121);
    spmis::sync::PullResponse page;
    for (std::size_t i = 0; i < n; ++i) {
        page.records.push_back(
            {static_cast<std::int64_t>(i + 1), "entitlement", id_of(i, 1), entitlement(i, make_name(rng))});
        if (page.records.size() < kPage && i + 1 < n) continue;
        page.next_cursor = static_cast<std::int64_t>(i + 1);
        if (auto s = (*store)->apply_pull_page(page); !s.ok()) {
            std::fprintf(stderr, "cannot load: %s\n", s.to_string().c_str());
            return 1;
        }
        page.records.clear();
    }
    return 0;
}
