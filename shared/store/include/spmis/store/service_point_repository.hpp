#pragma once
// Service points, distribution events, attendance and redemptions: every fact recorded at a
// service point is written through this one repository, by the API and by the push path alike.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spmis/model/entitlement.hpp"
#include "spmis/model/service_point.hpp"

namespace spmis::store {

// A redemption as staff list it: the fact and who voided it ("" while it counts).
struct RedemptionListing {
    model::Redemption redemption;
    std::string voided_by;

    bool operator==(const RedemptionListing&) const = default;
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

// Field-delivery records. Attendance and redemptions are facts: insert only.
class ServicePointRepository {
public:
    virtual ~ServicePointRepository() = default;

    // Inserts a service point with its program list.
    virtual Status insert_service_point(const model::ServicePoint& sp) = 0;
    // The service point with this id.
    virtual Result<model::ServicePoint> get_service_point(const Uuid& id) = 0;
    // Every service point ordered by code.
    virtual Result<std::vector<model::ServicePoint>> list_service_points() = 0;

    // Inserts a distribution event.
    virtual Status insert_event(const model::DistributionEvent& e) = 0;
    // The event with this id.
    virtual Result<model::DistributionEvent> get_event(const Uuid& id) = 0;
    // Events of a service point ordered by start time.
    virtual Result<std::vector<model::DistributionEvent>> list_events(const Uuid& service_point_id) = 0;

    // Attendance at an event in id order.
    virtual Result<std::vector<model::Attendance>> list_attendance(const Uuid& event_id) = 0;
    // Attendance of one registrant at every event, once per event (the first record, not the
    // duplicates a second device sent), in id order.
    virtual Result<std::vector<model::Attendance>> list_attendance_of(const Uuid& registrant_id) = 0;

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
    // The device that recorded a redemption (nullopt when recorded centrally); kNotFound when unknown.
    virtual Result<std::optional<Uuid>> redemption_device(const Uuid& redemption_id) = 0;

    // True when a redemption that is not voided used this credential (cti as lowercase hex).
    virtual Result<bool> credential_redeemed(const std::string& credential_id) = 0;

    // Records a redemption and stamps its entitlement, whose remaining balance pull sends again.
    virtual Status insert_redemption(const model::Redemption& r) = 0;
    // Redemptions of an entitlement in id order.
    virtual Result<std::vector<model::Redemption>> list_redemptions(const Uuid& entitlement_id) = 0;
    // The same redemptions with who voided each (voided ones included), in id order.
    virtual Result<std::vector<RedemptionListing>> list_redemption_listings(const Uuid& entitlement_id) = 0;
};

}  // namespace spmis::store
