#pragma once
// What a real device's store holds, as the server's change feed digests its scope: equal digests mean
// the device holds exactly the server's records (none missed, none twice, none stale).

#include <string>

#include "spmis/store/store.hpp"

namespace spmis::test {

// The scope digest of the device store in `home` (a failed open is a test failure and an empty digest).
store::ScopeDigest device_digest(const std::string& home);

}  // namespace spmis::test
