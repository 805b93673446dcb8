#pragma once
// The store-free half of a push, so several HTTP workers can do it at once before taking the store
// lock: parse (fast reader, else the full parser), size limit, every operation's content hash
// verified, the batch's own chain checked, and each operation's wire text (the log's copy) written.
// What needs the store (device active, batch signature, link to the stored tip, replays and forks,
// the rules, the log) is SyncServer::apply_push, whose answers equal those of the one-step push.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/sync/messages.hpp"

namespace spmis::sync {

// A parsed push with what could be checked without the store. Thread-safe to build; read-only after.
struct PreparedPush {
    PushRequest request;
    std::vector<std::uint8_t> hash_ok;  // per operation: 1 when its hash matches its content
    std::vector<std::string> wire;      // per operation: wire_text(op), stored in the operation log
    // The batch's own chain (one device, contiguous, links, hashes) from its first prev_hash: kCorrupt
    // names a tampered batch before the store is touched. The answer still comes from apply_push,
    // which authenticates the device first and answers already-held operations from the log.
    Status chain;
};

// The JSON of a sync message's text (a request body or a bundle file): kInvalidArgument when it is
// not JSON, or nests deeper than kMessageMaxDepth (read on the text, before any tree is built).
Result<nlohmann::json> parse_message_text(std::string_view text);
// kInvalidArgument unless a push of `count` operations carries 1 to tuning::kPushMaxOperations.
Status check_push_size(std::size_t count);
// Hashes, wire texts and the chain verdict of a parsed request (no size limit: bundles use it too).
PreparedPush prepare_operations(PushRequest request);
// A parsed push: kInvalidArgument unless it carries 1 to tuning::kPushMaxOperations operations.
Result<PreparedPush> prepare_push(PushRequest request);
// A push body: kInvalidArgument when it is not JSON or not a valid push (as SyncServer::handle).
Result<PreparedPush> prepare_push(std::string_view body);

}  // namespace spmis::sync
