// Device store: offline lookups (balance estimates, people search, credential ledger) and quantities.

#include <algorithm>
#include <charconv>
#include <set>

#include "spmis/base/text_fold.hpp"
#include "spmis/sync/device_store.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::query;
using device::query_int;
using device::Row;
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

// The plan step's text: the last of EXPLAIN QUERY PLAN's columns (id, parent, notused, detail).
std::string plan_detail(Row& r) {
    r.skip();
    r.skip();
    r.skip();
    return r.text();
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
    SPMIS_ASSIGN_OR_RETURN(b.pending_milli,
                           query_int(*db_,
                                     "SELECT COALESCE(SUM(quantity_milli), 0) FROM redemptions "
                                     "WHERE entitlement_id = ? AND reflected = 0 AND voided = 0",
                                     0, entitlement_id.to_string()));
    b.estimate_milli = b.pulled_remaining_milli - b.pending_milli;
    return b;
}

Result<BalanceEstimate> DeviceStore::balance(const Uuid& entitlement_id) const {
    return balance_in_tx(entitlement_id);
}

Result<bool> DeviceStore::credential_redeemed(const std::string& cti) const {
    SPMIS_ASSIGN_OR_RETURN(
        std::int64_t n, query_int(*db_, "SELECT COUNT(*) FROM redeemed_credentials WHERE cti = ?", 0, cti));
    return n > 0;
}

Result<std::vector<std::string>> DeviceStore::find_ids(const std::string& text, std::size_t limit) const {
    std::vector<std::string> out;
    std::string folded = fold_for_search(text);
    if (folded.empty()) return make_error(ErrorCode::kInvalidArgument, "empty search");
    // Exact id or national id first, then names in key order.
    SPMIS_ASSIGN_OR_RETURN(auto exact,
                           query<std::string>(*db_,
                                              "SELECT registrant_id FROM people WHERE registrant_id = ? "
                                              "UNION SELECT registrant_id FROM people WHERE "
                                              "national_id <> '' AND national_id = ? ORDER BY 1",
                                              device::read_text, folded, text));
    for (const auto& rid : exact) {
        if (add_hit(out, rid, limit)) return out;
    }
    std::string upper = prefix_upper_bound(folded);
    if (upper.empty()) upper = std::string(4, '\xFF');
    // A person matches once per word; fetch more rows than needed and widen while they run out.
    for (std::size_t fetch = limit * 4; limit > 0; fetch *= 2) {
        std::vector<std::string> round = out;
        SPMIS_ASSIGN_OR_RETURN(auto rows, query<std::string>(*db_, kNameKeySql, device::read_text, folded,
                                                             upper, static_cast<std::int64_t>(fetch)));
        for (const auto& rid : rows) {
            if (add_hit(round, rid, limit)) return round;
        }
        if (rows.size() < fetch) return round;
    }
    return out;
}

Result<std::vector<std::string>> DeviceStore::find_plan() const {
    return query<std::string>(*db_, std::string("EXPLAIN QUERY PLAN ") + kNameKeySql, plan_detail, "a", "b",
                              std::int64_t{1});
}

Result<std::vector<std::string>> DeviceStore::holdings_plan() const {
    return query<std::string>(*db_, std::string("EXPLAIN QUERY PLAN ") + kHoldingsSql, plan_detail, "a", "b");
}

