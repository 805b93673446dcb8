#pragma once
// The sync side of the API: the server's identity (DIR/server.key, server id in store meta), one
// SyncServer on its own Store behind a mutex (SyncServer and Store are not thread-safe), gzip
// request bodies, and the routes for devices, sync and the reconciliation queue.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "spmis/base/clock.hpp"
#include "spmis/http/http_message.hpp"
#include "spmis/http/router.hpp"
#include "spmis/store/store.hpp"
#include "spmis/store/wal_checkpointer.hpp"
#include "spmis/sync/sync_server.hpp"

namespace spmis::api {

// Loads DIR/server.key (created 0600 when missing) and the server id kept in the store's meta.
Result<sync::ServerIdentity> load_or_create_server_identity(const std::string& data_dir, store::Store& store);

// A SyncServer with its own Store on DIR/spmis.db; every call goes through `mutex`.
struct SyncService {
    // Declared first so it stops last: its final TRUNCATE checkpoint runs after the store closed.
    std::unique_ptr<store::WalCheckpointer> checkpointer;  // null unless background checkpoints
    std::mutex mutex;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<sync::SyncServer> server;
};

// Opens the store (in data_dir, or the PostgreSQL database `store_location` names when it is a
// URL), loads the identity from data_dir and builds the SyncServer. With background_checkpoints
// (spmis-server on SQLite), the store's commits never checkpoint the WAL: a started WalCheckpointer
// does, off the push path.
Result<std::unique_ptr<SyncService>> open_sync_service(const std::string& data_dir, Clock& clock,
                                                       bool background_checkpoints = false,
                                                       const std::string& store_location = "");

// Service point ids from ids and/or codes; kNotFound naming an unknown code.
Result<std::vector<Uuid>> resolve_service_points(store::Store& store, const std::vector<std::string>& ids,
                                                 const std::vector<std::string>& codes);

// The request body, gunzipped when Content-Encoding is gzip; kResourceExhausted above max_bytes,
// kInvalidArgument for a broken stream or an unsupported encoding.
Result<std::string> decoded_body(const http::HttpRequest& request, std::size_t max_bytes);

// A case as JSON, with its links (the operations and records it is about).
nlohmann::json case_to_json(const store::ReconciliationCase& c);

// POST /api/v1/sync/{hello,push,pull}, /api/v1/devices/enroll, /api/v1/devices/enrollment-codes,
// GET /api/v1/devices, POST /api/v1/devices/{id}/revoke.
void register_sync_routes(http::Router& router, SyncService& service);
// GET /api/v1/reconciliation, POST /api/v1/reconciliation/{id}/resolve.
void register_reconciliation_routes(http::Router& router, SyncService& service);
// GET /api/v1/sync/operations: operations answered rejected or accepted_flagged, for staff
// (refused_operation_routes.cpp).
void register_refused_operation_routes(http::Router& router, SyncService& service);
// POST /api/v1/credentials/verify (credential_routes.cpp).
void register_credential_routes(http::Router& router, SyncService& service);
// All of the above.
void register_sync_api(http::Router& router, SyncService& service);

}  // namespace spmis::api
