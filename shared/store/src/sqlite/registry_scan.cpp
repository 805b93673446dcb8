// The lean registry scan: only the fields rules read, paged by id like for_each_registrant.

#include "spmis/store/registry_repository.hpp"
#include "sqlite/page_attributes.hpp"
#include "sqlite/repositories.hpp"

namespace spmis::store::sqlite {
namespace {

constexpr const char* kColumns =
    "SELECT id, birthdate, sex, area_id, disability, income_minor, pmt_score, vulnerability_score "
    "FROM registrants ";

RuleFields read_rule_fields(Row& r) {
    RuleFields x;
    x.id = r.uuid();
    x.birthdate = r.optional<Date>([](Row& y) { return y.date(); });
    x.sex = r.enumeration<model::Sex>();
    x.area_id = r.optional<Uuid>([](Row& y) { return y.uuid(); });
    x.disability = r.boolean();
    x.income_minor = r.optional<std::int64_t>([](Row& y) { return y.i64(); });
    x.pmt_score = r.optional<double>([](Row& y) { return y.f64(); });
    x.vulnerability_score = r.optional<double>([](Row& y) { return y.f64(); });
    return x;
}

}  // namespace

Status SqliteRegistry::for_each_rule_fields(model::RegistrantKind kind,
                                            const std::function<Status(const RuleFields&)>& visit) {
    // A separate first-page statement so every later page seeks (see for_each_registrant).
    static const std::string kFirst = std::string(kColumns) + "WHERE kind = ?1 ORDER BY id LIMIT ?2";
    static const std::string kNext =
        std::string(kColumns) + "WHERE kind = ?1 AND id > ?2 ORDER BY id LIMIT ?3";
    const auto page_size = static_cast<std::int64_t>(kRegistryScanPage);
    std::optional<Uuid> after;
    while (true) {
        auto rows = after ? query<RuleFields>(db_, kNext, read_rule_fields, kind, *after, page_size)
                          : query<RuleFields>(db_, kFirst, read_rule_fields, kind, page_size);
        SPMIS_ASSIGN_OR_RETURN(auto page, std::move(rows));
        SPMIS_RETURN_IF_ERROR(attach_page_attributes(db_, page));
        for (const auto& r : page) SPMIS_RETURN_IF_ERROR(visit(r));
        if (page.size() < kRegistryScanPage) return {};
        after = page.back().id;
    }
}

}  // namespace spmis::store::sqlite
