// Device store: pulled records, pages and cursor in one transaction, re-pulls and the scope digest.

#include <sodium.h>

#include <algorithm>

#include "device/sqlite_db.hpp"
#include "device/store_util.hpp"
#include "spmis/base/text_fold.hpp"
#include "spmis/sync/device_store.hpp"

namespace spmis::sync {

using device::as_int;
using device::as_text;
using nlohmann::json;

namespace {

std::string text_at(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

device::Value nullable(const std::string& s) { return s.empty() ? device::Value(nullptr) : device::Value(s); }

}  // namespace

Status DeviceStore::index_people(const std::string& kind, const std::string& id, const json& data) {
    std::string source = kind + ":" + id;
    SPMIS_RETURN_IF_ERROR(device::discard(db_->run("DELETE FROM people WHERE source_id = ?", {source})));
    SPMIS_RETURN_IF_ERROR(device::discard(db_->run("DELETE FROM name_keys WHERE source_id = ?", {source})));
    SPMIS_RETURN_IF_ERROR(device::discard(db_->run("DELETE FROM holders WHERE entitlement_id = ?", {id})));
    if (kind != "entitlement" || !data.is_object()) return {};
    const json beneficiary = data.value("beneficiary", json::object());
    std::string household = text_at(beneficiary, "household_id");
    auto insert = [&](const json& person, const std::string& national_id) -> Status {
        std::string pid = text_at(person, "id");
        if (pid.empty()) return {};
        std::string name = text_at(person, "name");
        std::string folded = fold_for_search(name);
        SPMIS_RETURN_IF_ERROR(device::discard(
            db_->run("INSERT OR REPLACE INTO people (registrant_id, source_id, name, name_fold, national_id, "
                     "household_id, member_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     {pid, source, name, folded, national_id, nullable(household), person.dump()})));
        for (const auto& key : name_word_keys(folded)) {
            SPMIS_RETURN_IF_ERROR(device::discard(
                db_->run("INSERT INTO name_keys (word_key, registrant_id, source_id) VALUES (?, ?, ?)",
                         {key, pid, source})));
        }
        return {};
    };
    for (const auto& member : data.value("household", json::array()))
        SPMIS_RETURN_IF_ERROR(insert(member, ""));
    SPMIS_RETURN_IF_ERROR(insert(beneficiary, text_at(beneficiary, "national_id")));
    for (const auto& holder : {text_at(data, "registrant_id"), text_at(beneficiary, "id")}) {
        if (holder.empty()) continue;
        SPMIS_RETURN_IF_ERROR(device::discard(db_->run(
            "INSERT OR IGNORE INTO holders (registrant_id, entitlement_id) VALUES (?, ?)", {holder, id})));
    }
    return {};
}

Status DeviceStore::converge_on(const json& entitlement) {
    // Voided on the server (centrally or by any device): void here too and free the credential.
    for (const auto& voided : entitlement.value("voided_redemptions", json::array())) {
        if (!voided.is_string()) continue;
        const std::string id = voided.get<std::string>();
        SPMIS_RETURN_IF_ERROR(
            device::discard(db_->run("UPDATE redemptions SET voided = 1 WHERE id = ?", {id})));
        SPMIS_RETURN_IF_ERROR(
            device::discard(db_->run("DELETE FROM redeemed_credentials WHERE redemption_id = ?", {id})));
    }
    // Credentials that standing redemptions (of any device) used: refused here too, as the server does.
    for (const auto& u : entitlement.value("credentials_used", json::array())) {
        if (!u.is_object()) continue;
        SPMIS_RETURN_IF_ERROR(device::discard(db_->run(
            "INSERT OR IGNORE INTO redeemed_credentials (cti, redemption_id, device_seq) VALUES (?, ?, 0)",
            {text_at(u, "credential_id"), text_at(u, "redemption_id")})));
    }
    // The server's view of the cases about this entitlement (resolved ones leave the attention list).
    for (const auto& c : entitlement.value("cases", json::array())) {
        if (!c.is_object()) continue;
        SPMIS_RETURN_IF_ERROR(
            device::discard(db_->run("INSERT OR REPLACE INTO case_status (id, status) VALUES (?, ?)",
                                     {text_at(c, "id"), text_at(c, "status")})));
    }
    return {};
}

Status DeviceStore::index_record(const std::string& kind, const std::string& id, const json& data) {
    SPMIS_RETURN_IF_ERROR(index_people(kind, id, data));
    if (kind != "entitlement" || !data.is_object()) return {};
    SPMIS_RETURN_IF_ERROR(converge_on(data));
    // This device's acknowledged redemptions are now inside the pulled balance.
    return device::discard(
        db_->run("UPDATE redemptions SET reflected = 1 WHERE entitlement_id = ? AND device_seq IN "
                 "(SELECT device_seq FROM outbox WHERE status = 'acked')",
                 {id}));
}

Status DeviceStore::apply_pull_page(const PullResponse& page) {
    device::Transaction tx(*db_);
    SPMIS_RETURN_IF_ERROR(tx.begun());
    SPMIS_ASSIGN_OR_RETURN(auto gen_rows,
                           db_->query("SELECT pull_generation FROM device_state WHERE id = 1"));
    std::int64_t generation = gen_rows.empty() ? 0 : as_int(gen_rows[0][0]);
    for (const auto& rec : page.records) {
        std::string id = rec.id.to_string();
        if (rec.data.is_null()) {
            SPMIS_RETURN_IF_ERROR(
                device::discard(db_->run("DELETE FROM pulled WHERE kind = ? AND id = ?", {rec.kind, id})));
            SPMIS_RETURN_IF_ERROR(index_record(rec.kind, id, json()));
            continue;
        }
        // A newer copy replaces the older one; an older copy never overwrites a newer one.
        SPMIS_ASSIGN_OR_RETURN(
            auto changed, db_->run("INSERT INTO pulled (kind, id, server_seq, data, generation) "
                                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET "
                                   "server_seq = excluded.server_seq, data = excluded.data, "
                                   "generation = excluded.generation WHERE excluded.server_seq >= server_seq",
                                   {rec.kind, id, rec.server_seq, rec.data.dump(), generation}));
        if (changed > 0) SPMIS_RETURN_IF_ERROR(index_record(rec.kind, id, rec.data));
    }
    SPMIS_RETURN_IF_ERROR(device::discard(
        db_->run("UPDATE device_state SET pull_cursor = ? WHERE id = 1", {page.next_cursor})));
    return tx.commit();
}

Status DeviceStore::begin_repull() {
    return device::discard(db_->run(
        "UPDATE device_state SET pull_cursor = 0, pull_generation = pull_generation + 1, repull_active = 1 "
        "WHERE id = 1"));
}

Status DeviceStore::finish_repull() {
    device::Transaction tx(*db_);
    SPMIS_RETURN_IF_ERROR(tx.begun());
    SPMIS_ASSIGN_OR_RETURN(auto stale, db_->query("SELECT kind, id FROM pulled WHERE generation < "
                                                  "(SELECT pull_generation FROM device_state WHERE id = 1)"));
    for (const auto& r : stale) {
        SPMIS_RETURN_IF_ERROR(index_record(as_text(r[0]), as_text(r[1]), json()));
        SPMIS_RETURN_IF_ERROR(device::discard(
            db_->run("DELETE FROM pulled WHERE kind = ? AND id = ?", {as_text(r[0]), as_text(r[1])})));
    }
    SPMIS_RETURN_IF_ERROR(
        device::discard(db_->run("UPDATE device_state SET repull_active = 0 WHERE id = 1")));
    return tx.commit();
}

Result<ScopeDigest> DeviceStore::scope_digest() const {
    SPMIS_ASSIGN_OR_RETURN(auto rows, db_->query("SELECT kind, id, server_seq FROM pulled"));
    std::vector<std::string> lines;
    lines.reserve(rows.size());
    for (const auto& r : rows) {
        lines.push_back(as_text(r[0]) + ":" + as_text(r[1]) + ":" + std::to_string(as_int(r[2])) + "\n");
    }
    std::sort(lines.begin(), lines.end());
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    for (const auto& l : lines) {
        crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(l.data()), l.size());
    }
    Hash h{};
    crypto_hash_sha256_final(&st, h.data());
    return ScopeDigest{static_cast<std::int64_t>(lines.size()), to_hex(h)};
}

Result<std::optional<json>> DeviceStore::record(const std::string& kind, const Uuid& id) const {
    SPMIS_ASSIGN_OR_RETURN(
        auto rows, db_->query("SELECT data FROM pulled WHERE kind = ? AND id = ?", {kind, id.to_string()}));
    if (rows.empty()) return std::optional<json>();
    auto j = json::parse(as_text(rows[0][0]), nullptr, false);
    if (j.is_discarded()) return make_error(ErrorCode::kCorrupt, "pulled " + kind + " is not JSON");
    return std::optional<json>(std::move(j));
}

Result<std::vector<json>> DeviceStore::records(const std::string& kind) const {
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           db_->query("SELECT data FROM pulled WHERE kind = ? ORDER BY id", {kind}));
    std::vector<json> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(json::parse(as_text(r[0]), nullptr, false));
    return out;
}

Result<std::int64_t> DeviceStore::count_records(const std::string& kind) const {
    SPMIS_ASSIGN_OR_RETURN(auto rows, db_->query("SELECT COUNT(*) FROM pulled WHERE kind = ?", {kind}));
    return rows.empty() ? 0 : as_int(rows[0][0]);
}

}  // namespace spmis::sync
