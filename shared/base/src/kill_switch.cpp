#include "spmis/base/kill_switch.hpp"

#include <string>

namespace spmis {

void KillSwitch::arm(std::int64_t n, CrashPoint point) {
    commits_ = 0;
    fire_at_ = n;
    point_ = point;
    fired_ = false;
}

bool KillSwitch::allow_commit() {
    if (fired_) return false;
    ++commits_;
    if (commits_ != fire_at_) return true;
    fired_ = true;
    return point_ == CrashPoint::kAfterCommit;
}

Status KillSwitch::after_commit() const {
    if (!fired_) return {};
    return make_error(ErrorCode::kStorage, "simulated crash at commit " + std::to_string(fire_at_));
}

void KillSwitch::arm_step_fault(std::int64_t n, StepFault fault) {
    steps_ = 0;
    step_fault_at_ = n;
    step_fault_ = fault;
    step_fired_ = false;
}

Status KillSwitch::before_step() {
    ++steps_;
    if (steps_ != step_fault_at_) return {};
    step_fired_ = true;
    const std::string what = "injected fault at statement step " + std::to_string(steps_);
    if (step_fault_ == StepFault::kThrow) throw InjectedFault(what);
    return make_error(ErrorCode::kStorage, what);
}

}  // namespace spmis
