#pragma once
// Server-side sync records: the operation log with the answer given for each operation, one-time
// enrollment codes, the reconciliation queue, facts that need sync-specific queries, and the
// scoped change feed that pull pages are cut from (PROTOCOL.md section 8).

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/entitlement.hpp"
#include "spmis/model/service_point.hpp"
#include "spmis/sync/pulled_records.hpp"

namespace spmis::store {

// One operation as the server stored it, with the answer it gave.
struct StoredOperation {
    Uuid device_id;
    std::uint64_t device_seq = 0;
    std::string hash_hex;
    std::string op_type;
    Uuid record_id;
    std::string op_json;  // the wire form as received
    std::int64_t server_seq = 0;
    UtcTime received_at{};
    std::string disposition;
    std::string reason;
    std::vector<Uuid> case_ids;
    std::string flags;  // comma-separated, e.g. "clock_skew"

    bool operator==(const StoredOperation&) const = default;
};

// Which refused or flagged operations a staff listing asks for (answers `rejected` and
// `accepted_flagged`, PROTOCOL.md section 5; plain `accepted` ones are never listed).
struct RefusedOperationFilter {
    std::optional<Uuid> device_id;
    std::optional<std::string> disposition;  // rejected | accepted_flagged; nullopt for both
    std::optional<std::int64_t> before;      // a page's cursor: only operations with a smaller server_seq
    std::size_t limit = 0;                   // at most this many operations; 0 for all
};

// A record or operation a case is about.
struct CaseLink {
    Uuid record_id;
    std::optional<Uuid> device_id;
    std::optional<std::int64_t> device_seq;

    bool operator==(const CaseLink&) const = default;
};

// One item of the reconciliation queue.
struct ReconciliationCase {
    Uuid id;
    std::string type;
    std::string key;
    std::string status;  // open | resolved
    std::string summary;
    std::optional<Uuid> program_id;
    std::optional<Uuid> service_point_id;
    std::optional<Uuid> record_id;  // the entitlement, membership or registrant concerned
    std::vector<CaseLink> links;
    UtcTime created_at{};
    UtcTime updated_at{};
    std::string decision;  // JSON text of the staff decision once resolved
    std::string decided_by;
    std::string reason;
    std::optional<UtcTime> resolved_at;
};

// What a new case is about, for raise_case.
struct CaseSubject {
    std::string type;
    std::string key;
    std::string summary;
    std::optional<Uuid> program_id;
    std::optional<Uuid> service_point_id;
    std::optional<Uuid> record_id;
};

struct CaseFilter {
    std::optional<std::string> type;
    std::optional<std::string> status;
    std::optional<Uuid> program_id;
    std::optional<Uuid> service_point_id;
    std::optional<Uuid> before;  // a page's cursor: only cases with a smaller (older) id
    std::size_t limit = 0;       // at most this many cases; 0 for all
};

// What the change feed holds for one record: the typed pulled record the protocol defines, or, for
// the trust list, the device keys it is built from (the sync server signs them).
using ChangedData = std::variant<sync::PulledEntitlement, sync::PulledEvent, sync::PulledDevice,
                                 std::vector<sync::TrustListEntry>>;

// One record of the change feed: kind, id, the stamp of its latest change, its typed projection.
struct ChangedRecord {
    std::int64_t server_seq = 0;
    std::string kind;
    Uuid id;
    ChangedData data;
};

// Count and SHA-256 (hex) over the sorted lines "kind:id:server_seq\n" of every record in scope.
struct ScopeDigest {
    std::int64_t count = 0;
    std::string checksum;
};

// An entitlement as a redemption sees it: what it grants, whether it can be redeemed, and how much
// accepted, non-voided redemptions already took (thousandths of its unit).
struct RedemptionTarget {
    Uuid program_id;
    model::EntitlementKind kind = model::EntitlementKind::kCash;
    model::EntitlementState state = model::EntitlementState::kDraft;
    Money amount;         // cash and voucher value
    double quantity = 0;  // in kind
    Date valid_until{};
    std::int64_t redeemed_milli = 0;

    // The entitled measure in thousandths: in-kind quantity, or voucher/cash value in minor units.
    std::int64_t entitled_milli() const {
        if (kind == model::EntitlementKind::kInKind) return std::llround(quantity * 1000);
        return amount.minor_units * 1000;
    }
};

class SyncRepository {
public:
    virtual ~SyncRepository() = default;

    // The newest operation stored for a device, nullopt before its first.
    virtual Result<std::optional<StoredOperation>> last_operation(const Uuid& device_id) = 0;
    // The operation (device, seq), nullopt when not stored.
    virtual Result<std::optional<StoredOperation>> get_operation(const Uuid& device_id,
                                                                 std::uint64_t seq) = 0;
    // Reserves `count` consecutive server_seq values for operations stored next; returns the first.
    virtual Result<std::int64_t> reserve_server_seqs(std::int64_t count) = 0;
    // Stores an operation and its answer, stamped with op.server_seq when reserved (> 0), else with the
    // next server_seq; returns the stamp.
    virtual Result<std::int64_t> insert_operation(const StoredOperation& op) = 0;
    // Operations of a device with seq > after, in order, at most limit.
    virtual Result<std::vector<StoredOperation>> list_operations(const Uuid& device_id, std::uint64_t after,
                                                                 std::size_t limit) = 0;
    // Number of stored operations (all devices).
    virtual Result<std::int64_t> count_operations() = 0;
    // Operations answered `rejected` or `accepted_flagged` matching the filter, newest (highest
    // server_seq) first, at most filter.limit (when set) older than filter.before.
    virtual Result<std::vector<StoredOperation>> list_refused_operations(
        const RefusedOperationFilter& filter) = 0;
    // Number of such operations per disposition for the filter's device (its disposition, cursor and
    // limit are ignored); a disposition with none is absent.
    virtual Result<std::map<std::string, std::int64_t>> count_refused_operations(
        const RefusedOperationFilter& filter) = 0;

