#pragma once
// The field device's local store: one SQLite file holding the device's identity and sync state,
// the outbox of signed-chain operations, the records pulled from the server, and the local domain
// rows (attendance, redemptions, credential ledger, membership states). Every domain write and its
// outbox operation commit in one transaction, so device_seq never has a gap.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/program.hpp"
#include "spmis/sync/device_clock.hpp"
#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/messages.hpp"
#include "spmis/sync/operation.hpp"
#include "spmis/sync/pulled_records.hpp"

namespace spmis {
class KillSwitch;
}
namespace spmis::sqlite {
class Connection;
}

namespace spmis::sync {

// What enrollment gave the device.
struct Enrollment {
    Uuid device_id;
    std::string name;
    std::string server_url;
    std::string server_public_key_hex;
    std::string epoch;
    std::vector<Uuid> scopes;  // service points
};

// Server time and the device's monotonic reading when the last hello answered (same boot only).
struct HelloAnchor {
    UtcTime server_time{};
    std::int64_t monotonic_ms = 0;
    std::string boot_id;
};

// The device's identity and sync state.
struct DeviceState {
    std::optional<Enrollment> enrollment;  // empty until enrolled
    std::string officer_id;
    std::uint64_t acked_seq = 0;
    ChainTip tip;
    std::int64_t pull_cursor = 0;
    bool repull_active = false;  // a re-pull from cursor 0 is in progress
    std::optional<UtcTime> last_sync;
    std::optional<HelloAnchor> anchor;
    std::optional<Uuid> open_event;  // local session marker (event open)
};

// One outbox row: the operation and what the server answered about it.
struct OutboxEntry {
    Operation op;
    bool acked = false;
    std::optional<Disposition> disposition;
    std::string reason;
    std::vector<Uuid> cases;
};

struct OutboxSummary {
    std::int64_t pending = 0;
    std::int64_t acked = 0;
    // Flagged or rejected operations, and replayed answers ("duplicate") that carry a reason or cases
    // (the first answer was lost on the way back).
    std::vector<OutboxEntry> attention;
};

// What the distribution point looks like from this device: who is expected, who came, what was
// handed out (by this device, not voided).
struct DistributionSummary {
    std::int64_t beneficiaries = 0;  // people holding an entitlement pulled to this device
    std::int64_t served = 0;         // of them, those this device handed something to
    std::int64_t attended = 0;       // attendance recorded here at the open event (0 when none is open)
    std::map<std::string, std::int64_t> handed_out_milli;  // by unit
};

// The balance a redemption is checked against: last pulled remaining minus this device's
// redemptions the pulled copy does not include yet.
struct BalanceEstimate {
    std::int64_t pulled_remaining_milli = 0;
    std::int64_t pending_milli = 0;
    std::int64_t estimate_milli = 0;
    std::string unit;
};

struct RedeemInput {
    Uuid entitlement_id;
    std::optional<std::int64_t> quantity_milli;  // default: the whole estimated balance
    std::string collector_name;
    std::string collector_relation;
    std::string credential_cti;  // hex; empty when no credential was scanned
    bool override_balance = false;
    std::string override_reason;
};

// Why a pulled entitlement cannot be handed out on `today`, or "" when it can: a state other than
// approved or transferred, or a date outside its validity window (the server decides again on sync).
std::string not_redeemable_because(const PulledEntitlement& entitlement, Date today);

struct RedeemOutcome {
    Operation op;
    BalanceEstimate before;
    bool overridden = false;  // exceeded the estimate with an officer's reason (flagged)
};

// A person found offline, with what the device knows about them.
struct FoundPerson {
    Uuid registrant_id;
    std::string name;
    std::string national_id;
    std::optional<Uuid> household_id;
    std::vector<nlohmann::json> household;     // members: {id, name, birthdate, kind}
    std::vector<nlohmann::json> entitlements;  // pulled data plus "estimate_milli"
    std::vector<nlohmann::json> memberships;   // {id, state} (local state when changed here)
};

// The sum over held pulled records that PROTOCOL.md section 8 defines.
struct ScopeDigest {
    std::int64_t count = 0;
    std::string checksum;
};

class DeviceStore {
public:
    // Opens or creates the store at `path` (WAL, synchronous=FULL). kSchemaTooNew for a newer file.
    static Result<std::unique_ptr<DeviceStore>> open(const std::string& path, const DeviceClock& clock);
    ~DeviceStore();
    DeviceStore(const DeviceStore&) = delete;
    DeviceStore& operator=(const DeviceStore&) = delete;

    // --- identity and state
    Result<DeviceState> state() const;
    // Stores what enrollment returned. kFailedPrecondition when already enrolled as another device.
    Status set_enrollment(const Enrollment& e);
    Status set_officer(const std::string& officer_id);
    // Sets or replaces the PIN `officer` signs in with on the screen (4 to 12 digits), kept only as
    // an argon2id hash.
    Status set_officer_pin(const std::string& officer, const std::string& pin);
    // Checks an officer's PIN against the device's clock: ok; kUnauthenticated for a wrong PIN or an
    // unknown officer; kRefused while the officer is locked after too many wrong PINs in a row.
    Status check_officer_pin(const std::string& officer, const std::string& pin);
    // Officers who have a PIN on this device, by name.
    Result<std::vector<std::string>> officers() const;
    Status set_epoch(const std::string& epoch);
    Status record_hello(const HelloAnchor& anchor);
    Status record_sync_time(UtcTime t);
    Status set_open_event(const std::optional<Uuid>& event_id);

