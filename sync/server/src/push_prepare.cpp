#include "spmis/sync/push_prepare.hpp"

#include <string>
#include <utility>

#include "json_depth.hpp"
#include "spmis/sync/hash_chain.hpp"
#include "spmis/sync/protocol.hpp"
#include "spmis/sync/push_read.hpp"

namespace spmis::sync {

PreparedPush prepare_operations(PushRequest request) {
    PreparedPush p;
    p.request = std::move(request);
    const auto& ops = p.request.ops;
    p.hash_ok.reserve(ops.size());
    p.wire.reserve(ops.size());
    for (const Operation& op : ops) {
        p.hash_ok.push_back(verify_hash(op) ? 1 : 0);
        p.wire.push_back(wire_text(op));
    }
    if (!ops.empty()) p.chain = verify_chain(ops, ops.front().prev_hash, p.hash_ok);
    return p;
}

Result<nlohmann::json> parse_message_text(std::string_view text) {
    if (json_text_deeper_than(text, kMessageMaxDepth)) {
        return make_error(ErrorCode::kInvalidArgument,
                          "request body nests deeper than " + std::to_string(kMessageMaxDepth) + " levels");
    }
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded())
        return make_error(ErrorCode::kInvalidArgument, "request body is not valid JSON");
    return parsed;
}

Status check_push_size(std::size_t count) {
    if (count == 0 || count > tuning::kPushMaxOperations) {
        return make_error(
            ErrorCode::kInvalidArgument,
            "a push carries 1 to " + std::to_string(tuning::kPushMaxOperations) + " operations");
    }
    return {};
}

Result<PreparedPush> prepare_push(PushRequest request) {
    SPMIS_RETURN_IF_ERROR(check_push_size(request.ops.size()));
    return prepare_operations(std::move(request));
}

Result<PreparedPush> prepare_push(std::string_view body) {
    // The usual body skips the JSON tree; anything unusual takes the full parser, the reference.
    if (auto fast = read_push_fast(body)) return prepare_push(std::move(*fast));
    SPMIS_ASSIGN_OR_RETURN(const nlohmann::json request, parse_message_text(body));
    SPMIS_ASSIGN_OR_RETURN(PushRequest m, push_request_from_json(request));
    return prepare_push(std::move(m));
}

}  // namespace spmis::sync
