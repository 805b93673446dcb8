#include "spmis/programs/service_point_assignment.hpp"

#include <algorithm>

namespace spmis::programs {

ServicePointAssigner::ServicePointAssigner(const Uuid& program_id,
                                           const std::vector<model::ServicePoint>& sites,
                                           const std::vector<std::vector<std::string>>& site_area_paths) {
    for (std::size_t i = 0; i < sites.size() && i < site_area_paths.size(); ++i) {
        const auto& ids = sites[i].program_ids;
        if (site_area_paths[i].empty() || std::find(ids.begin(), ids.end(), program_id) == ids.end())
            continue;
        sites_.push_back({sites[i].id, sites[i].code, site_area_paths[i]});
    }
    std::sort(sites_.begin(), sites_.end(), [](const Site& a, const Site& b) { return a.code < b.code; });
}

std::optional<Uuid> ServicePointAssigner::assign(const std::vector<std::string>& area_path) const {
    // 1. A site located in the beneficiary's area or the nearest ancestor.
    for (const auto& code : area_path) {
        for (const auto& s : sites_) {
            if (s.area_path.front() == code) return s.id;
        }
    }
    // 2. A site anywhere below the nearest ancestor that has one.
    for (const auto& code : area_path) {
        for (const auto& s : sites_) {
            if (std::find(s.area_path.begin(), s.area_path.end(), code) != s.area_path.end()) return s.id;
        }
    }
    return std::nullopt;
}

}  // namespace spmis::programs
