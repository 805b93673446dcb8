#pragma once
// Service points, distribution events, attendance and redemptions.

#include <string>
#include <vector>

#include "spmis/model/service_point.hpp"

namespace spmis::store {

// A redemption as staff list it: the fact and who voided it ("" while it counts).
struct RedemptionListing {
    model::Redemption redemption;
    std::string voided_by;

    bool operator==(const RedemptionListing&) const = default;
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

    // Records an attendance.
    virtual Status insert_attendance(const model::Attendance& a) = 0;
    // Attendance at an event in id order.
    virtual Result<std::vector<model::Attendance>> list_attendance(const Uuid& event_id) = 0;
    // Attendance of one registrant at every event, once per event (the first record, not the
    // duplicates a second device sent), in id order.
    virtual Result<std::vector<model::Attendance>> list_attendance_of(const Uuid& registrant_id) = 0;

    // Records a redemption and stamps its entitlement, whose remaining balance pull sends again.
    virtual Status insert_redemption(const model::Redemption& r) = 0;
    // Redemptions of an entitlement in id order.
    virtual Result<std::vector<model::Redemption>> list_redemptions(const Uuid& entitlement_id) = 0;
    // The same redemptions with who voided each (voided ones included), in id order.
    virtual Result<std::vector<RedemptionListing>> list_redemption_listings(const Uuid& entitlement_id) = 0;
};

}  // namespace spmis::store
