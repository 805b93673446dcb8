// Device store: offline lookups (balance estimates, people search, credential ledger) and quantities.

#include <algorithm>
#include <charconv>
#include <set>

#include "spmis/base/text_fold.hpp"
#include "spmis/sync/device_store.hpp"
#include "sqlite_db.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::as_int;
using device::as_text;
using nlohmann::json;

namespace {

// The name lookup: index entries whose key (a folded name from one of its words on) starts with the
// folded query, walked in key order so it stops after `limit` rows (a range scan of name_keys_word).
constexpr char kNameKeySql[] =
    "SELECT registrant_id FROM name_keys WHERE word_key >= ? AND word_key < ? ORDER BY word_key, "
    "registrant_id LIMIT ?";

// A person's pulled entitlements. CROSS JOIN fixes the loop order: without statistics SQLite
// otherwise walks every pulled entitlement and probes holders for each, making a lookup O(scope).
constexpr char kHoldingsSql[] =
    "SELECT p.id, p.data FROM holders h CROSS JOIN pulled p ON p.kind = 'entitlement' AND "
    "p.id = h.entitlement_id WHERE h.registrant_id IN (?1, ?2) ORDER BY p.id";

// The smallest string above every string that starts with `prefix` ("" when there is none).
std::string prefix_upper_bound(std::string prefix) {
    while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
    if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
    return prefix;
}

// Appends `rid` unless already present; true when `out` is full.
bool add_hit(std::vector<std::string>& out, const std::string& rid, std::size_t limit) {
    if (std::find(out.begin(), out.end(), rid) == out.end()) out.push_back(rid);
    return out.size() >= limit;
}

}  // namespace

Result<BalanceEstimate> DeviceStore::balance_in_tx(const Uuid& entitlement_id) const {
    SPMIS_ASSIGN_OR_RETURN(auto ent, entitlement(entitlement_id));
    return balance_of(entitlement_id, ent ? &*ent : nullptr);
}

Result<BalanceEstimate> DeviceStore::balance_of(const Uuid& entitlement_id,
                                                const PulledEntitlement* ent) const {
    BalanceEstimate b;
    if (ent != nullptr) {
        b.pulled_remaining_milli = ent->remaining_milli;
        b.unit = ent->unit;
    }
    // Redemptions recorded here that the pulled copy does not include yet.
    SPMIS_ASSIGN_OR_RETURN(auto rows, db_->query("SELECT COALESCE(SUM(quantity_milli), 0) FROM redemptions "
                                                 "WHERE entitlement_id = ? AND reflected = 0 AND voided = 0",
                                                 {entitlement_id.to_string()}));
    b.pending_milli = rows.empty() ? 0 : as_int(rows[0][0]);
    b.estimate_milli = b.pulled_remaining_milli - b.pending_milli;
    return b;
}

Result<BalanceEstimate> DeviceStore::balance(const Uuid& entitlement_id) const {
    return balance_in_tx(entitlement_id);
}

Result<bool> DeviceStore::credential_redeemed(const std::string& cti) const {
    SPMIS_ASSIGN_OR_RETURN(auto rows, db_->query("SELECT 1 FROM redeemed_credentials WHERE cti = ?", {cti}));
    return !rows.empty();
}

Result<std::vector<std::string>> DeviceStore::find_ids(const std::string& query, std::size_t limit) const {
    std::vector<std::string> out;
    std::string folded = fold_for_search(query);
    if (folded.empty()) return make_error(ErrorCode::kInvalidArgument, "empty search");
    // Exact id or national id first, then names in key order.
    SPMIS_ASSIGN_OR_RETURN(auto exact, db_->query("SELECT registrant_id FROM people WHERE registrant_id = ? "
                                                  "UNION SELECT registrant_id FROM people WHERE "
                                                  "national_id <> '' AND national_id = ? ORDER BY 1",
                                                  {folded, query}));
    for (const auto& r : exact) {
        if (add_hit(out, as_text(r[0]), limit)) return out;
    }
    std::string upper = prefix_upper_bound(folded);
    if (upper.empty()) upper = std::string(4, '\xFF');
    // A person matches once per word; fetch more rows than needed and widen while they run out.
    for (std::size_t fetch = limit * 4; limit > 0; fetch *= 2) {
        std::vector<std::string> round = out;
        SPMIS_ASSIGN_OR_RETURN(auto rows,
                               db_->query(kNameKeySql, {folded, upper, static_cast<std::int64_t>(fetch)}));
        for (const auto& r : rows) {
            if (add_hit(round, as_text(r[0]), limit)) return round;
        }
        if (rows.size() < fetch) return round;
    }
    return out;
}

Result<std::vector<std::string>> DeviceStore::find_plan() const {
    SPMIS_ASSIGN_OR_RETURN(
        auto rows, db_->query(std::string("EXPLAIN QUERY PLAN ") + kNameKeySql, {"a", "b", std::int64_t{1}}));
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(as_text(r.back()));
    return out;
}

