// The scoped change feed: what a device pulls, and the digest that proves it holds all of it.

#include <sodium.h>

#include "spmis/base/hex.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <tuple>

#include "repositories/repositories.hpp"
#include "repositories/sync_repo.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

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

}  // namespace

Result<std::vector<ChangedRecord>> SqlChangeFeed::changes_after(const std::vector<Uuid>& service_points,
                                                                std::int64_t cursor, std::size_t limit) {
    SPMIS_ASSIGN_OR_RETURN(auto stamps,
                           stamps_in_scope(db_, service_points, cursor, static_cast<std::int64_t>(limit)));
    if (stamps.size() > limit) stamps.resize(limit);
    std::vector<ChangedRecord> out;
    out.reserve(stamps.size());
    for (const auto& s : stamps) {
        ChangedRecord record{s.seq, s.kind, s.id, {}};
        if (s.kind == "entitlement") {
            SPMIS_ASSIGN_OR_RETURN(record.data, entitlement_projection(s.id));
        } else if (s.kind == "event") {
            SPMIS_ASSIGN_OR_RETURN(record.data, event_projection(s.id));
        } else if (s.kind == "trust_list") {
            SPMIS_ASSIGN_OR_RETURN(record.data, trust_list_source());
        } else {
            SPMIS_ASSIGN_OR_RETURN(record.data, device_projection(s.id));
        }
        out.push_back(std::move(record));
    }
    return out;
}

