#pragma once
// The registry: areas, registrants (individuals and groups) and group memberships.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "spmis/model/area.hpp"
#include "spmis/model/registrant.hpp"

namespace spmis::store {

// Rows per page of the whole-table scans (for_each_registrant, for_each_group_membership). Kept
// here rather than in base/tuning.hpp, which nearly every file includes; move it there when
// that header next changes.
inline constexpr std::size_t kRegistryScanPage = 2000;

// Filters of a registrant search; empty/absent fields do not filter. Results are in id order,
// after `after_id` (the cursor: the last id of the previous page).
struct RegistrantQuery {
    std::string name_prefix;  // of any word of the name, accents and case ignored (text_fold.hpp)
    std::string external_id;
    std::string national_id;
    std::optional<Uuid> area_id;
    std::optional<Uuid> after_id;
    std::size_t limit = 50;
};

// What eligibility and entitlement rules read of a registrant: no names, phones or document ids.
struct RuleFields {
    Uuid id;
    std::optional<Date> birthdate;
    model::Sex sex = model::Sex::kUnknown;
    std::optional<Uuid> area_id;
    bool disability = false;
    std::optional<std::int64_t> income_minor;
    std::optional<double> pmt_score;
    std::optional<double> vulnerability_score;
    std::vector<model::CustomAttribute> attributes;
};

// One enrolled registrant of a group program with what its rule reads: the group's fields and its
// members' (with their membership kind), for generation that streams instead of loading the registry.
struct EnrolledGroup {
    RuleFields group;
    bool is_group = true;  // false: the enrolled registrant is an individual (no members read)
    std::vector<std::pair<RuleFields, model::GroupMembershipKind>> members;  // in individual id order
};

// One stored text that is not clean (listed by migrations 16 and 21 in text_problems): which table,
// row and column, and what is wrong with the value as it is now.
struct TextProblem {
    std::string table;  // "registrants" or "users"
    Uuid row_id;
    std::string column;  // "name", "given_name", "family_name", "national_id", "phone", "username", ...
    std::string problem;
};

// Where a page of text problems starts: after this (table, row, column), in that order.
struct TextProblemKey {
    std::string table;
    Uuid row_id;
    std::string column;
};

// Registry records. Not thread-safe: one Store per thread. Errors: kNotFound for unknown ids,
// kAlreadyExists for a taken unique key, kStorage for backend failures.
class RegistryRepository {
public:
    virtual ~RegistryRepository() = default;

    // Inserts an area; its parent must exist.
    virtual Status insert_area(const model::Area& area) = 0;
    // The area with this id.
    virtual Result<model::Area> get_area(const Uuid& id) = 0;
    // The area with this code, or nullopt.
    virtual Result<std::optional<model::Area>> find_area_by_code(const std::string& code) = 0;
    // Every area, ordered by level then code.
    virtual Result<std::vector<model::Area>> list_areas() = 0;

    // Inserts a registrant with its custom attributes (no audit event: creation is not a state change).
    virtual Status insert_registrant(const model::Registrant& r) = 0;
    // Bulk path: inserts many registrants in one transaction with cached statements.
    virtual Status insert_registrants(std::span<const model::Registrant> rs) = 0;
    // Replaces every field of an existing registrant and appends an "update" audit event with the
    // before/after snapshots, atomically. kNotFound when the id is unknown.
    virtual Status update_registrant(const model::Registrant& r, const std::string& actor,
                                     const std::string& reason) = 0;
    // The registrant with this id.
    virtual Result<model::Registrant> get_registrant(const Uuid& id) = 0;
    // The registrant with this external id, or nullopt.
    virtual Result<std::optional<model::Registrant>> find_by_external_id(const std::string& external_id) = 0;
    // Registrants whose normalised name starts with `prefix` (case-insensitive ASCII), ordered by name.
    virtual Result<std::vector<model::Registrant>> find_by_name_prefix(const std::string& prefix,
                                                                       std::size_t limit) = 0;
    // Registrants matching every filter of `q`, in id order, at most q.limit.
    virtual Result<std::vector<model::Registrant>> search_registrants(const RegistrantQuery& q) = 0;
    // Number of registrants of one kind.
    virtual Result<std::int64_t> count_registrants(model::RegistrantKind kind) = 0;
    // Calls `visit` for every registrant of one kind in id order; stops at the first error.
    virtual Status for_each_registrant(model::RegistrantKind kind,
                                       const std::function<Status(const model::Registrant&)>& visit) = 0;

    // Like for_each_registrant, but reads only the rule fields (the lean scan rules are loaded with).
    virtual Status for_each_rule_fields(model::RegistrantKind kind,
                                        const std::function<Status(const RuleFields&)>& visit) = 0;

    // Visits the registrants enrolled in `program_id` (membership state enrolled) in id order, pages of
    // at most `page_size` with their members and custom attributes; stops at the first error.
    virtual Status for_each_enrolled_group(
        const Uuid& program_id, std::size_t page_size,
        const std::function<Status(std::vector<EnrolledGroup>&)>& visit) = 0;

    // Adds or replaces (same group and individual) a group membership.
    virtual Status put_group_membership(const model::GroupMembership& m) = 0;
    // Bulk path for group memberships, in one transaction.
    virtual Status put_group_memberships(std::span<const model::GroupMembership> ms) = 0;
    // Removes a group membership; ok when it did not exist.
    virtual Status remove_group_membership(const Uuid& group_id, const Uuid& individual_id) = 0;
    // Members of a group, ordered by individual id.
    virtual Result<std::vector<model::GroupMembership>> list_group_members(const Uuid& group_id) = 0;
    // Groups an individual belongs to.
    virtual Result<std::vector<model::GroupMembership>> list_groups_of(const Uuid& individual_id) = 0;
    // Calls `visit` for every group membership, ordered by group id then individual id (a bulk
    // scan for loading the whole registry); stops at the first error.
    virtual Status for_each_group_membership(
        const std::function<Status(const model::GroupMembership&)>& visit) = 0;

    // Lookups of the push path.
    // True when the registrant exists (one key lookup, for the push path's attendance check).
    virtual Result<bool> registrant_exists(const Uuid& registrant_id) = 0;
    // The service points at which a registrant is served: those of the entitlements held by the
    // registrant, by its households, or (for a household) by its members. Empty when none.
    virtual Result<std::vector<Uuid>> service_points_of_registrant(const Uuid& registrant_id) = 0;
    // Ids of registrants holding this national id (for duplicate matching of new registrants).
    virtual Result<std::vector<Uuid>> registrants_with_national_id(const std::string& national_id) = 0;
    // Version of a registrant field as the server last changed it (0 when never changed).
    virtual Result<std::int64_t> field_version(const Uuid& registrant_id, const std::string& field) = 0;
    // Increments a field's version.
    virtual Status bump_field_version(const Uuid& registrant_id, const std::string& field) = 0;

    // Up to `limit` listed text problems after `after`, in (table, row, column) order, each judged on
    // the value as it is now: a value corrected since (through any door) is no longer listed.
    virtual Result<std::vector<TextProblem>> list_text_problems(const std::optional<TextProblemKey>& after,
                                                                std::size_t limit) = 0;
};

}  // namespace spmis::store
