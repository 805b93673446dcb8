#pragma once
// The server side of sync: device enrollment, hello, push (verify, apply by the conflict rules,
// answer per operation), scoped pull, and the reconciliation queue. Transport-agnostic: the HTTP
// layer passes bodies in and out. Not thread-safe: the caller serialises calls (SQLite has one
// writer anyway, and push order is the server's commit order); only a push's store-free half
// (prepare_push, push_prepare.hpp) runs outside that, in parallel, before apply_push.

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spmis/base/clock.hpp"
#include "spmis/credential/verify.hpp"
#include "spmis/model/user.hpp"
#include "spmis/store/store.hpp"
#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/messages.hpp"
#include "spmis/sync/protocol.hpp"
#include "spmis/sync/push_prepare.hpp"

namespace spmis::sync {

// The server's own identity: the id its operations carry and its root key (signs pull pages and
// the trust list; devices receive the public half at enrollment).
struct ServerIdentity {
    Uuid server_id;
    KeyPair keys;
};

struct EnrollmentCode {
    std::string code;
    UtcTime expires_at{};
};

class SyncServer {
public:
    SyncServer(store::Store& store, Clock& clock, ServerIdentity identity);

    // A one-time code bound to service points (which must exist); only its hash is stored.
    Result<EnrollmentCode> create_enrollment_code(const std::vector<Uuid>& service_points,
                                                  std::chrono::hours valid_for, const std::string& actor);
    // Exchanges {code, public_key, name} for the device's id, scopes, the server key and epoch.
    Result<nlohmann::json> enroll(const nlohmann::json& request);
    // Revokes a device: its later pushes and pulls are refused. Audited.
    Status revoke_device(const Uuid& device_id, const std::string& actor, const std::string& reason);

    // Routes a device request body ("hello", "push", "pull") and answers with the response body.
    // Errors: kInvalidArgument (malformed), kUnauthenticated (unknown/revoked device, bad signature),
    // kConflict (fork), kCorrupt (tampered chain), kFailedPrecondition (gap, protocol version).
    Result<std::string> handle(const std::string& endpoint, const std::string& body);
    Result<HelloResponse> hello(const nlohmann::json& request);
    Result<PushResponse> push(const nlohmann::json& request);
    // The store half of a push prepared by prepare_push: the same answers and errors as handle("push").
    Result<PushResponse> apply_push(const PreparedPush& prepared);
    Result<PullResponse> pull(const nlohmann::json& request);
    // Accepts a store-and-forward bundle (`spmis-field export`: a push body of any length) by the push
    // rules: device known and not revoked, signature, whole chain checked first, operations already
    // received answered as duplicates. Applied in push-sized transactions; the answers of all.
    // `slice` (at most a push) exists for tests.
    Result<PushResponse> import_bundle(const nlohmann::json& bundle,
                                       std::size_t slice = tuning::kPushMaxOperations);

    // The reconciliation queue for staff.
    Result<std::vector<store::ReconciliationCase>> cases(const store::CaseFilter& filter);
    // Resolves a case with a decision {"action": ...} (void_redemption, approve_overdraw,
    // adjust_entitlement, set_state, accept_field_value, dismiss), written as a server operation.
    Status resolve(const Uuid& case_id, const nlohmann::json& decision, const std::string& actor,
                   const std::string& reason);

    // Verifies a scanned SPP1 text as a device would (CREDENTIALS.md), against the server's own trust
    // list (every enrolled device key, revocations included) and its ledger
    // (a credential used by a redemption that is not voided is ALREADY_REDEEMED). The
    // verdict is in the result; an error only when the store cannot be read.
    Result<credential::VerifyResult> verify_credential(std::string_view text);

    // The server epoch: random, created once, changed by a restore so devices re-push.
    Result<std::string> epoch();
    // Starts a new epoch (after a restore from backup).
    Status new_epoch();
    const ServerIdentity& identity() const { return identity_; }

private:
    // An enrolled, active device and its verified public key.
    struct DeviceAuth {
        model::Device device;
        PublicKey key{};
    };
    Result<DeviceAuth> authenticate(const Uuid& device_id);
    // The sender of a non-empty batch: enrolled, not revoked, owning every operation, signature valid.
    Result<DeviceAuth> authenticate_batch(const PushRequest& m);
    // Operations [at, at + count) of a prepared push after authentication: replays, gap and fork
    // checks, apply (one transaction).
    Result<PushResponse> push_verified(const DeviceAuth& auth, const PreparedPush& p, std::size_t at,
                                       std::size_t count);
    Result<OpResult> apply_new(const DeviceAuth& device, const Operation& op, UtcTime received_at);
    Status refuse_once(const std::string& type, const std::string& key, const std::string& summary,
                       const Uuid& device_id, std::uint64_t seq);
    Status record_server_operation(const std::string& op_type, const nlohmann::json& payload,
                                   const std::string& actor, const std::string& summary);

    store::Store& store_;
    Clock& clock_;
    ServerIdentity identity_;
};

}  // namespace spmis::sync
