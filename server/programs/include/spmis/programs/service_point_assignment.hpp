#pragma once
// Which service point serves a beneficiary of an in-kind or voucher program, by area:
//  1. a service point serving the program whose area is the beneficiary's area or its nearest
//     ancestor (the most specific match wins);
//  2. otherwise one inside the subtree of the nearest ancestor that has any (a site in a sibling
//     district of the same region before one elsewhere in the country);
//  3. otherwise none (the entitlement has no service point; the report counts them).
// Ties are broken by the lowest service point code, so the assignment is deterministic.

#include <optional>
#include <string>
#include <vector>

#include "spmis/model/service_point.hpp"

namespace spmis::programs {

// Service point lookup for one program.
class ServicePointAssigner {
public:
    // `sites`: every service point (only those serving `program_id` are used), each with the
    // ancestry path of its area (area code first, then its ancestors' codes).
    ServicePointAssigner(const Uuid& program_id, const std::vector<model::ServicePoint>& sites,
                         const std::vector<std::vector<std::string>>& site_area_paths);
    // The service point for a beneficiary whose area has this ancestry path, or nullopt.
    std::optional<Uuid> assign(const std::vector<std::string>& area_path) const;

private:
    struct Site {
        Uuid id;
        std::string code;
        std::vector<std::string> area_path;
    };
    std::vector<Site> sites_;  // sorted by code
};

}  // namespace spmis::programs
