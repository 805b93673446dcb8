#include "spmis/approvals/engine.hpp"

#include <algorithm>
#include <set>

#include "audit_util.hpp"
#include "spmis/approvals/chains.hpp"
#include "spmis/approvals/delegations.hpp"

namespace spmis::approvals {
namespace {

using model::ApprovalState;
using model::ApprovalVerdict;

bool decided_by(const std::vector<model::ApprovalDecision>& decisions, const std::string& user) {
    return std::any_of(decisions.begin(), decisions.end(),
                       [&](const auto& d) { return d.actor == user || d.on_behalf_of == user; });
}

std::string describe(const model::ApprovalLevel& level) {
    std::string who;
    if (level.role) who = "role " + std::string(model::to_string(*level.role));
    if (!level.permission.empty()) who = "a role with permission " + level.permission;
    for (const auto& u : level.users) who += (who.empty() ? "user " : " or user ") + u;
    return who;
}

// Whether `principal` may count at the request's current level (actor's own checks done).
Result<bool> principal_fits(store::Store& store, const model::ApprovalRequest& request,
                            const std::vector<model::ApprovalDecision>& decisions,
                            const std::string& principal) {
    if (principal == request.requester || decided_by(decisions, principal)) return false;
    SPMIS_ASSIGN_OR_RETURN(auto roles, roles_of(store, principal));
    return qualifies(request.levels.at(static_cast<std::size_t>(request.current_level)), principal, roles);
}

// Whom the actor acts for at the current level; kPermissionDenied when nobody fits.
Result<std::string> choose_principal(store::Store& store, const model::ApprovalRequest& request,
                                     const std::vector<model::ApprovalDecision>& decisions,
                                     const DecisionInput& input) {
    SPMIS_ASSIGN_OR_RETURN(auto delegators, delegators_of(store, input.actor, date_of(input.now)));
    std::vector<std::string> candidates{input.actor};
    candidates.insert(candidates.end(), delegators.begin(), delegators.end());
    if (!input.on_behalf_of.empty()) {
        if (std::find(candidates.begin(), candidates.end(), input.on_behalf_of) == candidates.end()) {
            return make_error(ErrorCode::kPermissionDenied, input.actor + " holds no delegation from " +
                                                                input.on_behalf_of + " valid today");
        }
        candidates = {input.on_behalf_of};
    }
    for (const auto& candidate : candidates) {
        SPMIS_ASSIGN_OR_RETURN(bool fits, principal_fits(store, request, decisions, candidate));
        if (fits) return candidate;
    }
    const auto& level = request.levels.at(static_cast<std::size_t>(request.current_level));
    return make_error(ErrorCode::kPermissionDenied, input.actor + " may not decide at approval level " +
                                                        std::to_string(request.current_level + 1) +
                                                        " (needs " + describe(level) +
                                                        ", directly or by a delegation valid today)");
}

// Distinct principals that approved at `level`.
std::size_t approvals_at(const std::vector<model::ApprovalDecision>& decisions, int level) {
    std::set<std::string> principals;
    for (const auto& d : decisions) {
        if (d.level == level && d.verdict == ApprovalVerdict::kApprove) principals.insert(d.on_behalf_of);
    }
    return principals.size();
}

Status run_effect(store::Store& store, const Handlers& handlers, const model::ApprovalRequest& request,
                  const std::string& actor) {
    const auto it = handlers.find(request.action);
    if (it == handlers.end()) return {};
    const RecordEffect& effect =
        request.state == ApprovalState::kApproved ? it->second.on_approved : it->second.on_rejected;
    return effect ? effect(store, request, actor) : Status{};
}

// Moves the request after `decision`; returns true when it reached a final state.
bool route(model::ApprovalRequest& request, const std::vector<model::ApprovalDecision>& decisions,
           const model::ApprovalDecision& decision) {
    if (decision.verdict == ApprovalVerdict::kReject) {
        request.state = ApprovalState::kRejected;
        return true;
    }
    const auto& level = request.levels.at(static_cast<std::size_t>(request.current_level));
    if (approvals_at(decisions, request.current_level) < static_cast<std::size_t>(level.required))
        return false;
    ++request.current_level;
    if (static_cast<std::size_t>(request.current_level) < request.levels.size()) return false;
    request.state = ApprovalState::kApproved;
    return true;
}

}  // namespace

Result<model::ApprovalRequest> open_request(store::Store& store, const Submission& s, UtcTime now) {
    model::ApprovalRequest request;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto pending, pending_request_for(store, s.record_id));
        if (pending) {
            return make_error(ErrorCode::kAlreadyExists, s.record_kind + " " + s.record_id.to_string() +
                                                             " already has pending approval request " +
                                                             pending->id.to_string());
        }
        SPMIS_ASSIGN_OR_RETURN(request.levels, effective_levels(store, s.program_id, s.action));
        request.id = new_uuid_v7();
        request.program_id = s.program_id;
        request.action = s.action;
        request.record_kind = s.record_kind;
        request.record_id = s.record_id;
        request.requester = s.requester;
        request.created_at = now;
        SPMIS_RETURN_IF_ERROR(store.approvals().insert_request(request));
        return detail::audit(
            store, s.requester, "approval_request", request.id, "create",
            std::string(model::to_string(s.action)) + " of " + s.record_kind + " " + s.record_id.to_string(),
            now);
    }));
    return request;
}

