// Device store: opening, schema and the identity/state row.

#include "spmis/sync/device_store.hpp"

#include "sqlite_db.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::as_int;
using device::as_text;
using device::Db;
using device::is_null;
using nlohmann::json;

namespace {

// 2: name_keys and holders (indexed lookups for find); a version 1 store is re-indexed on open.
constexpr int kSchemaVersion = 2;

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS device_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    device_id TEXT, name TEXT, server_url TEXT, server_public_key TEXT,
    epoch TEXT NOT NULL DEFAULT '', scopes TEXT NOT NULL DEFAULT '[]',
    officer_id TEXT NOT NULL DEFAULT '',
    acked_seq INTEGER NOT NULL DEFAULT 0,
    tip_seq INTEGER NOT NULL DEFAULT 0, tip_hash TEXT NOT NULL DEFAULT '',
    pull_cursor INTEGER NOT NULL DEFAULT 0,
    pull_generation INTEGER NOT NULL DEFAULT 0, repull_active INTEGER NOT NULL DEFAULT 0,
    last_sync TEXT, anchor_server_time TEXT, anchor_monotonic_ms INTEGER, anchor_boot_id TEXT,
    open_event TEXT);
INSERT OR IGNORE INTO device_state (id) VALUES (1);
CREATE TABLE IF NOT EXISTS outbox (
    device_seq INTEGER PRIMARY KEY, op_json TEXT NOT NULL, hash TEXT NOT NULL,
    op_type TEXT NOT NULL, record_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'acked')),
    disposition TEXT, reason TEXT, cases TEXT);
