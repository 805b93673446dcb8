// The scoped change feed: what a device pulls, and the digest that proves it holds all of it.

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <tuple>

#include "spmis/json/bounded_reader.hpp"
#include "sqlite/sync_repo.hpp"

namespace spmis::store::sqlite {
namespace {

using nlohmann::json;

struct Stamp {
    std::int64_t seq;
    std::string kind;
    Uuid id;
};

Stamp read_stamp(Row& r, const char* kind) {
    Stamp s;
    s.id = r.uuid();
    s.seq = r.i64();
    s.kind = kind;
    return s;
}

json optional_id(Row& r) {
    auto id = r.optional<Uuid>([](Row& x) { return x.uuid(); });
    return id ? json(id->to_string()) : json(nullptr);
}

Result<std::vector<Stamp>> stamps_in_scope(Database& db, const std::vector<Uuid>& sps, std::int64_t cursor,
                                           std::int64_t limit) {
    std::vector<Stamp> out;
    for (const auto& sp : sps) {
        SPMIS_ASSIGN_OR_RETURN(auto ents,
                               query<Stamp>(
                                   db,
                                   "SELECT id, server_seq FROM entitlements WHERE service_point_id = ? "
                                   "AND server_seq > ? ORDER BY server_seq LIMIT ?",
                                   [](Row& r) { return read_stamp(r, "entitlement"); }, sp, cursor, limit));
        SPMIS_ASSIGN_OR_RETURN(
            auto events, query<Stamp>(
                             db,
                             "SELECT id, server_seq FROM distribution_events "
                             "WHERE service_point_id = ? AND server_seq > ? ORDER BY server_seq LIMIT ?",
                             [](Row& r) { return read_stamp(r, "event"); }, sp, cursor, limit));
        out.insert(out.end(), ents.begin(), ents.end());
        out.insert(out.end(), events.begin(), events.end());
    }
    SPMIS_ASSIGN_OR_RETURN(auto devices, query<Stamp>(
                                             db,
                                             // PROTOCOL.md section 8: revoked devices only.
                                             "SELECT id, server_seq FROM devices WHERE server_seq > ? "
                                             "AND state = 'revoked' ORDER BY server_seq LIMIT ?",
                                             [](Row& r) { return read_stamp(r, "device"); }, cursor, limit));
    out.insert(out.end(), devices.begin(), devices.end());
    // One trust list for every device: it changes whenever any device does, so it carries the
    // highest device seq (ties with that device record; kind breaks the tie).
    SPMIS_ASSIGN_OR_RETURN(auto newest, query_one<std::int64_t>(
                                            db, "SELECT MAX(server_seq) FROM devices WHERE server_seq > ?",
                                            [](Row& r) { return r.i64(); }, cursor));
    if (newest && *newest > cursor) out.push_back({*newest, "trust_list", Uuid{}});
    std::sort(out.begin(), out.end(), [](const Stamp& a, const Stamp& b) {
        return std::tie(a.seq, a.kind) < std::tie(b.seq, b.kind);
    });
    return out;
}

std::string sha256_hex(const std::string& text) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace

Result<std::vector<ChangedRecord>> SqliteSync::changes_after(const std::vector<Uuid>& service_points,
                                                             std::int64_t cursor, std::size_t limit) {
    SPMIS_ASSIGN_OR_RETURN(auto stamps,
                           stamps_in_scope(db_, service_points, cursor, static_cast<std::int64_t>(limit)));
    if (stamps.size() > limit) stamps.resize(limit);
    std::vector<ChangedRecord> out;
    out.reserve(stamps.size());
    for (const auto& s : stamps) {
        Result<std::string> data = s.kind == "entitlement"  ? entitlement_projection(s.id)
                                   : s.kind == "event"      ? event_projection(s.id)
                                   : s.kind == "trust_list" ? trust_list_source()
                                                            : device_projection(s.id);
        if (!data.ok()) return data.status();
        out.push_back({s.seq, s.kind, s.id, std::move(*data)});
    }
    return out;
}

Result<ScopeDigest> SqliteSync::scope_digest(const std::vector<Uuid>& service_points) {
    SPMIS_ASSIGN_OR_RETURN(auto stamps, stamps_in_scope(db_, service_points, 0, INT64_MAX));
    std::vector<std::string> lines;
    lines.reserve(stamps.size());
    for (const auto& s : stamps)
        lines.push_back(s.kind + ":" + s.id.to_string() + ":" + std::to_string(s.seq) + "\n");
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const auto& l : lines) all += l;
    return ScopeDigest{static_cast<std::int64_t>(lines.size()), sha256_hex(all)};
}

Result<std::string> SqliteSync::entitlement_projection(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(json e, get_by_id<json>(
                                       db_,
                                       "SELECT id, program_id, cycle_id, registrant_id, kind, state, item, "
                                       "unit, quantity, amount_minor, "
                                       "currency, voucher_code, valid_from, valid_until, service_point_id "
                                       "FROM entitlements WHERE id = ?",
                                       [](Row& r) {
                                           json j;
                                           j["id"] = r.uuid().to_string();
                                           j["program_id"] = r.uuid().to_string();
                                           j["cycle_id"] = r.uuid().to_string();
                                           j["registrant_id"] = r.uuid().to_string();
                                           j["kind"] = r.text();
                                           j["state"] = r.text();
                                           j["item"] = r.text();
                                           j["unit"] = r.text();
                                           j["quantity_milli"] = std::llround(r.f64() * 1000);
                                           j["amount_minor"] = r.i64();
                                           j["currency"] = r.text();
                                           j["voucher_code"] = r.text();
                                           j["valid_from"] = r.text();
                                           j["valid_until"] = r.text();
                                           j["service_point_id"] = optional_id(r);
                                           return j;
                                       },
                                       "entitlement", id));
    SPMIS_ASSIGN_OR_RETURN(std::int64_t redeemed, redeemed_milli(id));
    e["redeemed_milli"] = redeemed;
    e["remaining_milli"] = e["quantity_milli"].get<std::int64_t>() - redeemed;
    Uuid registrant = *Uuid::parse(e["registrant_id"].get<std::string>());
    SPMIS_ASSIGN_OR_RETURN(
        auto beneficiary,
        query_one<json>(
            db_, "SELECT id, kind, name, national_id, birthdate FROM registrants WHERE id = ?",
            [](Row& r) {
                json j;
                j["id"] = r.uuid().to_string();
                j["kind"] = r.text();
                j["name"] = r.text();
                j["national_id"] = r.text();
                auto b = r.optional<std::string>([](Row& x) { return x.text(); });
                j["birthdate"] = b ? json(*b) : json(nullptr);
                return j;
            },
            registrant));
    e["beneficiary"] = beneficiary.value_or(json(nullptr));
    std::optional<Uuid> household = registrant;
    if (beneficiary && (*beneficiary)["kind"] != "group") {
        SPMIS_ASSIGN_OR_RETURN(household,
                               query_one<Uuid>(
                                   db_,
                                   "SELECT group_id FROM group_memberships WHERE individual_id = ? "
                                   "ORDER BY group_id LIMIT 1",
                                   [](Row& r) { return r.uuid(); }, registrant));
    }
    // PROTOCOL.md section 8: the household travels inside the beneficiary (devices route by it).
    if (beneficiary)
        e["beneficiary"]["household_id"] = household ? json(household->to_string()) : json(nullptr);
    json members = json::array();
    if (household) {
        SPMIS_ASSIGN_OR_RETURN(auto rows,
                               query<json>(
                                   db_,
                                   "SELECT r.id, r.name, r.birthdate, gm.kind, r.national_id "
                                   "FROM group_memberships gm JOIN registrants r ON r.id = gm.individual_id "
                                   "WHERE gm.group_id = ? ORDER BY r.id",
                                   [](Row& r) {
                                       json j;
                                       j["id"] = r.uuid().to_string();
                                       j["name"] = r.text();
                                       auto b = r.optional<std::string>([](Row& x) { return x.text(); });
                                       j["birthdate"] = b ? json(*b) : json(nullptr);
                                       j["kind"] = r.text();
                                       j["national_id"] = r.text();
                                       return j;
                                   },
                                   *household));
        for (auto& m : rows) members.push_back(std::move(m));
    }
    e["household"] = std::move(members);
    SPMIS_ASSIGN_OR_RETURN(auto membership,
                           query_one<json>(
                               db_,
                               "SELECT id, state FROM program_memberships "
                               "WHERE program_id = ? AND registrant_id = ?",
                               [](Row& r) {
                                   json j;
                                   j["id"] = r.uuid().to_string();
                                   j["state"] = r.text();
                                   return j;
                               },
                               *Uuid::parse(e["program_id"].get<std::string>()), registrant));
    e["membership"] = membership.value_or(json(nullptr));
    // What devices converge on: redemptions voided centrally or by any device (their credentials are
    // free again) and the status of every reconciliation case about this entitlement.
    // One read of the entitlement's redemptions: the voided ones and the credentials of the others.
    struct RedemptionRow {
        std::string id, credential_id;
        bool voided = false;
    };
    SPMIS_ASSIGN_OR_RETURN(auto redemptions,
                           query<RedemptionRow>(
                               db_,
                               "SELECT id, credential_id, voided_by IS NOT NULL FROM redemptions "
                               "WHERE entitlement_id = ? ORDER BY id",
                               [](Row& r) {
                                   RedemptionRow x;
                                   x.id = r.uuid().to_string();
                                   x.credential_id = r.text();
                                   x.voided = r.boolean();
                                   return x;
                               },
                               id));
    json voided = json::array();
    json used = json::array();
    for (const RedemptionRow& x : redemptions) {
        if (x.voided) {
            voided.push_back(x.id);
        } else if (!x.credential_id.empty()) {
            used.push_back({{"redemption_id", x.id}, {"credential_id", x.credential_id}});
        }
    }
    e["voided_redemptions"] = std::move(voided);
    e["credentials_used"] = std::move(used);
    SPMIS_ASSIGN_OR_RETURN(auto cases,
                           query<json>(
                               db_,
                               "SELECT id, type, status FROM reconciliation_cases WHERE record_id = ? "
                               "ORDER BY id",
                               [](Row& r) {
                                   json j;
                                   j["id"] = r.uuid().to_string();
                                   j["type"] = r.text();
                                   j["status"] = r.text();
                                   return j;
                               },
                               id));
    e["cases"] = cases;
    return spmis::json::dump_json(e);
}

Result<std::string> SqliteSync::event_projection(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(json e,
                           get_by_id<json>(
                               db_,
                               "SELECT id, service_point_id, program_id, cycle_id, starts_at, ends_at "
                               "FROM distribution_events WHERE id = ?",
                               [](Row& r) {
                                   json j;
                                   j["id"] = r.uuid().to_string();
                                   j["service_point_id"] = r.uuid().to_string();
                                   j["program_id"] = r.uuid().to_string();
                                   j["cycle_id"] = optional_id(r);
                                   j["starts_at"] = format_time(r.time());
                                   j["ends_at"] = format_time(r.time());
                                   return j;
                               },
                               "distribution event", id));
    return spmis::json::dump_json(e);
}

Result<std::string> SqliteSync::device_projection(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(
        json d, get_by_id<json>(
                    db_, "SELECT id, name, public_key, state, revoked_at FROM devices WHERE id = ?",
                    [](Row& r) {
                        json j;
                        j["id"] = r.uuid().to_string();
                        j["name"] = r.text();
                        j["public_key"] = r.text();
                        j["state"] = r.text();
                        auto t = r.optional<UtcTime>([](Row& x) { return x.time(); });
                        j["revoked_at"] = t ? json(format_time(*t)) : json(nullptr);
                        return j;
                    },
                    "device", id));
    return spmis::json::dump_json(d);
}

Result<std::string> SqliteSync::trust_list_source() {
    SPMIS_ASSIGN_OR_RETURN(
        auto devices,
        query<json>(db_, "SELECT id, public_key, registered_at, revoked_at FROM devices ORDER BY id",
                    [](Row& r) {
                        json j;
                        j["id"] = r.uuid().to_string();
                        j["public_key"] = r.text();
                        j["registered_at"] = format_time(r.time());
                        auto t = r.optional<UtcTime>([](Row& x) { return x.time(); });
                        j["revoked_at"] = t ? json(format_time(*t)) : json(nullptr);
                        return j;
                    }));
    return spmis::json::dump_json(json{{"devices", std::move(devices)}});
}

}  // namespace spmis::store::sqlite
