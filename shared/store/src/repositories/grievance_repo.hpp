#pragma once
// The grievance repository on either backend. Internal to the store.

#include "repositories/backend.hpp"
#include "spmis/store/store.hpp"

namespace spmis::store::SPMIS_STORE_NS {

class SqlGrievances final : public GrievanceRepository {
public:
    explicit SqlGrievances(Database& db) : db_(db) {}
    Result<std::vector<GrievanceCategory>> list_grievance_categories() override;
    Result<std::optional<GrievanceCategory>> find_grievance_category(const std::string& code) override;
    Status put_grievance_category(const GrievanceCategory& category) override;
    Result<std::int64_t> next_grievance_number() override;
    Status insert_grievance(const Grievance& g) override;
    Status update_grievance(const Grievance& g) override;
    Result<Grievance> get_grievance(const Uuid& id) override;
    Result<std::vector<Grievance>> list_grievances(const GrievanceFilter& filter) override;
    Status append_grievance_event(const GrievanceEvent& e) override;
    Result<std::vector<GrievanceEvent>> list_grievance_events(const Uuid& grievance_id) override;

private:
    Status load_subcategories(GrievanceCategory& category);

    Database& db_;
};

}  // namespace spmis::store::SPMIS_STORE_NS