CREATE INDEX IF NOT EXISTS outbox_status ON outbox (status, device_seq);
CREATE TABLE IF NOT EXISTS pulled (
    kind TEXT NOT NULL, id TEXT NOT NULL, server_seq INTEGER NOT NULL, data TEXT NOT NULL,
    generation INTEGER NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE IF NOT EXISTS people (
    registrant_id TEXT NOT NULL, source_id TEXT NOT NULL, name TEXT NOT NULL, name_fold TEXT NOT NULL,
    national_id TEXT NOT NULL DEFAULT '', household_id TEXT, member_json TEXT NOT NULL,
    PRIMARY KEY (registrant_id, source_id));
CREATE INDEX IF NOT EXISTS people_name ON people (name_fold);
CREATE INDEX IF NOT EXISTS people_national_id ON people (national_id);
CREATE INDEX IF NOT EXISTS people_household ON people (household_id);
CREATE INDEX IF NOT EXISTS people_source ON people (source_id);
CREATE TABLE IF NOT EXISTS name_keys (
    word_key TEXT NOT NULL, registrant_id TEXT NOT NULL, source_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS name_keys_word ON name_keys (word_key, registrant_id);
CREATE INDEX IF NOT EXISTS name_keys_source ON name_keys (source_id);
CREATE TABLE IF NOT EXISTS holders (
    registrant_id TEXT NOT NULL, entitlement_id TEXT NOT NULL, PRIMARY KEY (registrant_id, entitlement_id));
CREATE INDEX IF NOT EXISTS holders_entitlement ON holders (entitlement_id);
CREATE TABLE IF NOT EXISTS redemptions (
    id TEXT PRIMARY KEY, entitlement_id TEXT NOT NULL, quantity_milli INTEGER NOT NULL,
    credential_cti TEXT, device_seq INTEGER NOT NULL,
    reflected INTEGER NOT NULL DEFAULT 0, voided INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS redemptions_entitlement ON redemptions (entitlement_id);
CREATE TABLE IF NOT EXISTS case_status (id TEXT PRIMARY KEY, status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS redeemed_credentials (
    cti TEXT PRIMARY KEY, redemption_id TEXT NOT NULL, device_seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS attendance (
    id TEXT PRIMARY KEY, registrant_id TEXT NOT NULL, event_id TEXT NOT NULL,
    service_point_id TEXT, device_seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS attendance_key ON attendance (registrant_id, event_id);
CREATE TABLE IF NOT EXISTS membership_local (
    id TEXT PRIMARY KEY, state TEXT NOT NULL, device_seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS registrant_local (
    id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, device_seq INTEGER NOT NULL,
    PRIMARY KEY (id, field));
)sql";

std::optional<Uuid> opt_uuid(const device::Value& v) {
    if (is_null(v)) return std::nullopt;
    auto id = Uuid::parse(as_text(v));
    return id.ok() ? std::optional<Uuid>(*id) : std::nullopt;
}

std::optional<UtcTime> opt_time(const device::Value& v) {
    if (is_null(v)) return std::nullopt;
    auto t = parse_time(as_text(v));
    return t.ok() ? std::optional<UtcTime>(*t) : std::nullopt;
}

}  // namespace

DeviceStore::DeviceStore(std::unique_ptr<Db> db, const DeviceClock& clock)
    : db_(std::move(db)), clock_(clock) {}

DeviceStore::~DeviceStore() = default;

void DeviceStore::watch_commits(KillSwitch* kill_switch) { db_->watch_commits(kill_switch); }

Result<std::unique_ptr<DeviceStore>> DeviceStore::open(const std::string& path, const DeviceClock& clock) {
    SPMIS_ASSIGN_OR_RETURN(auto db, Db::open(path));
    std::unique_ptr<DeviceStore> store(new DeviceStore(std::move(db), clock));
    SPMIS_RETURN_IF_ERROR(store->migrate());
    return store;
}

Status DeviceStore::migrate() {
    // Field records matter more than speed: every commit reaches the disk before it returns.
    SPMIS_RETURN_IF_ERROR(db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"));
    SPMIS_ASSIGN_OR_RETURN(auto rows, db_->query("PRAGMA user_version"));
    std::int64_t version = rows.empty() ? 0 : as_int(rows[0][0]);
    if (version > kSchemaVersion) {
        return make_error(
            ErrorCode::kSchemaTooNew,
            "field store was written by a newer spmis-field (schema " + std::to_string(version) + ")");
    }
    device::Transaction tx(*db_);
    SPMIS_RETURN_IF_ERROR(tx.begun());
    SPMIS_RETURN_IF_ERROR(db_->exec(kSchema));
    if (version == 1) {
        // The lookup tables are new in version 2: build them from the records already pulled.
        SPMIS_ASSIGN_OR_RETURN(auto held,
                               db_->query("SELECT id, data FROM pulled WHERE kind = 'entitlement'"));
        for (const auto& r : held) {
            SPMIS_ASSIGN_OR_RETURN(PulledData data, device::decode_held("entitlement", as_text(r[1])));
            SPMIS_RETURN_IF_ERROR(
                index_people("entitlement", as_text(r[0]), &std::get<PulledEntitlement>(data)));
        }
    }
    SPMIS_RETURN_IF_ERROR(db_->exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)));
    return tx.commit();
}

Result<DeviceState> DeviceStore::state() const {
    SPMIS_ASSIGN_OR_RETURN(
        auto rows,
        db_->query(
            "SELECT device_id, name, server_url, server_public_key, epoch, scopes, officer_id, acked_seq, "
            "tip_seq, tip_hash, pull_cursor, repull_active, last_sync, anchor_server_time, "
            "anchor_monotonic_ms, anchor_boot_id, open_event FROM device_state WHERE id = 1"));
    if (rows.empty()) return make_error(ErrorCode::kStorage, "device state row is missing");
    const auto& r = rows[0];
    DeviceState s;
    if (auto id = opt_uuid(r[0])) {
        Enrollment e;
        e.device_id = *id;
        e.name = as_text(r[1]);
        e.server_url = as_text(r[2]);
        e.server_public_key_hex = as_text(r[3]);
        e.epoch = as_text(r[4]);
        for (const auto& sp : json::parse(as_text(r[5]), nullptr, false)) {
            if (auto u = Uuid::parse(sp.is_string() ? sp.get<std::string>() : ""); u.ok())
                e.scopes.push_back(*u);
        }
        s.enrollment = e;
    }
    s.officer_id = as_text(r[6]);
    s.acked_seq = static_cast<std::uint64_t>(as_int(r[7]));
    s.tip.seq = static_cast<std::uint64_t>(as_int(r[8]));
    if (auto h = hash_from_hex(as_text(r[9])); h.ok()) s.tip.hash = *h;
    s.pull_cursor = as_int(r[10]);
    s.repull_active = as_int(r[11]) != 0;
    s.last_sync = opt_time(r[12]);
    if (auto t = opt_time(r[13])) s.anchor = HelloAnchor{*t, as_int(r[14]), as_text(r[15])};
    s.open_event = opt_uuid(r[16]);
    return s;
}

Status DeviceStore::set_enrollment(const Enrollment& e) {
    SPMIS_ASSIGN_OR_RETURN(auto current, state());
    if (current.enrollment && current.enrollment->device_id != e.device_id) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "this store is already enrolled as device " +
                              current.enrollment->device_id.to_string() +
                              "; a re-enrolled device needs a new home directory");
    }
    json scopes = json::array();
    for (const auto& sp : e.scopes) scopes.push_back(sp.to_string());
    return device::discard(db_->run(
        "UPDATE device_state SET device_id = ?, name = ?, server_url = ?, server_public_key = ?, epoch = ?, "
        "scopes = ? WHERE id = 1",
        {e.device_id.to_string(), e.name, e.server_url, e.server_public_key_hex, e.epoch, scopes.dump()}));
}

Status DeviceStore::set_officer(const std::string& officer_id) {
    return device::discard(db_->run("UPDATE device_state SET officer_id = ? WHERE id = 1", {officer_id}));
}

Status DeviceStore::set_epoch(const std::string& epoch) {
    return device::discard(db_->run("UPDATE device_state SET epoch = ? WHERE id = 1", {epoch}));
}

Status DeviceStore::record_hello(const HelloAnchor& a) {
    return device::discard(
        db_->run("UPDATE device_state SET anchor_server_time = ?, anchor_monotonic_ms = ?, anchor_boot_id = "
                 "? WHERE id = 1",
                 {format_time(a.server_time), a.monotonic_ms, a.boot_id}));
}

Status DeviceStore::record_sync_time(UtcTime t) {
    return device::discard(db_->run("UPDATE device_state SET last_sync = ? WHERE id = 1", {format_time(t)}));
}

Status DeviceStore::set_open_event(const std::optional<Uuid>& event_id) {
    device::Value v = nullptr;
    if (event_id) v = event_id->to_string();
    return device::discard(db_->run("UPDATE device_state SET open_event = ? WHERE id = 1", {v}));
}

TimeClaim DeviceStore::time_claim() const {
    TimeClaim t;
    t.wall = clock_.wall();
    t.boot_id = clock_.boot_id();
    t.monotonic_ms = clock_.monotonic_ms();
    auto s = state();
    // The anchor only means something within the boot that measured it.
    if (s.ok() && s->anchor && s->anchor->boot_id == t.boot_id) {
        t.anchor_server_time = s->anchor->server_time;
        t.anchor_monotonic_ms = s->anchor->monotonic_ms;
    }
    return t;
}

}  // namespace spmis::sync
