#include "spmis/model/device_machine.hpp"

namespace spmis::model {
namespace {

using S = DeviceState;
constexpr Transition<S> kEdges[] = {
    {S::kActive, S::kRevoked},  // lost, stolen or retired; never re-activated
};
constexpr StateMachine<S> kMachine{"device", kEdges};

}  // namespace

const StateMachine<DeviceState>& device_machine() { return kMachine; }

}  // namespace spmis::model