    // Stores a one-time enrollment code by its hash.
    virtual Status insert_enrollment_code(const std::string& code_hash,
                                          const std::vector<Uuid>& service_points, UtcTime expires_at,
                                          const std::string& created_by) = 0;
    // Marks a code used and returns its service points; kUnauthenticated when unknown, used or expired.
    virtual Result<std::vector<Uuid>> consume_enrollment_code(const std::string& code_hash, UtcTime now) = 0;

    // The case with subject.key, created when missing (keys make replays idempotent); `link` is
    // attached once. Returns the case id.
    virtual Result<Uuid> raise_case(const CaseSubject& subject, const CaseLink& link) = 0;
    // Attaches every redemption of an entitlement (with the operation that recorded it) to a case.
    virtual Status link_redemptions(const Uuid& case_id, const Uuid& entitlement_id) = 0;
    // Attaches `link` (a later operation on link.record_id) to every case already linking that record,
    // leaving their status as it is.
    virtual Status link_beside_record(const CaseLink& link) = 0;
    virtual Result<ReconciliationCase> get_case(const Uuid& id) = 0;
    // Cases matching the filter, newest first, at most filter.limit (when set) older than filter.before.
    virtual Result<std::vector<ReconciliationCase>> list_cases(const CaseFilter& filter) = 0;
    // Number of cases per type matching the filter's status, program and service point (its type,
    // cursor and limit are ignored): the queue's counts.
    virtual Result<std::map<std::string, std::int64_t>> count_cases_by_type(const CaseFilter& filter) = 0;
    // Closes an open case with the staff decision (JSON text) and reason; audited. kFailedPrecondition
    // when already resolved.
    virtual Status resolve_case(const Uuid& id, const std::string& decision_json, const std::string& actor,
                                const std::string& reason) = 0;

    // True when the registrant exists (one key lookup, for the push path's attendance check).
    virtual Result<bool> registrant_exists(const Uuid& registrant_id) = 0;
    // The first (non-duplicate) attendance of a registrant at an event.
    virtual Result<std::optional<Uuid>> first_attendance(const Uuid& registrant_id, const Uuid& event_id) = 0;
    // Records an attendance, linked to the first one when it duplicates it.
    virtual Status insert_attendance(const model::Attendance& a, const std::optional<Uuid>& duplicate_of) = 0;
    // Attendance at an event counted once per registrant.
    virtual Result<std::int64_t> count_attendance(const Uuid& event_id) = 0;
    // Sum of accepted, non-voided redemptions of an entitlement, in thousandths of its unit.
    virtual Result<std::int64_t> redeemed_milli(const Uuid& entitlement_id) = 0;
    // What a redemption is checked against, in one query (the push path runs it per redemption);
    // nullopt when the entitlement is unknown.
    virtual Result<std::optional<RedemptionTarget>> redemption_target(const Uuid& entitlement_id) = 0;
    // Voids a redemption (kept, no longer counted); kNotFound when unknown, kFailedPrecondition if voided.
    virtual Status void_redemption(const Uuid& redemption_id, const std::string& voided_by) = 0;
    // The service points at which a registrant is served: those of the entitlements held by the
    // registrant, by its households, or (for a household) by its members. Empty when none.
    virtual Result<std::vector<Uuid>> service_points_of_registrant(const Uuid& registrant_id) = 0;
    // The device that recorded a redemption (nullopt when recorded centrally); kNotFound when unknown.
    virtual Result<std::optional<Uuid>> redemption_device(const Uuid& redemption_id) = 0;
    // True when a redemption that is not voided used this credential (cti as lowercase hex).
    virtual Result<bool> credential_redeemed(const std::string& credential_id) = 0;

    // Ids of registrants holding this national id (for duplicate matching of new registrants).
    virtual Result<std::vector<Uuid>> registrants_with_national_id(const std::string& national_id) = 0;
    // Version of a registrant field as the server last changed it (0 when never changed).
    virtual Result<std::int64_t> field_version(const Uuid& registrant_id, const std::string& field) = 0;
    // Increments a field's version.
    virtual Status bump_field_version(const Uuid& registrant_id, const std::string& field) = 0;

    // Records in the scope of these service points changed after `cursor`, in server_seq order.
    virtual Result<std::vector<ChangedRecord>> changes_after(const std::vector<Uuid>& service_points,
                                                             std::int64_t cursor, std::size_t limit) = 0;
    // Count and checksum of every record in scope now.
    virtual Result<ScopeDigest> scope_digest(const std::vector<Uuid>& service_points) = 0;

    // Server settings kept in the database (epoch, ids); nullopt when unset.
    virtual Result<std::optional<std::string>> get_meta(const std::string& key) = 0;
    virtual Status set_meta(const std::string& key, const std::string& value) = 0;
};

}  // namespace spmis::store
