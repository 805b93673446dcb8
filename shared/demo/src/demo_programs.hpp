#pragma once
// Internal pieces of the demo generator, one concern per file.

#include <string>
#include <vector>

#include "spmis/base/uuid.hpp"
#include "spmis/model/area.hpp"
#include "spmis/model/program.hpp"
#include "spmis/model/service_point.hpp"

namespace spmis::demo {

// The six demo programs of DESIGN.md with CEL rules as text; ids from `ids`.
std::vector<model::Program> demo_programs(UuidGenerator& ids, UtcTime now);

// Country > 4 regions > 4 districts each; the country first, then regions, then districts.
std::vector<model::Area> demo_areas(UuidGenerator& ids);

// Service points in some districts, serving the in-kind and voucher programs.
std::vector<model::ServicePoint> demo_service_points(UuidGenerator& ids,
                                                     const std::vector<model::Area>& districts,
                                                     const std::vector<model::Program>& programs);

// Two monthly distribution events per service point and program it serves.
std::vector<model::DistributionEvent> demo_events(UuidGenerator& ids,
                                                  const std::vector<model::ServicePoint>& sps);

}  // namespace spmis::demo
