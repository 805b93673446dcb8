#include "spmis/approvals/chains.hpp"

#include <algorithm>

#include "audit_util.hpp"
#include "spmis/auth/role.hpp"

namespace spmis::approvals {
namespace {

Status bad_level(std::size_t index, const std::string& what) {
    return make_error(ErrorCode::kInvalidArgument,
                      "approval level " + std::to_string(index + 1) + " " + what);
}

bool role_has_permission(model::Role role, const std::string& permission) {
    const auto auth_role = auth::parse_role(model::to_string(role));
    const auto needed = auth::parse_permission(permission);
    return auth_role && needed && auth::role_allows(*auth_role, *needed);
}

}  // namespace

Status validate_levels(const std::vector<model::ApprovalLevel>& levels) {
    if (levels.empty()) return make_error(ErrorCode::kInvalidArgument, "an approval chain needs a level");
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const auto& level = levels[i];
        if (!level.role && level.users.empty() && level.permission.empty())
            return bad_level(i, "needs a role or named users");
        if (level.required < 1) return bad_level(i, "must require at least 1 approval");
        if (!level.role && level.permission.empty() &&
            static_cast<std::size_t>(level.required) > level.users.size())
            return bad_level(i, "requires more approvals than it names users");
        for (const auto& user : level.users) {
            if (user.empty()) return bad_level(i, "names an empty user");
        }
    }
    return {};
}

Status put_chain(store::Store& store, model::ApprovalChain chain, const std::string& actor, UtcTime now) {
    SPMIS_RETURN_IF_ERROR(validate_levels(chain.levels));
    for (const auto& level : chain.levels) {
        if (!level.permission.empty())
            return make_error(ErrorCode::kInvalidArgument, "configured levels name a role or users");
    }
    chain.updated_by = actor;
    chain.updated_at = now;
    return store.transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(store.programs().get_program(chain.program_id).status());
        SPMIS_RETURN_IF_ERROR(store.approvals().put_chain(chain));
        return detail::audit(store, actor, "program", chain.program_id, "configure_approval_chain",
                             std::string(model::to_string(chain.action)), now);
    });
}

std::vector<model::ApprovalLevel> default_levels(model::ApprovalAction action) {
    model::ApprovalLevel level;
    level.permission = action == model::ApprovalAction::kEnrollment ? "enrollment_run" : "finance_manage";
    level.required = 1;
    return {level};
}

Result<std::vector<model::ApprovalLevel>> effective_levels(store::Store& store, const Uuid& program_id,
                                                           model::ApprovalAction action) {
    SPMIS_ASSIGN_OR_RETURN(auto chain, store.approvals().find_chain(program_id, action));
    if (chain) return chain->levels;
    return default_levels(action);
}

bool qualifies(const model::ApprovalLevel& level, const std::string& username,
               const std::vector<model::Role>& roles) {
    if (std::find(level.users.begin(), level.users.end(), username) != level.users.end()) return true;
    for (model::Role role : roles) {
        if (level.role && *level.role == role) return true;
        if (!level.permission.empty() && role_has_permission(role, level.permission)) return true;
    }
    return false;
}

Result<std::vector<model::Role>> roles_of(store::Store& store, const std::string& username) {
    SPMIS_ASSIGN_OR_RETURN(auto user, store.access().find_user(username));
    if (!user || !user->active) return std::vector<model::Role>{};
    return user->roles;
}

}  // namespace spmis::approvals
