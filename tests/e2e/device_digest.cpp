#include "device_digest.hpp"

#include <gtest/gtest.h>

#include "field_cli.hpp"
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

void expect_devices_hold_the_server_scope(store::Store& server, const Uuid& service_point,
                                          const std::vector<std::string>& homes) {
    auto server_digest = server.change_feed().scope_digest({service_point});
    ASSERT_TRUE(server_digest.ok()) << server_digest.status().to_string();
    for (const std::string& home : homes) {
        const store::ScopeDigest d = device_digest(home);
        EXPECT_EQ(d.count, server_digest->count) << home;
        EXPECT_EQ(d.checksum, server_digest->checksum) << home;
        EXPECT_EQ(field(home, "status").doc().value("pending", -1), 0) << home;
    }
}

}  // namespace spmis::test
