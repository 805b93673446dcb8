#include "device_digest.hpp"

#include <gtest/gtest.h>

#include "spmis/sync/device_clock.hpp"
#include "spmis/sync/device_store.hpp"

namespace spmis::test {

store::ScopeDigest device_digest(const std::string& home) {
    sync::SystemDeviceClock clock;
    auto store = sync::DeviceStore::open(home + "/field.db", clock);
    EXPECT_TRUE(store.ok()) << store.status().to_string();
    if (!store.ok()) return {};
    auto digest = (*store)->scope_digest();
    EXPECT_TRUE(digest.ok());
    return digest.ok() ? store::ScopeDigest{digest->count, digest->checksum} : store::ScopeDigest{};
}

}  // namespace spmis::test
