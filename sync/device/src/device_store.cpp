// Device store: opening, schema and the identity/state row.

#include "spmis/sync/device_store.hpp"

#include "spmis/sqlite/migrations.hpp"
#include "spmis/sync/field_tuning.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::Connection;
using device::Row;
using device::run;
using nlohmann::json;

namespace {

// Migration 1 creates every table (IF NOT EXISTS: a version 1 store written before name_keys and
// holders existed gets them here); migration 2 fills those lookup tables from the records held.
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

// A nullable id column; nullopt when NULL or not an id.
std::optional<Uuid> opt_uuid(Row& r) {
    auto text = r.optional<std::string>(device::read_text);
    if (!text) return std::nullopt;
    auto id = Uuid::parse(*text);
    return id.ok() ? std::optional<Uuid>(*id) : std::nullopt;
}

// A nullable time column; nullopt when NULL or not a time.
std::optional<UtcTime> opt_time(Row& r) {
    auto text = r.optional<std::string>(device::read_text);
    if (!text) return std::nullopt;
    auto t = parse_time(*text);
    return t.ok() ? std::optional<UtcTime>(*t) : std::nullopt;
}

}  // namespace

DeviceStore::DeviceStore(std::unique_ptr<Connection> db, const DeviceClock& clock)
    : db_(std::move(db)), clock_(clock) {}

DeviceStore::~DeviceStore() = default;

void DeviceStore::watch_commits(KillSwitch* kill_switch) { db_->watch_commits(kill_switch); }

Result<std::unique_ptr<DeviceStore>> DeviceStore::open(const std::string& path, const DeviceClock& clock) {
    sqlite::Options options;
    options.busy_timeout_ms = tuning::kFieldSqliteBusyTimeoutMs;
    // Field records matter more than speed: every commit reaches the disk before it returns.
    options.synchronous_full = true;
    SPMIS_ASSIGN_OR_RETURN(auto db, Connection::open(path, options));
    std::unique_ptr<DeviceStore> store(new DeviceStore(std::move(db), clock));
    SPMIS_RETURN_IF_ERROR(store->migrate());
    return store;
}

Status DeviceStore::reindex_held() {
    SPMIS_ASSIGN_OR_RETURN(auto held, device::query<device::HeldRow>(
                                          *db_, "SELECT id, data FROM pulled WHERE kind = 'entitlement'",
                                          device::read_held_row));
    for (const auto& r : held) {
        SPMIS_ASSIGN_OR_RETURN(PulledData data, device::decode_held("entitlement", r.data));
        SPMIS_RETURN_IF_ERROR(index_people("entitlement", r.id, &std::get<PulledEntitlement>(data)));
    }
    return {};
}

Status DeviceStore::migrate() {
    const std::vector<sqlite::Migration> migrations = {
        {1, "field store tables", kSchema},
        {2, "lookup tables filled from the records held", "", [this](Connection&) { return reindex_held(); }},
        {3, "officers who sign in on the screen",
         "CREATE TABLE IF NOT EXISTS officers (name TEXT PRIMARY KEY, pin_hash TEXT NOT NULL, "
         "failures INTEGER NOT NULL DEFAULT 0, locked_until TEXT)"},
    };
    return sqlite::migrate(*db_, migrations, 0, "field store");
}

Result<DeviceState> DeviceStore::state() const {
    SPMIS_ASSIGN_OR_RETURN(
        auto row,
        device::query_one<DeviceState>(
            *db_,
            "SELECT device_id, name, server_url, server_public_key, epoch, scopes, officer_id, acked_seq, "
            "tip_seq, tip_hash, pull_cursor, repull_active, last_sync, anchor_server_time, "
            "anchor_monotonic_ms, anchor_boot_id, open_event FROM device_state WHERE id = 1",
            [](Row& r) {
                DeviceState s;
                if (auto id = opt_uuid(r)) {
                    Enrollment e;
                    e.device_id = *id;
                    e.name = r.text();
                    e.server_url = r.text();
                    e.server_public_key_hex = r.text();
                    e.epoch = r.text();
                    for (const auto& sp : json::parse(r.text(), nullptr, false)) {
                        if (auto u = Uuid::parse(sp.is_string() ? sp.get<std::string>() : ""); u.ok())
                            e.scopes.push_back(*u);
                    }
                    s.enrollment = e;
                } else {
                    for (int i = 0; i < 5; ++i) r.skip();
                }
                s.officer_id = r.text();
                s.acked_seq = static_cast<std::uint64_t>(r.i64());
                s.tip.seq = static_cast<std::uint64_t>(r.i64());
                if (auto h = hash_from_hex(r.text()); h.ok()) s.tip.hash = *h;
                s.pull_cursor = r.i64();
                s.repull_active = r.boolean();
                s.last_sync = opt_time(r);
                const auto anchor_time = opt_time(r);
                const std::int64_t anchor_ms = r.i64();
                const std::string anchor_boot = r.text();
                if (anchor_time) s.anchor = HelloAnchor{*anchor_time, anchor_ms, anchor_boot};
                s.open_event = opt_uuid(r);
                return s;
            }));
    if (!row) return make_error(ErrorCode::kStorage, "device state row is missing");
    return *std::move(row);
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
    return run(
        *db_,
        "UPDATE device_state SET device_id = ?, name = ?, server_url = ?, server_public_key = ?, epoch = ?, "
        "scopes = ? WHERE id = 1",
        e.device_id.to_string(), e.name, e.server_url, e.server_public_key_hex, e.epoch, scopes.dump());
}

Status DeviceStore::set_officer(const std::string& officer_id) {
    return run(*db_, "UPDATE device_state SET officer_id = ? WHERE id = 1", officer_id);
}

Status DeviceStore::set_epoch(const std::string& epoch) {
    return run(*db_, "UPDATE device_state SET epoch = ? WHERE id = 1", epoch);
}

Status DeviceStore::record_hello(const HelloAnchor& a) {
    return run(*db_,
               "UPDATE device_state SET anchor_server_time = ?, anchor_monotonic_ms = ?, anchor_boot_id = "
               "? WHERE id = 1",
               format_time(a.server_time), a.monotonic_ms, a.boot_id);
}

Status DeviceStore::record_sync_time(UtcTime t) {
    return run(*db_, "UPDATE device_state SET last_sync = ? WHERE id = 1", format_time(t));
}

Status DeviceStore::set_open_event(const std::optional<Uuid>& event_id) {
    const std::optional<std::string> v =
        event_id ? std::optional<std::string>(event_id->to_string()) : std::nullopt;
    return run(*db_, "UPDATE device_state SET open_event = ? WHERE id = 1", v);
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
