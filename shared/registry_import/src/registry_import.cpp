#include "spmis/registry_import/registry_import.hpp"

#include <map>
#include <optional>

#include "row_parser.hpp"
#include "spmis/csv/csv_reader.hpp"
#include "spmis/registry_import/tuning.hpp"

namespace spmis::registry_import {
namespace {

using model::GroupMembership;
using model::Registrant;
using model::RegistrantKind;

// A validated row with what the database already holds for it.
struct PlannedRow {
    ParsedRow row;
    std::optional<Registrant> existing;
};

class Importer {
public:
    Importer(store::Store& store, const ImportOptions& options)
        : store_(store),
          options_(options),
          clock_(options.clock != nullptr ? *options.clock : SystemClock::instance()) {}

    Result<ImportReport> run(std::istream& csv);

private:
    Status read(std::istream& csv);
    Status check_row(PlannedRow& planned);
    Status check_household(const PlannedRow& planned);
    Status fail_if_errors() const;
    Status apply();
    Status apply_registrant(PlannedRow& planned);
    Status apply_membership(const PlannedRow& planned);
    void progress(std::string_view phase, std::size_t done, std::size_t total) const {
        if (options_.progress && (done % tuning::kImportProgressEvery == 0 || done == total)) {
            options_.progress(phase, done, total);
        }
    }

    store::Store& store_;
    const ImportOptions& options_;
    Clock& clock_;
    std::vector<PlannedRow> rows_;
    std::vector<RowError> errors_;
    std::map<std::string, std::size_t> by_external_id_;  // external id -> index in rows_
    std::map<std::string, std::optional<Uuid>> areas_;   // area code -> id (nullopt: unknown)
    std::map<std::string, Uuid> ids_;                    // external id -> registrant id, once written
    ImportReport report_;
};

Status Importer::read(std::istream& csv) {
    csv::CsvReader reader(csv);
    std::vector<std::string> fields;
    SPMIS_ASSIGN_OR_RETURN(bool has_header, reader.next(fields));
    if (!has_header)
        return make_error(ErrorCode::kInvalidArgument, "line 1: the file is empty (expected a header)");
    SPMIS_ASSIGN_OR_RETURN(RowParser parser, RowParser::from_header(fields));
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool more, reader.next(fields));
        if (!more) return {};
        auto row = parser.parse(reader.line(), fields, errors_);
        if (row) {
            PlannedRow planned{std::move(*row), std::nullopt};
            SPMIS_RETURN_IF_ERROR(check_row(planned));
            rows_.push_back(std::move(planned));
        }
        progress("validating", rows_.size(), 0);
    }
}

Status Importer::check_row(PlannedRow& planned) {
    const auto& r = planned.row;
    auto [it, fresh] = by_external_id_.emplace(r.registrant.external_id, rows_.size());
    if (!fresh) {
        errors_.push_back({r.line, "external_id",
                           "duplicate external id '" + r.registrant.external_id + "' (first on line " +
                               std::to_string(rows_[it->second].row.line) + ")"});
    }
    if (!r.area_code.empty()) {
        if (areas_.count(r.area_code) == 0) {
            SPMIS_ASSIGN_OR_RETURN(auto area, store_.registry().find_area_by_code(r.area_code));
            areas_[r.area_code] = area ? std::optional<Uuid>(area->id) : std::nullopt;
        }
        if (!areas_[r.area_code])
            errors_.push_back({r.line, "area_code", "unknown area '" + r.area_code + "'"});
    }
    SPMIS_ASSIGN_OR_RETURN(planned.existing, store_.registry().find_by_external_id(r.registrant.external_id));
    if (planned.existing && planned.existing->kind != r.registrant.kind) {
        errors_.push_back({r.line, "record_type",
                           "external id '" + r.registrant.external_id + "' is already a " +
                               std::string(model::to_string(planned.existing->kind))});
    }
    return {};
}

// Households may be defined anywhere in the file or already be in the database.
Status Importer::check_household(const PlannedRow& planned) {
    const auto& r = planned.row;
    if (r.household_external_id.empty()) return {};
    auto it = by_external_id_.find(r.household_external_id);
    if (it != by_external_id_.end()) {
        if (rows_[it->second].row.registrant.kind != RegistrantKind::kGroup) {
            errors_.push_back({r.line, "household_external_id",
                               "'" + r.household_external_id + "' is an individual, not a household"});
        }
        return {};
    }
    SPMIS_ASSIGN_OR_RETURN(auto group, store_.registry().find_by_external_id(r.household_external_id));
    if (!group || group->kind != RegistrantKind::kGroup) {
        errors_.push_back(
            {r.line, "household_external_id", "unknown household '" + r.household_external_id + "'"});
    } else {
        ids_[r.household_external_id] = group->id;
    }
    return {};
}