Result<ScopeDigest> SqlChangeFeed::scope_digest(const std::vector<Uuid>& service_points) {
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

Result<sync::PulledEntitlement> SqlChangeFeed::entitlement_projection(const Uuid& id) {
    SPMIS_ASSIGN_OR_RETURN(sync::PulledEntitlement e,
                           get_by_id<sync::PulledEntitlement>(
                               db_,
                               "SELECT id, program_id, cycle_id, registrant_id, kind, state, item, unit, "
                               "quantity, amount_minor, "
                               "currency, voucher_code, valid_from, valid_until, service_point_id FROM "
                               "entitlements WHERE id = ?",
                               [](Row& r) {
                                   sync::PulledEntitlement x;
                                   x.id = r.uuid();
                                   x.program_id = r.uuid();
                                   x.cycle_id = r.uuid();
                                   x.registrant_id = r.uuid();
                                   x.kind = enumeration<model::EntitlementKind>(r);
                                   x.state = enumeration<model::EntitlementState>(r);
                                   x.item = r.text();
                                   x.unit = r.text();
                                   x.quantity_milli = std::llround(r.f64() * 1000);
                                   x.amount_minor = r.i64();
                                   x.currency = r.text();
                                   x.voucher_code = r.text();
                                   x.valid_from = r.date();
                                   x.valid_until = r.date();
                                   x.service_point_id = r.optional<Uuid>([](Row& y) { return y.uuid(); });
                                   return x;
                               },
                               "entitlement", id));
    SPMIS_ASSIGN_OR_RETURN(e.redeemed_milli, SqlServicePoints(db_).redeemed_milli(id));
    e.remaining_milli = e.quantity_milli - e.redeemed_milli;
    SPMIS_ASSIGN_OR_RETURN(
        e.beneficiary, query_one<sync::PulledBeneficiary>(
                           db_, "SELECT id, kind, name, national_id, birthdate FROM registrants WHERE id = ?",
                           [](Row& r) {
                               sync::PulledBeneficiary b;
                               b.id = r.uuid();
                               b.kind = enumeration<model::RegistrantKind>(r);
                               b.name = r.text();
                               b.national_id = r.text();
                               b.birthdate = r.optional<Date>([](Row& x) { return x.date(); });
                               return b;
                           },
                           e.registrant_id));
    std::optional<Uuid> household = e.registrant_id;
    if (e.beneficiary && e.beneficiary->kind != model::RegistrantKind::kGroup) {
        SPMIS_ASSIGN_OR_RETURN(household,
                               query_one<Uuid>(
                                   db_,
                                   "SELECT group_id FROM group_memberships WHERE individual_id = ? "
                                   "ORDER BY group_id LIMIT 1",
                                   [](Row& r) { return r.uuid(); }, e.registrant_id));
    }
    // PROTOCOL.md section 8: the household travels inside the beneficiary (devices route by it).
    if (e.beneficiary) e.beneficiary->household_id = household;
    if (household) {
        SPMIS_ASSIGN_OR_RETURN(e.household,
                               query<sync::PulledMember>(
                                   db_,
                                   "SELECT r.id, r.name, r.birthdate, gm.kind, r.national_id "
                                   "FROM group_memberships gm JOIN registrants r ON r.id = gm.individual_id "
                                   "WHERE gm.group_id = ? ORDER BY r.id",
                                   [](Row& r) {
                                       sync::PulledMember m;
                                       m.id = r.uuid();
                                       m.name = r.text();
                                       m.birthdate = r.optional<Date>([](Row& x) { return x.date(); });
                                       m.role = enumeration<model::GroupMembershipKind>(r);
                                       m.national_id = r.text();
                                       return m;
                                   },
                                   *household));
    }
    SPMIS_ASSIGN_OR_RETURN(e.membership, query_one<sync::PulledMembership>(
                                             db_,
                                             "SELECT id, state FROM program_memberships "
                                             "WHERE program_id = ? AND registrant_id = ?",
                                             [](Row& r) {
                                                 sync::PulledMembership m;
                                                 m.id = r.uuid();
                                                 m.state = enumeration<model::MembershipState>(r);
                                                 return m;
                                             },
                                             e.program_id, e.registrant_id));
    // What devices converge on: redemptions voided centrally or by any device (their credentials are
    // free again) and the status of every reconciliation case about this entitlement.
    // One read of the entitlement's redemptions: the voided ones and the credentials of the others.
    struct RedemptionRow {
        Uuid id;
        std::string credential_id;
        bool voided = false;
    };
    SPMIS_ASSIGN_OR_RETURN(auto redemptions,
                           query<RedemptionRow>(
                               db_,
                               "SELECT id, credential_id, voided_by IS NOT NULL FROM redemptions "
                               "WHERE entitlement_id = ? ORDER BY id",
                               [](Row& r) {
                                   RedemptionRow x;
                                   x.id = r.uuid();
                                   x.credential_id = r.text();
                                   x.voided = r.boolean();
                                   return x;
                               },
                               id));
    for (const RedemptionRow& x : redemptions) {
        if (x.voided) {
            e.voided_redemptions.push_back(x.id);
        } else if (!x.credential_id.empty()) {
            e.credentials_used.push_back({x.id, x.credential_id});
        }
    }
    SPMIS_ASSIGN_OR_RETURN(e.cases,
                           query<sync::PulledCase>(
                               db_,
                               "SELECT id, type, status FROM reconciliation_cases WHERE record_id = ? "
                               "ORDER BY id",
                               [](Row& r) {
                                   sync::PulledCase c;
                                   c.id = r.uuid();
                                   c.type = r.text();
                                   c.status = r.text();
                                   return c;
                               },
                               id));
    return e;
}

Result<sync::PulledEvent> SqlChangeFeed::event_projection(const Uuid& id) {
    return get_by_id<sync::PulledEvent>(
        db_,
        "SELECT id, service_point_id, program_id, cycle_id, starts_at, ends_at FROM distribution_events "
        "WHERE id = ?",
        [](Row& r) {
            sync::PulledEvent e;
            e.id = r.uuid();
            e.service_point_id = r.uuid();
            e.program_id = r.uuid();
            e.cycle_id = r.optional<Uuid>([](Row& x) { return x.uuid(); });
            e.starts_at = r.time();
            e.ends_at = r.time();
            return e;
        },
        "distribution event", id);
}

Result<sync::PulledDevice> SqlChangeFeed::device_projection(const Uuid& id) {
    return get_by_id<sync::PulledDevice>(
        db_, "SELECT id, name, public_key, state, revoked_at FROM devices WHERE id = ?",
        [](Row& r) {
            sync::PulledDevice d;
            d.id = r.uuid();
            d.name = r.text();
            d.public_key = r.text();
            d.state = enumeration<model::DeviceState>(r);
            d.revoked_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
            return d;
        },
        "device", id);
}

Result<std::vector<sync::TrustListEntry>> SqlChangeFeed::trust_list_source() {
    return query<sync::TrustListEntry>(
        db_, "SELECT id, public_key, registered_at, revoked_at FROM devices ORDER BY id", [](Row& r) {
            sync::TrustListEntry d;
            d.id = r.uuid();
            d.public_key = r.text();
            d.registered_at = r.time();
            d.revoked_at = r.optional<UtcTime>([](Row& x) { return x.time(); });
            return d;
        });
}

}  // namespace spmis::store::SPMIS_STORE_NS
