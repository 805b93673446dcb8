#pragma once
// Test-only fault injection in a store's connection.
//
// Crashes at transaction boundaries: a store given a KillSwitch reports every commit of its
// connection to it (explicit transactions and single autocommitted writes alike); armed at commit n,
// the switch makes the store "die" there: before the commit (the transaction is rolled back, as a
// crash before COMMIT would leave the file) or after it (the data is durable but the caller gets an
// error instead of its answer). Once fired, every later commit of that connection is refused too: a
// dead process writes nothing. The test then drops the store and reopens the file, as a restarted
// process would.
//
// Faults inside a transaction: the store also reports every statement step it makes inside an open
// transaction; armed at step n, the switch makes that one step fail before it runs, by an error (as
// a storage failure would) or by an exception (as a throwing encoder would), and the connection goes
// on working. So a test can fail a request at every point of its transaction and check that nothing
// of it remains and that the next request works.

#include <cstdint>
#include <stdexcept>

#include "spmis/base/status.hpp"

namespace spmis {

// Where, relative to the armed commit, the simulated crash happens.
enum class CrashPoint { kBeforeCommit, kAfterCommit };

// How the armed statement step fails.
enum class StepFault { kError, kThrow };

// What an injected StepFault::kThrow throws.
class InjectedFault : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Counts the commits and the in-transaction statement steps of one connection and fires at the armed
// ones. Not thread-safe: one connection (one thread) per switch.
class KillSwitch {
public:
    // Restarts the count at zero and fires at commit `n` (1-based) at `point`; n = 0 never fires.
    void arm(std::int64_t n, CrashPoint point);
    // Commits seen since the last arm(), including the one the crash hit.
    std::int64_t commits() const { return commits_; }
    // True once the simulated crash happened.
    bool fired() const { return fired_; }

    // Restarts the step count at zero and fails step `n` (1-based) with `fault`, once; n = 0 never.
    void arm_step_fault(std::int64_t n, StepFault fault);
    // Statement steps inside a transaction seen since the last arm_step_fault(), the failed one included.
    std::int64_t steps() const { return steps_; }
    // True once the armed step failed.
    bool step_fault_fired() const { return step_fired_; }

    // Backend hook, called as a commit is about to become durable: false means the commit must not
    // happen (the crash is before it, or the connection already died).
    bool allow_commit();
    // Backend hook, called after a commit returned to the store: kStorage when the crash came right
    // after it (the commit stands, the caller must not see success).
    Status after_commit() const;
    // Backend hook, called before each statement step inside an open transaction: at the armed step,
    // kStorage (StepFault::kError) or a thrown InjectedFault (StepFault::kThrow); ok otherwise.
    Status before_step();

private:
    std::int64_t commits_ = 0;
    std::int64_t fire_at_ = 0;
    CrashPoint point_ = CrashPoint::kBeforeCommit;
    bool fired_ = false;
    std::int64_t steps_ = 0;
    std::int64_t step_fault_at_ = 0;
    StepFault step_fault_ = StepFault::kError;
    bool step_fired_ = false;
};

}  // namespace spmis