Status Importer::fail_if_errors() const {
    if (errors_.empty()) return {};
    if (options_.problems != nullptr) {
        for (const RowError& e : errors_) options_.problems->push_back({e.line, e.column, e.message});
    }
    std::string msg = std::to_string(errors_.size()) + " bad row(s), nothing imported:";
    for (std::size_t i = 0; i < errors_.size() && i < options_.max_errors; ++i) {
        const auto& e = errors_[i];
        msg += "\n  line " + std::to_string(e.line) + ", column '" + e.column + "': " + e.message;
    }
    if (errors_.size() > options_.max_errors) {
        msg += "\n  ... and " + std::to_string(errors_.size() - options_.max_errors) + " more";
    }
    return make_error(ErrorCode::kInvalidArgument, msg);
}

Status Importer::apply_registrant(PlannedRow& planned) {
    Registrant r = planned.row.registrant;
    if (!planned.row.area_code.empty()) r.area_id = areas_[planned.row.area_code];
    if (!planned.existing) {
        r.id = new_uuid_v7();
        r.created_at = r.updated_at = clock_.now();
        SPMIS_RETURN_IF_ERROR(store_.registry().insert_registrant(r));
        ++(r.kind == RegistrantKind::kGroup ? report_.groups_created : report_.individuals_created);
    } else {
        r.id = planned.existing->id;
        r.created_at = planned.existing->created_at;
        r.updated_at = planned.existing->updated_at;
        if (r == *planned.existing) {
            ++report_.unchanged;
        } else {
            r.updated_at = clock_.now();
            SPMIS_RETURN_IF_ERROR(store_.registry().update_registrant(
                r, options_.actor, "registry import, line " + std::to_string(planned.row.line)));
            ++report_.updated;
        }
    }
    ids_[r.external_id] = r.id;
    return {};
}

std::string memberships_json(const std::vector<GroupMembership>& ms) {
    std::string out = "[";
    for (const auto& m : ms) {
        out += std::string(out.size() > 1 ? "," : "") + R"({"group_id":")" + m.group_id.to_string() +
               R"(","kind":")" + std::string(model::to_string(m.kind)) + "\"}";
    }
    return out + "]";
}

// The file states each individual's household completely: other memberships are removed.
Status Importer::apply_membership(const PlannedRow& planned) {
    const auto& row = planned.row;
    const Uuid id = ids_.at(row.registrant.external_id);
    std::vector<GroupMembership> wanted;
    if (!row.household_external_id.empty()) {
        wanted.push_back({ids_.at(row.household_external_id), id, *row.membership_kind});
    }
    SPMIS_ASSIGN_OR_RETURN(auto current, store_.registry().list_groups_of(id));
    if (current == wanted) return {};
    for (const auto& m : current)
        SPMIS_RETURN_IF_ERROR(store_.registry().remove_group_membership(m.group_id, id));
    for (const auto& m : wanted) SPMIS_RETURN_IF_ERROR(store_.registry().put_group_membership(m));
    if (!planned.existing) return {};  // a new registrant's first household is not a change
    ++report_.memberships_changed;
    return store_.audit().append(model::AuditEvent{
        new_uuid_v7(), options_.actor, "group_membership", id, "update", memberships_json(current),
        memberships_json(wanted), "registry import, line " + std::to_string(row.line), clock_.now()});
}

Status Importer::apply() {
    std::size_t done = 0;
    for (RegistrantKind kind : {RegistrantKind::kGroup, RegistrantKind::kIndividual}) {
        for (auto& planned : rows_) {
            if (planned.row.registrant.kind != kind) continue;
            SPMIS_RETURN_IF_ERROR(apply_registrant(planned));
            progress("writing", ++done, rows_.size());
        }
    }
    for (const auto& planned : rows_) {
        if (planned.row.registrant.kind == RegistrantKind::kIndividual)
            SPMIS_RETURN_IF_ERROR(apply_membership(planned));
    }
    return {};
}

Result<ImportReport> Importer::run(std::istream& csv) {
    SPMIS_RETURN_IF_ERROR(read(csv));
    for (const auto& planned : rows_) SPMIS_RETURN_IF_ERROR(check_household(planned));
    SPMIS_RETURN_IF_ERROR(fail_if_errors());
    report_.rows = rows_.size();
    SPMIS_RETURN_IF_ERROR(store_.transaction([&] { return apply(); }));
    return report_;
}

}  // namespace

Result<ImportReport> import_registry_csv(store::Store& store, std::istream& csv,
                                         const ImportOptions& options) {
    Importer importer(store, options);
    return importer.run(csv);
}

}  // namespace spmis::registry_import
