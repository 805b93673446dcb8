#pragma once
// The protocol's messages (PROTOCOL.md section 5) and their strict JSON forms.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/sync/operation.hpp"
#include "spmis/sync/pulled_records.hpp"

namespace spmis::sync {

enum class Disposition { kAccepted, kAcceptedFlagged, kRejected, kDuplicate };

std::string to_string(Disposition d);
Result<Disposition> disposition_from_string(const std::string& s);

struct HelloRequest {
    Uuid device_id;
    std::uint64_t acked_seq = 0;
    std::string epoch;
    std::int64_t cursor = 0;
    UtcTime clock{};
};

struct HelloResponse {
    UtcTime server_time{};
    std::string epoch;
    std::uint64_t acked_seq = 0;
    std::vector<Uuid> scopes;          // service points
    std::vector<std::string> actions;  // "repush", "reset_scope", "reenroll", "fork_detected"
};

struct PushRequest {
    Uuid device_id;
    std::vector<Operation> ops;
    std::string signature_hex;
};

struct OpResult {
    std::uint64_t device_seq = 0;
    Disposition disposition = Disposition::kAccepted;
    std::string reason;       // rejected: why; flagged: what
    std::vector<Uuid> cases;  // reconciliation cases touched
    // A replay (disposition duplicate) of an operation the server already held: its first answer's
    // disposition; reason and cases are the first answer's too. Unset otherwise.
    std::optional<Disposition> first;

    bool operator==(const OpResult&) const = default;
};

struct PushResponse {
    std::uint64_t acked_seq = 0;  // highest contiguous sequence durably committed
    std::vector<OpResult> results;
};

// One server-side record in a pull page: an upsert (data) or a removal from scope (no data, JSON null).
struct PulledRecord {
    std::int64_t server_seq = 0;
    std::string kind;
    Uuid id;
    std::optional<PulledData> data;
};

struct PullRequest {
    Uuid device_id;
    std::int64_t cursor = 0;
    std::int64_t byte_budget = 0;
};

struct PullResponse {
    std::vector<PulledRecord> records;
    std::int64_t next_cursor = 0;
    bool has_more = false;
    std::int64_t scope_count = 0;
    std::string scope_checksum;
};

// JSON forms. Parsers are strict and answer kInvalidArgument naming the bad member.
nlohmann::json to_json(const HelloRequest& m);
nlohmann::json to_json(const HelloResponse& m);
nlohmann::json to_json(const PushRequest& m);
nlohmann::json to_json(const PushResponse& m);
nlohmann::json to_json(const PullRequest& m);
nlohmann::json to_json(const PullResponse& m);
Result<HelloRequest> hello_request_from_json(const nlohmann::json& j);
Result<HelloResponse> hello_response_from_json(const nlohmann::json& j);
Result<PushRequest> push_request_from_json(const nlohmann::json& j);
Result<PushResponse> push_response_from_json(const nlohmann::json& j);
Result<PullRequest> pull_request_from_json(const nlohmann::json& j);
Result<PullResponse> pull_response_from_json(const nlohmann::json& j);

}  // namespace spmis::sync
