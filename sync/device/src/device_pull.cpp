// Device store: pulled records, pages and cursor in one transaction, re-pulls and the scope digest.

#include <sodium.h>

#include <algorithm>

#include "spmis/base/text_fold.hpp"
#include "spmis/sync/device_store.hpp"
#include "spmis/sync/trust_list.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::decode_held;
using device::query;
using device::query_int;
using device::Row;
using device::run;
using nlohmann::json;

namespace {

using KindAndId = std::pair<std::string, std::string>;

// Ids are stored as text on the device.
std::optional<std::string> nullable(const std::optional<Uuid>& id) {
    return id ? std::optional<std::string>(id->to_string()) : std::nullopt;
}

}  // namespace

Status DeviceStore::index_people(const std::string& kind, const std::string& id, const PulledEntitlement* e) {
    std::string source = kind + ":" + id;
    SPMIS_RETURN_IF_ERROR(run(*db_, "DELETE FROM people WHERE source_id = ?", source));
    SPMIS_RETURN_IF_ERROR(run(*db_, "DELETE FROM name_keys WHERE source_id = ?", source));
    SPMIS_RETURN_IF_ERROR(run(*db_, "DELETE FROM holders WHERE entitlement_id = ?", id));
    if (e == nullptr) return {};
    const std::optional<Uuid> household = e->beneficiary ? e->beneficiary->household_id : std::nullopt;
    auto insert = [&](const Uuid& person, const std::string& name, const std::string& national_id,
                      const json& member) -> Status {
        const std::string pid = person.to_string();
        std::string folded = fold_for_search(name);
        SPMIS_RETURN_IF_ERROR(
            run(*db_,
                "INSERT OR REPLACE INTO people (registrant_id, source_id, name, name_fold, national_id, "
                "household_id, member_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                pid, source, name, folded, national_id, nullable(household), member.dump()));
        for (const auto& key : name_word_keys(folded)) {
            SPMIS_RETURN_IF_ERROR(
                run(*db_, "INSERT INTO name_keys (word_key, registrant_id, source_id) VALUES (?, ?, ?)", key,
                    pid, source));
        }
        return {};
    };
    // A member's national id is shown, not searched: the beneficiary's is the one a lookup finds.
    for (const auto& member : e->household)
        SPMIS_RETURN_IF_ERROR(insert(member.id, member.name, "", to_json(member)));
    if (e->beneficiary) {
        const PulledBeneficiary& b = *e->beneficiary;
        SPMIS_RETURN_IF_ERROR(insert(b.id, b.name, b.national_id, to_json(b)));
    }
    std::vector<Uuid> holders{e->registrant_id};
    if (e->beneficiary) holders.push_back(e->beneficiary->id);
    for (const auto& holder : holders) {
        SPMIS_RETURN_IF_ERROR(
            run(*db_, "INSERT OR IGNORE INTO holders (registrant_id, entitlement_id) VALUES (?, ?)",
                holder.to_string(), id));
    }
    return {};
}

Status DeviceStore::converge_on(const PulledEntitlement& entitlement) {
    // Voided on the server (centrally or by any device): void here too and free the credential.
    for (const Uuid& voided : entitlement.voided_redemptions) {
        const std::string id = voided.to_string();
        SPMIS_RETURN_IF_ERROR(run(*db_, "UPDATE redemptions SET voided = 1 WHERE id = ?", id));
        SPMIS_RETURN_IF_ERROR(run(*db_, "DELETE FROM redeemed_credentials WHERE redemption_id = ?", id));
    }
    // Credentials that standing redemptions (of any device) used: refused here too, as the server does.
    for (const UsedCredential& u : entitlement.credentials_used) {
        SPMIS_RETURN_IF_ERROR(run(
            *db_,
            "INSERT OR IGNORE INTO redeemed_credentials (cti, redemption_id, device_seq) VALUES (?, ?, 0)",
            u.credential_id, u.redemption_id.to_string()));
    }
    // The server's view of the cases about this entitlement (resolved ones leave the attention list).
    for (const PulledCase& c : entitlement.cases) {
        SPMIS_RETURN_IF_ERROR(run(*db_, "INSERT OR REPLACE INTO case_status (id, status) VALUES (?, ?)",
                                  c.id.to_string(), c.status));
    }
    return {};
}

Status DeviceStore::index_record(const std::string& kind, const std::string& id, const PulledData* data) {
    const auto* entitlement = data ? std::get_if<PulledEntitlement>(data) : nullptr;
    SPMIS_RETURN_IF_ERROR(index_people(kind, id, entitlement));
    if (entitlement == nullptr) return {};
    SPMIS_RETURN_IF_ERROR(converge_on(*entitlement));
    // This device's acknowledged redemptions are now inside the pulled balance.
    return run(*db_,
               "UPDATE redemptions SET reflected = 1 WHERE entitlement_id = ? AND device_seq IN "
               "(SELECT device_seq FROM outbox WHERE status = 'acked')",
               id);
}

Status DeviceStore::apply_pull_page(const PullResponse& page) {
    return db_->transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(const std::int64_t generation,
                               query_int(*db_, "SELECT pull_generation FROM device_state WHERE id = 1", 0));
        for (const auto& rec : page.records) {
            std::string id = rec.id.to_string();
            if (!rec.data) {
                SPMIS_RETURN_IF_ERROR(
                    run(*db_, "DELETE FROM pulled WHERE kind = ? AND id = ?", rec.kind, id));
                SPMIS_RETURN_IF_ERROR(index_record(rec.kind, id, nullptr));
                continue;
            }
            // A newer copy replaces the older one; an older copy never overwrites a newer one. What is
            // kept is the protocol's own encoding of the decoded record, read back by the same decoder.
            SPMIS_ASSIGN_OR_RETURN(
                auto changed, device::run_counted(
                                  *db_,
                                  "INSERT INTO pulled (kind, id, server_seq, data, generation) "
                                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET "
                                  "server_seq = excluded.server_seq, data = excluded.data, "
                                  "generation = excluded.generation WHERE excluded.server_seq >= server_seq",
                                  rec.kind, id, rec.server_seq, encode_pulled(*rec.data).dump(), generation));
            if (changed > 0) SPMIS_RETURN_IF_ERROR(index_record(rec.kind, id, &*rec.data));
        }
        SPMIS_RETURN_IF_ERROR(
            run(*db_, "UPDATE device_state SET pull_cursor = ? WHERE id = 1", page.next_cursor));
        return Status{};
    });
}

