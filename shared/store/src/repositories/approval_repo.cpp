#include "repositories/approval_repo.hpp"

#include <nlohmann/json.hpp>

namespace spmis::store::SPMIS_STORE_NS {
namespace {

using nlohmann::json;

const std::string kRequestSelect =
    "SELECT id, program_id, action, record_kind, record_id, requester, state, current_level, levels, "
    "created_at, decided_at FROM approval_requests ";
const std::string kDecisionSelect =
    "SELECT id, request_id, level, actor, on_behalf_of, verdict, comment, at FROM approval_decisions ";
const std::string kDelegationSelect =
    "SELECT d.id, d.delegator, d.delegate, d.from_date, d.until_date, d.reason, d.created_at, e.ended_at, "
    "COALESCE(e.ended_by, '') FROM delegations d LEFT JOIN delegation_ends e ON e.delegation_id = d.id ";

std::string encode_levels(const std::vector<model::ApprovalLevel>& levels) {
    json out = json::array();
    for (const auto& l : levels) {
        json level = {{"users", l.users}, {"required", l.required}};
        if (l.role) level["role"] = std::string(model::to_string(*l.role));
        if (!l.permission.empty()) level["permission"] = l.permission;
        out.push_back(level);
    }
    return out.dump();
}

Result<std::vector<model::ApprovalLevel>> decode_levels(const std::string& text) {
    std::vector<model::ApprovalLevel> out;
    try {
        for (const json& j : json::parse(text)) {
            model::ApprovalLevel level;
            if (j.contains("role")) {
                SPMIS_ASSIGN_OR_RETURN(level.role,
                                       model::parse_enum<model::Role>(j.at("role").get<std::string>()));
            }
            level.users = j.at("users").get<std::vector<std::string>>();
            level.permission = j.value("permission", "");
            level.required = j.at("required").get<int>();
            out.push_back(std::move(level));
        }
    } catch (const json::exception& e) {
        return make_error(ErrorCode::kCorrupt, std::string("stored approval levels unreadable: ") + e.what());
    }
    return out;
}

// A request row with its levels still as JSON text (decoded after the row is read).
struct RequestRow {
    model::ApprovalRequest request;
    std::string levels;
};

RequestRow read_request(Row& r) {
    RequestRow row;
    auto& q = row.request;
    q.id = r.uuid();
    q.program_id = r.uuid();
    q.action = enumeration<model::ApprovalAction>(r);
    q.record_kind = r.text();
    q.record_id = r.uuid();
    q.requester = r.text();
    q.state = enumeration<model::ApprovalState>(r);
    q.current_level = r.i32();
    row.levels = r.text();
    q.created_at = r.time();
    q.decided_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
    return row;
}

Result<std::vector<model::ApprovalRequest>> with_levels(Result<std::vector<RequestRow>> rows) {
    if (!rows.ok()) return rows.status();
    std::vector<model::ApprovalRequest> out;
    out.reserve(rows->size());
    for (auto& row : *rows) {
        SPMIS_ASSIGN_OR_RETURN(row.request.levels, decode_levels(row.levels));
        out.push_back(std::move(row.request));
    }
    return out;
}

model::ApprovalDecision read_decision(Row& r) {
    model::ApprovalDecision d;
    d.id = r.uuid();
    d.request_id = r.uuid();
    d.level = r.i32();
    d.actor = r.text();
    d.on_behalf_of = r.text();
    d.verdict = enumeration<model::ApprovalVerdict>(r);
    d.comment = r.text();
    d.at = r.time();
    return d;
}

model::Delegation read_delegation(Row& r) {
    model::Delegation d;
    d.id = r.uuid();
    d.delegator = r.text();
    d.delegate = r.text();
    d.from = r.date();
    d.until = r.date();
    d.reason = r.text();
    d.created_at = r.time();
    d.ended_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
    d.ended_by = r.text();
    return d;
}

}  // namespace

Status SqlApprovals::put_chain(const model::ApprovalChain& c) {
    return run(db_,
               "INSERT INTO approval_chains (program_id, action, levels, updated_by, updated_at) "
               "VALUES (?,?,?,?,?) ON CONFLICT (program_id, action) DO UPDATE SET levels = excluded.levels, "
               "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
               c.program_id, c.action, encode_levels(c.levels), c.updated_by, c.updated_at);
}

Result<std::optional<model::ApprovalChain>> SqlApprovals::find_chain(const Uuid& program_id,
                                                                     model::ApprovalAction action) {
    using Row5 = std::pair<model::ApprovalChain, std::string>;
    SPMIS_ASSIGN_OR_RETURN(
        auto row, query_one<Row5>(
                      db_,
                      "SELECT program_id, action, levels, updated_by, updated_at FROM approval_chains "
                      "WHERE program_id = ? AND action = ?",
                      [](Row& r) {
                          Row5 out;
                          out.first.program_id = r.uuid();
                          out.first.action = enumeration<model::ApprovalAction>(r);
                          out.second = r.text();
                          out.first.updated_by = r.text();
                          out.first.updated_at = r.time();
                          return out;
                      },
                      program_id, action));
    if (!row) return std::optional<model::ApprovalChain>();
    SPMIS_ASSIGN_OR_RETURN(row->first.levels, decode_levels(row->second));
    return std::optional<model::ApprovalChain>(std::move(row->first));
}

Status SqlApprovals::insert_request(const model::ApprovalRequest& r) {
    return run(
        db_,
        "INSERT INTO approval_requests (id, program_id, action, record_kind, record_id, requester, state, "
        "current_level, levels, created_at, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        r.id, r.program_id, r.action, r.record_kind, r.record_id, r.requester, r.state, r.current_level,
        encode_levels(r.levels), r.created_at, r.decided_at);
}

Status SqlApprovals::update_request(const model::ApprovalRequest& r) {
    return run(db_,
               "UPDATE approval_requests SET state = ?2, current_level = ?3, decided_at = ?4 WHERE id = ?1",
               r.id, r.state, r.current_level, r.decided_at);
}

Result<model::ApprovalRequest> SqlApprovals::get_request(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(
        auto rows, with_levels(query<RequestRow>(db_, kRequestSelect + "WHERE id = ?", read_request, id)));
    if (rows.empty()) {
        return make_error(ErrorCode::kNotFound, "approval request " + id.to_string() + " does not exist");
    }
    return std::move(rows.front());
}

Result<std::vector<model::ApprovalRequest>> SqlApprovals::list_requests(
    std::optional<model::ApprovalState> state) {
    if (!state) return with_levels(query<RequestRow>(db_, kRequestSelect + "ORDER BY id", read_request));
    return with_levels(
        query<RequestRow>(db_, kRequestSelect + "WHERE state = ? ORDER BY id", read_request, *state));
}

Result<std::vector<model::ApprovalRequest>> SqlApprovals::list_requests_for_record(const Uuid& record_id) {
    return with_levels(
        query<RequestRow>(db_, kRequestSelect + "WHERE record_id = ? ORDER BY id", read_request, record_id));
}

Status SqlApprovals::insert_decision(const model::ApprovalDecision& d) {
    return run(
        db_,
        "INSERT INTO approval_decisions (id, request_id, level, actor, on_behalf_of, verdict, comment, at) "
        "VALUES (?,?,?,?,?,?,?,?)",
        d.id, d.request_id, d.level, d.actor, d.on_behalf_of, d.verdict, d.comment, d.at);
}

Result<std::vector<model::ApprovalDecision>> SqlApprovals::list_decisions(const Uuid& request_id) {
    return query<model::ApprovalDecision>(db_, kDecisionSelect + "WHERE request_id = ? ORDER BY id",
                                          read_decision, request_id);
}

Status SqlApprovals::insert_delegation(const model::Delegation& d) {
    SPMIS_RETURN_IF_ERROR(
        run(db_,
            "INSERT INTO delegations (id, delegator, delegate, from_date, until_date, reason, created_at) "
            "VALUES (?,?,?,?,?,?,?)",
            d.id, d.delegator, d.delegate, d.from, d.until, d.reason, d.created_at));
    return d.ended_at ? end_delegation(d.id, d.ended_by, *d.ended_at) : Status{};
}

Result<std::vector<model::Delegation>> SqlApprovals::list_delegations(const std::string& username) {
    if (username.empty()) {
        return query<model::Delegation>(db_, kDelegationSelect + "ORDER BY d.id", read_delegation);
    }
    return query<model::Delegation>(
        db_, kDelegationSelect + "WHERE d.delegator = ?1 OR d.delegate = ?1 ORDER BY d.id", read_delegation,
        username);
}

Result<model::Delegation> SqlApprovals::get_delegation(const Uuid& id) {
    return get_by_id<model::Delegation>(db_, kDelegationSelect + "WHERE d.id = ?", read_delegation,
                                        "delegation", id);
}

Status SqlApprovals::end_delegation(const Uuid& id, const std::string& by, UtcTime at) {
    SPMIS_RETURN_IF_ERROR(get_delegation(id).status());
    return run(db_, "INSERT INTO delegation_ends (delegation_id, ended_at, ended_by) VALUES (?,?,?)", id, at,
               by);
}

}  // namespace spmis::store::SPMIS_STORE_NS