Result<std::vector<std::string>> DeviceStore::holdings_plan() const {
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           db_->query(std::string("EXPLAIN QUERY PLAN ") + kHoldingsSql, {"a", "b"}));
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(as_text(r.back()));
    return out;
}

Result<FoundPerson> DeviceStore::found_person(const std::string& rid) const {
    SPMIS_ASSIGN_OR_RETURN(auto rows, db_->query("SELECT name, national_id, household_id FROM people WHERE "
                                                 "registrant_id = ? ORDER BY national_id DESC LIMIT 1",
                                                 {rid}));
    if (rows.empty()) return make_error(ErrorCode::kNotFound, "no person " + rid);
    FoundPerson p;
    SPMIS_ASSIGN_OR_RETURN(p.registrant_id, Uuid::parse(rid));
    p.name = as_text(rows[0][0]);
    p.national_id = as_text(rows[0][1]);
    if (auto hh = Uuid::parse(as_text(rows[0][2])); hh.ok()) {
        p.household_id = *hh;
        // The members, not the household's own record (indexed under its own id as a beneficiary).
        SPMIS_ASSIGN_OR_RETURN(auto members, db_->query("SELECT MIN(member_json) FROM people WHERE "
                                                        "household_id = ?1 AND registrant_id <> ?1 "
                                                        "GROUP BY registrant_id ORDER BY 1",
                                                        {hh->to_string()}));
        for (const auto& m : members) p.household.push_back(json::parse(as_text(m[0]), nullptr, false));
    }
    SPMIS_RETURN_IF_ERROR(add_entitlements(p));
    return p;
}

Status DeviceStore::add_entitlements(FoundPerson& p) const {
    // What the person holds and what their household holds: any member finds the household's basket.
    const std::string household = p.household_id ? p.household_id->to_string() : p.registrant_id.to_string();
    SPMIS_ASSIGN_OR_RETURN(auto ents, db_->query(kHoldingsSql, {p.registrant_id.to_string(), household}));
    std::set<std::string> seen_memberships;
    for (const auto& e : ents) {
        SPMIS_ASSIGN_OR_RETURN(auto eid, Uuid::parse(as_text(e[0])));
        SPMIS_ASSIGN_OR_RETURN(PulledData held, device::decode_held("entitlement", as_text(e[1])));
        const auto* ent = &std::get<PulledEntitlement>(held);
        SPMIS_ASSIGN_OR_RETURN(auto bal, balance_of(eid, ent));
        json data = encode_pulled(held);
        data["estimate_milli"] = bal.estimate_milli;
        if (ent->membership && seen_memberships.insert(ent->membership->id.to_string()).second) {
            json membership = to_json(*ent->membership);
            SPMIS_ASSIGN_OR_RETURN(auto local, db_->query("SELECT state FROM membership_local WHERE id = ?",
                                                          {ent->membership->id.to_string()}));
            if (!local.empty()) membership["state"] = as_text(local[0][0]);
            p.memberships.push_back(membership);
        }
        p.entitlements.push_back(std::move(data));
    }
    return {};
}

Result<std::vector<FoundPerson>> DeviceStore::find(const std::string& query, std::size_t limit) const {
    SPMIS_ASSIGN_OR_RETURN(auto ids, find_ids(query, limit));
    std::vector<FoundPerson> out;
    out.reserve(ids.size());
    for (const auto& rid : ids) {
        SPMIS_ASSIGN_OR_RETURN(auto p, found_person(rid));
        out.push_back(std::move(p));
    }
    return out;
}

Result<std::int64_t> parse_quantity_milli(std::string_view text) {
    auto bad = [&] {
        return make_error(
            ErrorCode::kInvalidArgument,
            "quantity '" + std::string(text) + "' must be a positive decimal with at most 3 decimals");
    };
    auto dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 12 || frac.size() > 3 ||
        (dot != std::string_view::npos && frac.empty())) {
        return bad();
    }
    std::int64_t w = 0;
    auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), w);
    if (ec != std::errc() || p != whole.data() + whole.size() || w < 0) return bad();
    std::int64_t f = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        char c = i < frac.size() ? frac[i] : '0';
        if (c < '0' || c > '9') return bad();
        f = f * 10 + (c - '0');
    }
    return w * 1000 + f;
}

std::string format_quantity_milli(std::int64_t milli) {
    std::string sign = milli < 0 ? "-" : "";
    std::int64_t a = milli < 0 ? -milli : milli;
    std::string out = sign + std::to_string(a / 1000);
    if (std::int64_t f = a % 1000; f != 0) {
        std::string frac = std::to_string(f);
        frac = std::string(3 - frac.size(), '0') + frac;
        while (frac.back() == '0') frac.pop_back();
        out += "." + frac;
    }
    return out;
}

}  // namespace spmis::sync
