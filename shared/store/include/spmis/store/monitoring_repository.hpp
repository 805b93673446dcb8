#pragma once
// Monitoring figures of a program, each one SQL aggregate over the records (see docs/monitoring.md
// for the definitions).

#include <string>
#include <vector>

#include "spmis/base/money.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::store {

// How many records are in one state.
struct StateCount {
    std::string state;
    std::int64_t count = 0;
};

// Entitlements of one cycle in one state.
struct EntitlementStateFigures {
    std::string state;
    std::int64_t count = 0;
    std::int64_t value_minor = 0;  // sum of amounts (cash and voucher value)
    double quantity = 0;           // sum of in-kind quantities
};

// Payment attempts of one cycle by outcome.
struct PaymentFigures {
    std::int64_t pending = 0;
    std::int64_t paid = 0;
    std::int64_t failed = 0;
    std::int64_t paid_minor = 0;
};

// One cycle of the program.
struct CycleFigures {
    Uuid cycle_id;
    int sequence = 0;
    std::string name;
    std::string state;
    Money budget;                      // 0 minor units: no limit
    std::int64_t committed_minor = 0;  // value of approved, transferred and paid entitlements
    std::vector<EntitlementStateFigures> entitlements;  // by state name
    PaymentFigures payments;
};

// In-kind quantities at one service point.
struct ServicePointFigures {
    Uuid service_point_id;
    std::string code;
    double entitled = 0;  // approved, transferred, paid or expired entitlements assigned there
    double redeemed = 0;  // accepted, non-voided redemptions recorded there
};

// Hand-overs recorded on one day (UTC), in every unit of the program's entitlements.
struct RedemptionDay {
    std::string date;  // YYYY-MM-DD
    std::int64_t count = 0;
    std::int64_t quantity_milli = 0;  // thousandths of the entitlements' units
};

// Every figure of a program.
struct ProgramFigures {
    std::int64_t eligible = 0;  // memberships found eligible: draft, enrolled, paused or exited
    std::int64_t enrolled = 0;
    std::vector<StateCount> memberships;              // by state name
    std::vector<CycleFigures> cycles;                 // by sequence
    std::vector<ServicePointFigures> service_points;  // by code
    std::vector<RedemptionDay> redemptions_per_day;  // accepted, non-voided; by date, days with none left out
};

// Read-only aggregate queries.
class MonitoringRepository {
public:
    virtual ~MonitoringRepository() = default;

    // The program's figures; kNotFound for an unknown program.
    virtual Result<ProgramFigures> program_figures(const Uuid& program_id) = 0;
};

}  // namespace spmis::store
