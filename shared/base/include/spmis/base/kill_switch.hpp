#pragma once
// Test-only crash injection at transaction boundaries. A store given a KillSwitch reports every
// commit of its connection to it (explicit transactions and single autocommitted writes alike);
// armed at commit n, the switch makes the store "die" there: before the commit (the transaction is
// rolled back, as a crash before COMMIT would leave the file) or after it (the data is durable but
// the caller gets an error instead of its answer). Once fired, every later commit of that
// connection is refused too: a dead process writes nothing. The test then drops the store and
// reopens the file, as a restarted process would.

#include <cstdint>

#include "spmis/base/status.hpp"

namespace spmis {

// Where, relative to the armed commit, the simulated crash happens.
enum class CrashPoint { kBeforeCommit, kAfterCommit };

// Counts the commits of one connection and fires at the armed one. Not thread-safe: one
// connection (one thread) per switch.
class KillSwitch {
public:
    // Restarts the count at zero and fires at commit `n` (1-based) at `point`; n = 0 never fires.
    void arm(std::int64_t n, CrashPoint point);
    // Commits seen since the last arm(), including the one the crash hit.
    std::int64_t commits() const { return commits_; }
    // True once the simulated crash happened.
    bool fired() const { return fired_; }

    // Backend hook, called as a commit is about to become durable: false means the commit must not
    // happen (the crash is before it, or the connection already died).
    bool allow_commit();
    // Backend hook, called after a commit returned to the store: kStorage when the crash came right
    // after it (the commit stands, the caller must not see success).
    Status after_commit() const;

private:
    std::int64_t commits_ = 0;
    std::int64_t fire_at_ = 0;
    CrashPoint point_ = CrashPoint::kBeforeCommit;
    bool fired_ = false;
};

}  // namespace spmis
