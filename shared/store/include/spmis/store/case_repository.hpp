#pragma once
// The reconciliation queue: cases raised by sync conflicts, the operations and records each
// links, and staff decisions.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::store {

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

class CaseRepository {
public:
    virtual ~CaseRepository() = default;

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
};

}  // namespace spmis::store
