#pragma once
// Program monitoring: the store's aggregate figures with the derived rates, as JSON or CSV.

#include <nlohmann/json.hpp>
#include <string>

#include "spmis/store/store.hpp"

namespace spmis::payments {

// The program's figures (store::MonitoringRepository) as JSON with coverage, payment success rate
// and budget used; kNotFound for an unknown program.
Result<nlohmann::json> monitoring_json(store::Store& store, const Uuid& program_id);

// The same figures as CSV rows "section,cycle,key,state,count,value,quantity" (docs/monitoring.md).
std::string monitoring_csv(const nlohmann::json& figures);

// paid / (paid + failed), 0 when nothing is settled.
double success_rate(std::int64_t paid, std::int64_t failed);

}  // namespace spmis::payments
