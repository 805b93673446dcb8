#include "spmis/demo/demo_data.hpp"

#include "demo_programs.hpp"
#include "household_generator.hpp"
#include "spmis/demo/personas.hpp"
#include "spmis/demo/tuning.hpp"

namespace spmis::demo {
namespace {

// Distinct streams for ids and for data, so adding a field does not shift every id.
constexpr std::uint64_t kIdStream = 0x5350'4D49'5344'454DULL;

Status insert_household(store::Store& store, const GeneratedHousehold& h) {
    SPMIS_RETURN_IF_ERROR(store.registry().insert_registrant(h.group));
    SPMIS_RETURN_IF_ERROR(store.registry().insert_registrants(h.members));
    return store.registry().put_group_memberships(h.memberships);
}

GeneratedHousehold persona_household(std::size_t index, const Uuid& area, UtcTime now) {
    const PersonaHousehold& p = persona_households()[index];
    GeneratedHousehold h;
    h.group.id = persona_id(index);
    h.group.kind = model::RegistrantKind::kGroup;
    h.group.external_id = p.external_id;
    h.group.name = p.name;
    h.group.area_id = area;
    h.group.income = Money{p.income_minor, "USD"};
    h.group.pmt_score = p.pmt_score;
    h.group.vulnerability_score = p.vulnerability_score;
    h.group.created_at = h.group.updated_at = now;
    char hectares[16];
    std::snprintf(hectares, sizeof hectares, "%.1f", p.farm_hectares);
    h.group.attributes.push_back({"farm_hectares", model::AttributeType::kNumber, hectares});
    for (std::size_t i = 0; i < p.members.size(); ++i) {
        const PersonaMember& m = p.members[i];
        model::Registrant r;
        r.id = persona_id(index, i + 1);
        r.external_id = m.external_id;
        r.name = m.given_name + " " + m.family_name;
        r.given_name = m.given_name;
        r.family_name = m.family_name;
        r.birthdate = *parse_date(m.birthdate);
        r.sex = m.sex;
        r.area_id = area;
        r.created_at = r.updated_at = now;
        h.members.push_back(r);
        h.memberships.push_back({h.group.id, r.id, m.kind});
    }
    return h;
}

void count(DemoSummary& s, const GeneratedHousehold& h) {
    ++s.households;
    s.individuals += h.members.size();
    ++s.household_size_counts[std::min<std::size_t>(h.members.size(), 12)];
}

Status insert_fixed_records(store::Store& store, UuidGenerator& ids, UtcTime now, DemoSummary& s,
                            std::vector<Uuid>& districts) {
    auto areas = demo_areas(ids);
    for (const auto& a : areas) {
        SPMIS_RETURN_IF_ERROR(store.registry().insert_area(a));
        if (a.level == 2) districts.push_back(a.id);
    }
    std::vector<model::Area> district_areas(areas.end() - static_cast<std::ptrdiff_t>(districts.size()),
                                            areas.end());
    auto programs = demo_programs(ids, now);
    for (const auto& p : programs) {
        SPMIS_RETURN_IF_ERROR(store.programs().insert_program(p));
        s.program_lines.push_back(p.code + ": " + p.name + " (" + std::string(model::to_string(p.target)) +
                                  ", " + std::string(model::to_string(p.kind)) + ") eligible when " +
                                  p.eligibility_cel);
    }
    auto sps = demo_service_points(ids, district_areas, programs);
    for (const auto& sp : sps) SPMIS_RETURN_IF_ERROR(store.service_points().insert_service_point(sp));
    auto events = demo_events(ids, sps);
    for (const auto& e : events) SPMIS_RETURN_IF_ERROR(store.service_points().insert_event(e));
    s.areas = areas.size();
    s.service_points = sps.size();
    s.distribution_events = events.size();
    for (std::size_t i = 0; i < persona_households().size(); ++i) {
        auto h = persona_household(i, districts.front(), now);
        SPMIS_RETURN_IF_ERROR(insert_household(store, h));
        count(s, h);
        s.personas += h.members.size();
    }
    return {};
}

}  // namespace

Result<DemoSummary> generate_demo(store::Store& store, const DemoOptions& options) {
    SPMIS_ASSIGN_OR_RETURN(auto groups, store.registry().count_registrants(model::RegistrantKind::kGroup));
    SPMIS_ASSIGN_OR_RETURN(auto people,
                           store.registry().count_registrants(model::RegistrantKind::kIndividual));
    if (groups + people > 0) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "the data directory already holds " + std::to_string(groups + people) +
                              " registrants; demo data needs a fresh directory");
    }
    const UtcTime now = start_of(kDemoReferenceDate);
    FakeClock clock(now);
    SeededRandom id_random(options.seed ^ kIdStream);
    UuidGenerator ids(clock, id_random);
    DemoSummary summary;
    std::vector<Uuid> districts;
    SPMIS_RETURN_IF_ERROR(
        store.transaction([&] { return insert_fixed_records(store, ids, now, summary, districts); }));

    // Batches in their own transactions keep the write-ahead log small on million-household runs.
    HouseholdGenerator generator(options.seed, districts, ids, kDemoReferenceDate);
    for (std::size_t done = 0; done < options.households;) {
        const std::size_t end = std::min(options.households, done + tuning::kDemoBatchHouseholds);
        SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
            for (; done < end; ++done) {
                auto h = generator.next(done + 1);
                SPMIS_RETURN_IF_ERROR(insert_household(store, h));
                count(summary, h);
            }
            return {};
        }));
        if (options.progress) options.progress(done, options.households);
    }
    return summary;
}

}  // namespace spmis::demo
