#include "spmis/programs/deduplicate.hpp"

#include <cctype>
#include <map>
#include <optional>

#include "enrollment_support.hpp"

namespace spmis::programs {
namespace {

using model::MembershipState;
using store::MembershipIdentity;

// Lower case with runs of white space folded to one space and no leading or trailing space.
std::string normalized_name(const std::string& name) {
    std::string out;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isspace(u) != 0) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += static_cast<char>(std::tolower(u));
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The identity's key under a rule; nullopt when the rule cannot apply (missing data).
std::optional<std::string> key_of(DedupeRule rule, const MembershipIdentity& id) {
    if (rule == DedupeRule::kNationalId) {
        if (id.national_id.empty()) return std::nullopt;
        return "nid|" + id.national_id;
    }
    const std::string name = normalized_name(id.name);
    if (name.empty() || !id.birthdate) return std::nullopt;
    return "nba|" + name + "|" + format_date(*id.birthdate) + "|" +
           (id.area_id ? id.area_id->to_string() : "");
}

bool takes_part(MembershipState s) {
    return s == MembershipState::kDraft || s == MembershipState::kEnrolled || s == MembershipState::kPaused;
}

// A membership to flag and the kept membership it duplicates.
struct Flag {
    Uuid membership;
    Uuid original;
};

// Walks identities oldest first: the first of each key is kept, later matches point at it.
std::vector<Flag> find_duplicates(const std::vector<MembershipIdentity>& ids,
                                  const std::vector<DedupeRule>& rules, DedupeReport& report) {
    std::map<std::string, Uuid> kept_by_key;
    std::vector<Flag> flags;
    for (const MembershipIdentity& id : ids) {
        if (!takes_part(id.state)) continue;
        ++report.examined;
        std::vector<std::string> keys;
        std::optional<Uuid> original;
        for (DedupeRule rule : rules) {
            auto key = key_of(rule, id);
            if (!key) continue;
            auto it = kept_by_key.find(*key);
            if (it != kept_by_key.end() && !original) original = it->second;
            keys.push_back(std::move(*key));
        }
        // A duplicate's other keys lead to the record it duplicates, not to itself.
        const Uuid kept = original.value_or(id.membership_id);
        for (auto& key : keys) kept_by_key.emplace(std::move(key), kept);
        if (!original) continue;
        if (id.state == MembershipState::kDraft) {
            flags.push_back({id.membership_id, *original});
        } else {
            ++report.unresolved;
        }
    }
    return flags;
}

}  // namespace

Result<DedupeRule> parse_dedupe_rule(std::string_view name) {
    if (name == "national_id") return DedupeRule::kNationalId;
    if (name == "name_birthdate_area") return DedupeRule::kNameBirthdateArea;
    return make_error(ErrorCode::kInvalidArgument, "unknown deduplication rule '" + std::string(name) +
                                                       "' (expected national_id or name_birthdate_area)");
}

Result<DedupeReport> deduplicate(store::Store& store, const Uuid& program_id,
                                 const std::vector<DedupeRule>& rules, const EnrollmentOptions& options) {
    if (rules.empty())
        return make_error(ErrorCode::kInvalidArgument, "deduplication needs at least one rule");
    SPMIS_RETURN_IF_ERROR(detail::active_program(store, program_id).status());
    SPMIS_ASSIGN_OR_RETURN(auto identities, store.programs().membership_identities(program_id));
    DedupeReport report;
    const std::vector<Flag> flags = find_duplicates(identities, rules, report);
    detail::Progress progress;
    SPMIS_RETURN_IF_ERROR(detail::in_operation_transaction(store, options, [&] {
        return detail::write_in_batches(store, options, progress, flags.size(), [&](std::size_t i) -> Status {
            SPMIS_RETURN_IF_ERROR(store.programs().mark_duplicate(flags[i].membership, flags[i].original,
                                                                  options.actor, "duplicate registrant"));
            ++report.flagged;
            return {};
        });
    }));
    return report;
}

}  // namespace spmis::programs