Result<FoundPerson> DeviceStore::found_person(const std::string& rid) const {
    struct Person {
        std::string name, national_id, household_id;
    };
    SPMIS_ASSIGN_OR_RETURN(auto row, device::query_one<Person>(
                                         *db_,
                                         "SELECT name, national_id, household_id FROM people WHERE "
                                         "registrant_id = ? ORDER BY national_id DESC LIMIT 1",
                                         [](Row& r) {
                                             return Person{r.text(), r.text(), r.text()};
                                         },
                                         rid));
    if (!row) return make_error(ErrorCode::kNotFound, "no person " + rid);
    FoundPerson p;
    SPMIS_ASSIGN_OR_RETURN(p.registrant_id, Uuid::parse(rid));
    p.name = row->name;
    p.national_id = row->national_id;
    if (auto hh = Uuid::parse(row->household_id); hh.ok()) {
        p.household_id = *hh;
        // The members, not the household's own record (indexed under its own id as a beneficiary).
        SPMIS_ASSIGN_OR_RETURN(auto members, query<std::string>(*db_,
                                                                "SELECT MIN(member_json) FROM people WHERE "
                                                                "household_id = ?1 AND registrant_id <> ?1 "
                                                                "GROUP BY registrant_id ORDER BY 1",
                                                                device::read_text, hh->to_string()));
        for (const auto& m : members) p.household.push_back(json::parse(m, nullptr, false));
    }
    SPMIS_RETURN_IF_ERROR(add_entitlements(p));
    return p;
}

Status DeviceStore::add_entitlements(FoundPerson& p) const {
    // What the person holds and what their household holds: any member finds the household's basket.
    const std::string household = p.household_id ? p.household_id->to_string() : p.registrant_id.to_string();
    SPMIS_ASSIGN_OR_RETURN(auto ents, query<device::HeldRow>(*db_, kHoldingsSql, device::read_held_row,
                                                             p.registrant_id.to_string(), household));
    std::set<std::string> seen_memberships;
    for (const auto& e : ents) {
        SPMIS_ASSIGN_OR_RETURN(auto eid, Uuid::parse(e.id));
        SPMIS_ASSIGN_OR_RETURN(PulledData held, device::decode_held("entitlement", e.data));
        const auto* ent = &std::get<PulledEntitlement>(held);
        SPMIS_ASSIGN_OR_RETURN(auto bal, balance_of(eid, ent));
        json data = encode_pulled(held);
        data["estimate_milli"] = bal.estimate_milli;
        if (ent->membership && seen_memberships.insert(ent->membership->id.to_string()).second) {
            json membership = to_json(*ent->membership);
            SPMIS_ASSIGN_OR_RETURN(auto local, device::query_one<std::string>(
                                                   *db_, "SELECT state FROM membership_local WHERE id = ?",
                                                   device::read_text, ent->membership->id.to_string()));
            if (local) membership["state"] = *local;
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

namespace spmis::sync {

Result<DistributionSummary> DeviceStore::distribution_summary() const {
    DistributionSummary d;
    SPMIS_ASSIGN_OR_RETURN(d.beneficiaries,
                           device::query_int(*db_, "SELECT COUNT(DISTINCT registrant_id) FROM holders", 0));
    SPMIS_ASSIGN_OR_RETURN(d.served,
                           device::query_int(*db_,
                                             "SELECT COUNT(DISTINCT h.registrant_id) FROM holders h "
                                             "JOIN redemptions r ON r.entitlement_id = h.entitlement_id "
                                             "WHERE r.voided = 0",
                                             0));
    SPMIS_ASSIGN_OR_RETURN(auto state, this->state());
    if (state.open_event) {
        SPMIS_ASSIGN_OR_RETURN(
            d.attended, device::query_int(*db_, "SELECT COUNT(*) FROM attendance WHERE event_id = ?", 0,
                                          state.open_event->to_string()));
    }
    // The unit of each hand-out is its entitlement's (a redemption of one not held counts as "").
    using UnitQuantity = std::pair<std::string, std::int64_t>;
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           device::query<UnitQuantity>(
                               *db_,
                               "SELECT COALESCE(json_extract(p.data, '$.unit'), ''), SUM(r.quantity_milli) "
                               "FROM redemptions r LEFT JOIN pulled p ON p.kind = 'entitlement' AND "
                               "p.id = r.entitlement_id WHERE r.voided = 0 GROUP BY 1 ORDER BY 1",
                               [](device::Row& r) {
                                   return UnitQuantity{r.text(), r.i64()};
                               }));
    for (const auto& [unit, milli] : rows) d.handed_out_milli[unit] = milli;
    return d;
}

}  // namespace spmis::sync
