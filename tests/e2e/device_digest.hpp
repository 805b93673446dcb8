#pragma once
// What a real device's store holds, as the server's change feed digests its scope: equal digests mean
// the device holds exactly the server's records (none missed, none twice, none stale).

#include <string>
#include <vector>

#include "spmis/store/store.hpp"

namespace spmis::test {

// The scope digest of the device store in `home` (a failed open is a test failure and an empty digest).
store::ScopeDigest device_digest(const std::string& home);

// Every device in `homes` holds exactly the server's records of `service_point` and has nothing left
// to push (test failures naming the device otherwise).
void expect_devices_hold_the_server_scope(store::Store& server, const Uuid& service_point,
                                          const std::vector<std::string>& homes);

}  // namespace spmis::test