Result<model::ApprovalRequest> decide(store::Store& store, const Handlers& handlers, const Uuid& request_id,
                                      const DecisionInput& input) {
    model::ApprovalRequest request;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(request, store.approvals().get_request(request_id));
        if (request.state != ApprovalState::kPending) {
            return make_error(ErrorCode::kFailedPrecondition,
                              "approval request " + request_id.to_string() + " is " +
                                  std::string(model::to_string(request.state)));
        }
        if (input.actor == request.requester)
            return make_error(ErrorCode::kPermissionDenied, "nobody approves their own request");
        SPMIS_ASSIGN_OR_RETURN(auto decisions, store.approvals().list_decisions(request_id));
        if (decided_by(decisions, input.actor))
            return make_error(ErrorCode::kConflict, input.actor + " already decided on this request");
        SPMIS_ASSIGN_OR_RETURN(std::string principal, choose_principal(store, request, decisions, input));
        model::ApprovalDecision decision{new_uuid_v7(), request.id,    request.current_level, input.actor,
                                         principal,     input.verdict, input.comment,         input.now};
        SPMIS_RETURN_IF_ERROR(store.approvals().insert_decision(decision));
        decisions.push_back(decision);
        const std::string who = principal == input.actor ? input.actor : input.actor + " for " + principal;
        SPMIS_RETURN_IF_ERROR(detail::audit(
            store, input.actor, "approval_request", request.id,
            std::string(model::to_string(input.verdict)).c_str(),
            who + " at level " + std::to_string(decision.level + 1) + ": " + input.comment, input.now));
        if (!route(request, decisions, decision)) return store.approvals().update_request(request);
        request.decided_at = input.now;
        SPMIS_RETURN_IF_ERROR(store.approvals().update_request(request));
        return run_effect(store, handlers, request, input.actor);
    }));
    return request;
}

Status cancel_requests_for(store::Store& store, const Uuid& record_id, const std::string& actor,
                           UtcTime now) {
    return store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto pending, pending_request_for(store, record_id));
        if (!pending) return {};
        pending->state = ApprovalState::kCancelled;
        pending->decided_at = now;
        SPMIS_RETURN_IF_ERROR(store.approvals().update_request(*pending));
        return detail::audit(store, actor, "approval_request", pending->id, "cancel", "record cancelled",
                             now);
    });
}

Result<std::optional<model::ApprovalRequest>> pending_request_for(store::Store& store,
                                                                  const Uuid& record_id) {
    SPMIS_ASSIGN_OR_RETURN(auto all, store.approvals().list_requests_for_record(record_id));
    for (auto& r : all) {
        if (r.state == ApprovalState::kPending) return std::optional<model::ApprovalRequest>(std::move(r));
    }
    return std::optional<model::ApprovalRequest>();
}

Result<std::vector<model::ApprovalRequest>> actionable_requests(store::Store& store,
                                                                const std::string& username, UtcTime now) {
    SPMIS_ASSIGN_OR_RETURN(auto pending, store.approvals().list_requests(ApprovalState::kPending));
    std::vector<model::ApprovalRequest> out;
    DecisionInput probe;
    probe.actor = username;
    probe.now = now;
    for (auto& request : pending) {
        if (request.requester == username) continue;
        SPMIS_ASSIGN_OR_RETURN(auto decisions, store.approvals().list_decisions(request.id));
        if (decided_by(decisions, username)) continue;
        // Only "may not decide" leaves a request out: a failed read must fail the list, not shorten it.
        Result<std::string> principal = choose_principal(store, request, decisions, probe);
        if (principal.ok()) {
            out.push_back(std::move(request));
        } else if (principal.status().code() != ErrorCode::kPermissionDenied) {
            return principal.status();
        }
    }
    return out;
}

}  // namespace spmis::approvals
