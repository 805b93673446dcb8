// The API's one store connection and the registration of the registry API's route groups.

#include "spmis/api/registry_api.hpp"

namespace spmis::api {

StoreAccess::StoreAccess(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}

Status StoreAccess::transaction(const std::function<Status(store::Store&)>& body) {
    std::lock_guard<std::mutex> lock(mutex_);
    return store_->transaction([&]() { return body(*store_); });
}

Status StoreAccess::exclusive(const std::function<Status()>& body) {
    std::lock_guard<std::mutex> lock(mutex_);
    return body();
}

Result<std::unique_ptr<StoreAccess>> open_store_access(const std::string& store_location, Clock& clock) {
    SPMIS_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::open_store_at(store_location, &clock));
    return std::make_unique<StoreAccess>(std::move(store));
}

void register_registry_api(http::Router& router, StoreAccess& store) {
    register_registrant_routes(router, store);
    register_text_problem_routes(router, store);
    register_place_routes(router, store);
    register_program_routes(router, store);
    register_audit_routes(router, store);
    register_payment_routes(router, store);
    register_monitoring_routes(router, store);
    register_cycle_routes(router, store);
    register_approval_routes(router, store);
    register_grievance_routes(router, store);
}

}  // namespace spmis::api