Status DeviceStore::begin_repull() {
    return run(
        *db_,
        "UPDATE device_state SET pull_cursor = 0, pull_generation = pull_generation + 1, repull_active = 1 "
        "WHERE id = 1");
}

Status DeviceStore::finish_repull() {
    return db_->transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto stale,
                               query<KindAndId>(*db_,
                                                "SELECT kind, id FROM pulled WHERE generation < "
                                                "(SELECT pull_generation FROM device_state WHERE id = 1)",
                                                [](Row& r) {
                                                    return KindAndId{r.text(), r.text()};
                                                }));
        for (const auto& [kind, id] : stale) {
            SPMIS_RETURN_IF_ERROR(index_record(kind, id, nullptr));
            SPMIS_RETURN_IF_ERROR(run(*db_, "DELETE FROM pulled WHERE kind = ? AND id = ?", kind, id));
        }
        SPMIS_RETURN_IF_ERROR(run(*db_, "UPDATE device_state SET repull_active = 0 WHERE id = 1"));
        return Status{};
    });
}

Result<ScopeDigest> DeviceStore::scope_digest() const {
    SPMIS_ASSIGN_OR_RETURN(auto lines,
                           query<std::string>(*db_, "SELECT kind, id, server_seq FROM pulled", [](Row& r) {
                               std::string line = r.text() + ":";
                               line += r.text() + ":";
                               return line + std::to_string(r.i64()) + "\n";
                           }));
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

Result<std::optional<PulledData>> DeviceStore::held(const std::string& kind, const Uuid& id) const {
    SPMIS_ASSIGN_OR_RETURN(
        auto text, device::query_one<std::string>(*db_, "SELECT data FROM pulled WHERE kind = ? AND id = ?",
                                                  device::read_text, kind, id.to_string()));
    if (!text) return std::optional<PulledData>();
    SPMIS_ASSIGN_OR_RETURN(PulledData data, decode_held(kind, *text));
    return std::optional<PulledData>(std::move(data));
}

Result<std::optional<PulledEntitlement>> DeviceStore::entitlement(const Uuid& id) const {
    SPMIS_ASSIGN_OR_RETURN(auto data, held("entitlement", id));
    if (!data) return std::optional<PulledEntitlement>();
    return std::optional<PulledEntitlement>(std::get<PulledEntitlement>(std::move(*data)));
}

Result<std::optional<PulledEvent>> DeviceStore::event(const Uuid& id) const {
    SPMIS_ASSIGN_OR_RETURN(auto data, held("event", id));
    if (!data) return std::optional<PulledEvent>();
    return std::optional<PulledEvent>(std::get<PulledEvent>(std::move(*data)));
}

Result<std::optional<PulledTrustList>> DeviceStore::trust_list() const {
    SPMIS_ASSIGN_OR_RETURN(auto data, held("trust_list", trust_list_record_id()));
    if (!data) return std::optional<PulledTrustList>();
    return std::optional<PulledTrustList>(std::get<PulledTrustList>(std::move(*data)));
}

Result<std::vector<PulledEvent>> DeviceStore::events() const {
    SPMIS_ASSIGN_OR_RETURN(
        auto rows, query<std::string>(*db_, "SELECT data FROM pulled WHERE kind = 'event' ORDER BY id",
                                      device::read_text));
    std::vector<PulledEvent> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        SPMIS_ASSIGN_OR_RETURN(PulledData data, decode_held("event", r));
        out.push_back(std::get<PulledEvent>(std::move(data)));
    }
    return out;
}

Result<std::int64_t> DeviceStore::count_records(const std::string& kind) const {
    return query_int(*db_, "SELECT COUNT(*) FROM pulled WHERE kind = ?", 0, kind);
}

}  // namespace spmis::sync
