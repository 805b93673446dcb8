#pragma once
// The registry and program API (registrants, areas, service points, programs, memberships,
// audit) over the main store.
//
// Store sharing: a Store is one-per-thread, and SQLite serialises writers anyway, so the API holds
// ONE store connection guarded by a mutex (StoreAccess) rather than one per worker thread; each
// request runs as one store transaction while holding it. Reads are short (paged), so the lock is
// never held for long; the account store keeps its own connection.

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "spmis/base/status.hpp"
#include "spmis/http/router.hpp"
#include "spmis/store/store.hpp"

namespace spmis::api {

// One store shared by the request handlers, one request at a time.
class StoreAccess {
public:
    // Takes ownership of an open store.
    explicit StoreAccess(std::unique_ptr<store::Store> store);
    // Runs body in one transaction with the store locked; rolled back when body fails.
    Status transaction(const std::function<Status(store::Store&)>& body);
    // Runs body holding the store's lock without touching this connection: a writer on another
    // connection (the job worker's batches) takes turns with the requests instead of making them
    // wait on SQLite's busy timeout.
    Status exclusive(const std::function<Status()>& body);
    // The store's clock (the server's one clock). Thread-safe.
    Clock& clock() { return store_->clock(); }

private:
    std::mutex mutex_;
    std::unique_ptr<store::Store> store_;
};

// Opens DIR/spmis.db for the API (created and migrated when missing).
Result<std::unique_ptr<StoreAccess>> open_store_access(const std::string& store_location, Clock& clock);

// Registers every route group of this header on router.
void register_registry_api(http::Router& router, StoreAccess& store);

// Registrants: create, read, update, search, members, CSV import.
void register_registrant_routes(http::Router& router, StoreAccess& store);

// GET /api/v1/registry/text-problems: stored text to correct (text_problem_routes.cpp).
void register_text_problem_routes(http::Router& router, StoreAccess& store);

// Areas and service points: create, list, read.
void register_place_routes(http::Router& router, StoreAccess& store);

// Programs (create, list, read, end, reactivate) and memberships (list, pause, resume, exit).
void register_program_routes(http::Router& router, StoreAccess& store);

// GET /api/v1/audit for auditors.
void register_audit_routes(http::Router& router, StoreAccess& store);

// Payment batches: create per cycle, read, provider file, result import.
void register_payment_routes(http::Router& router, StoreAccess& store);

// GET /api/v1/monitoring/programs/{id} (JSON or ?format=csv).
void register_monitoring_routes(http::Router& router, StoreAccess& store);

// Cycles (create, list, read, submit, cancel) and entitlements (generate, list).
void register_cycle_routes(http::Router& router, StoreAccess& store);

// Approval chains, approval requests (list, read, approve, reject) and delegations.
void register_approval_routes(http::Router& router, StoreAccess& store);

// Grievances: open, list, read with history, transitions, assignment, notes, appeals, CSV export.
void register_grievance_routes(http::Router& router, StoreAccess& store);

}  // namespace spmis::api
