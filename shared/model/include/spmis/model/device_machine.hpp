#pragma once
// Device states: active -> revoked (final: a revoked key is never trusted again).

#include "spmis/model/state_machine.hpp"
#include "spmis/model/user.hpp"

namespace spmis::model {

// The device state machine (a static table; thread-safe).
const StateMachine<DeviceState>& device_machine();

// Ok when from -> to is legal for device `id`; kIllegalTransition naming record, from and to otherwise.
inline Status check_transition(const Uuid& id, DeviceState from, DeviceState to) {
    return device_machine().check(id, from, to);
}

// The states a device may move to from `from`.
inline std::vector<DeviceState> legal_targets(DeviceState from) { return device_machine().targets(from); }

}  // namespace spmis::model
