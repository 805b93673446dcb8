#pragma once
// Verification of a device's hash chain: contiguity, links and content hashes of a batch.

#include <cstdint>
#include <span>

#include "spmis/base/status.hpp"
#include "spmis/sync/operation.hpp"

namespace spmis::sync {

// The newest operation a verifier holds for a device (seq 0 and zero hash before the first).
struct ChainTip {
    std::uint64_t seq = 0;
    Hash hash{};
};

// Checks that `ops` belong to one device, are contiguous, each hash matches its content, and each
// prev_hash links to its predecessor. The first operation must link to `predecessor_hash` (the
// stored hash of operation first.seq - 1, zeros for seq 1). kCorrupt naming the first bad sequence.
Status verify_chain(std::span<const Operation> ops, const Hash& predecessor_hash);
// As above, with each content hash verified beforehand (off the store lock): hash_ok[i] != 0 when
// ops[i].hash matches its content. Same checks, same order, same errors.
Status verify_chain(std::span<const Operation> ops, const Hash& predecessor_hash,
                    std::span<const std::uint8_t> hash_ok);

// Appends-side helper: fills device_seq and prev_hash from the tip, seals the hash, advances the tip.
void chain_append(ChainTip& tip, Operation& op);

}  // namespace spmis::sync
