#include "spmis/sync/hash_chain.hpp"

#include <string>

namespace spmis::sync {
namespace {

Status broken(std::uint64_t seq, const std::string& why) {
    return make_error(ErrorCode::kCorrupt, "operation " + std::to_string(seq) + ": " + why);
}

// The checks of verify_chain in their order; `hash_ok(i)` says whether ops[i]'s hash matches its content.
template <typename HashOk>
Status check_chain(std::span<const Operation> ops, const Hash& predecessor_hash, HashOk hash_ok) {
    const Hash* expected_prev = &predecessor_hash;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const Operation& op = ops[i];
        if (op.device_id != ops.front().device_id) return broken(op.device_seq, "belongs to another device");
        if (op.device_seq != ops.front().device_seq + i) return broken(op.device_seq, "sequence gap");
        if (op.prev_hash != *expected_prev) return broken(op.device_seq, "prev_hash does not link");
        if (!hash_ok(i)) return broken(op.device_seq, "hash does not match content");
        expected_prev = &op.hash;
    }
    return {};
}

}  // namespace

Status verify_chain(std::span<const Operation> ops, const Hash& predecessor_hash) {
    return check_chain(ops, predecessor_hash, [&](std::size_t i) { return verify_hash(ops[i]); });
}

Status verify_chain(std::span<const Operation> ops, const Hash& predecessor_hash,
                    std::span<const std::uint8_t> hash_ok) {
    if (hash_ok.size() != ops.size())
        return make_error(ErrorCode::kInternal, "verify_chain: one hash verdict per operation expected");
    return check_chain(ops, predecessor_hash, [&](std::size_t i) { return hash_ok[i] != 0; });
}

void chain_append(ChainTip& tip, Operation& op) {
    op.device_seq = tip.seq + 1;
    op.prev_hash = tip.hash;
    seal(op);
    tip.seq = op.device_seq;
    tip.hash = op.hash;
}

}  // namespace spmis::sync