    // --- local domain writes; each is one transaction with its outbox operation
    Result<Operation> record_attendance(const Uuid& registrant_id, const Uuid& event_id);
    Result<RedeemOutcome> redeem(const RedeemInput& in);
    Result<Operation> void_redemption(const Uuid& redemption_id, const std::string& reason);
    Result<Operation> transition_membership(const Uuid& membership_id, model::MembershipState to,
                                            const std::string& reason);
    Result<Operation> update_registrant(const Uuid& registrant_id,
                                        const std::map<std::string, std::string>& fields,
                                        const std::map<std::string, std::int64_t>& field_versions);

    // --- outbox
    // Pending operations from the lowest pending sequence, at most `limit`, in sequence order.
    Result<std::vector<Operation>> pending_ops(std::size_t limit) const;
    // Every operation, in sequence order (for verification and export).
    Result<std::vector<OutboxEntry>> outbox() const;
    // Stores each result and marks every operation up to response.acked_seq acked (one transaction).
    Status record_push_results(const PushResponse& response);
    // After a server restore: operations above `server_acked` become pending again.
    Status mark_pending_above(std::uint64_t server_acked);
    Result<OutboxSummary> outbox_summary() const;
    Result<DistributionSummary> distribution_summary() const;

    // --- pulled records
    // Applies one page and advances the cursor to page.next_cursor in one transaction.
    Status apply_pull_page(const PullResponse& page);
    // Starts a re-pull from cursor 0; records not seen again are dropped when it completes.
    Status begin_repull();
    // Ends a re-pull (call after the last page): drops records the re-pull did not bring back.
    Status finish_repull();
    Result<ScopeDigest> scope_digest() const;
    // Held pulled records, read back through the protocol's decoder (kCorrupt when a stored copy no
    // longer decodes); nullopt when not held.
    Result<std::optional<PulledEntitlement>> entitlement(const Uuid& id) const;
    Result<std::optional<PulledEvent>> event(const Uuid& id) const;
    Result<std::optional<PulledTrustList>> trust_list() const;
    // Every held event, ordered by id.
    Result<std::vector<PulledEvent>> events() const;
    Result<std::int64_t> count_records(const std::string& kind) const;

    // --- lookups (offline)
    Result<BalanceEstimate> balance(const Uuid& entitlement_id) const;
    // By name prefix (any word, accent- and case-insensitive), registrant id or national id.
    Result<std::vector<FoundPerson>> find(const std::string& query, std::size_t limit) const;
    // SQLite's plan for the name lookup (EXPLAIN QUERY PLAN details), so tests can hold it to its index.
    Result<std::vector<std::string>> find_plan() const;
    // SQLite's plan for reading one person's entitlements (tests assert it starts from holders).
    Result<std::vector<std::string>> holdings_plan() const;
    // True when a credential id is in this device's redemption ledger.
    Result<bool> credential_redeemed(const std::string& cti) const;

    // Test hook: the next domain write fails at `point` ("after_outbox": the operation is written but
    // not its domain row; "before_commit": both are written, the commit is not).
    void inject_failure(std::string point) { fail_point_ = std::move(point); }
    // Test hook: every later commit of this store is reported to `kill_switch` (which must outlive
    // the store), so a test can crash the device at any transaction boundary (kill_switch.hpp).
    void watch_commits(KillSwitch* kill_switch);

private:
    DeviceStore(std::unique_ptr<sqlite::Connection> db, const DeviceClock& clock);
    Status migrate();
    // Rebuilds the lookup rows of every held entitlement (migration 2).
    Status reindex_held();
    // Fills, chains and stores an operation inside the caller's open transaction.
    Result<Operation> append_op(Operation op);
    Status check_fail_point(std::string_view point);
    TimeClaim time_claim() const;
    Result<BalanceEstimate> balance_in_tx(const Uuid& entitlement_id) const;
    // The estimate for an entitlement whose pulled record (null when not held) is already read.
    Result<BalanceEstimate> balance_of(const Uuid& entitlement_id,
                                       const PulledEntitlement* entitlement) const;
    Result<std::optional<PulledData>> held(const std::string& kind, const Uuid& id) const;
    // Registrant ids matching a query: exact id or national id first, then name keys in order.
    Result<std::vector<std::string>> find_ids(const std::string& query, std::size_t limit) const;
    Result<FoundPerson> found_person(const std::string& registrant_id) const;
    // Adds the person's held entitlements (with balance estimates) and their memberships.
    Status add_entitlements(FoundPerson& p) const;
    // Rebuilds the lookup rows (people, name keys, holders) a pulled record contributes.
    // (null: the record left the scope or is not an entitlement).
    Status index_people(const std::string& kind, const std::string& id, const PulledEntitlement* entitlement);
    // Applies what a pulled entitlement says about voided redemptions and case statuses.
    Status converge_on(const PulledEntitlement& entitlement);
    Status index_record(const std::string& kind, const std::string& id, const PulledData* data);

    std::unique_ptr<sqlite::Connection> db_;
    const DeviceClock& clock_;
    std::string fail_point_;
};

// Parses a decimal quantity ("12", "12.5", "0.125") into thousandths; kInvalidArgument otherwise.
Result<std::int64_t> parse_quantity_milli(std::string_view text);
// "12.5" from 12500.
std::string format_quantity_milli(std::int64_t milli);

}  // namespace spmis::sync
