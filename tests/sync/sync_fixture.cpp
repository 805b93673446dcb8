#include "sync_fixture.hpp"

#include <unistd.h>

#include <cstdlib>

namespace spmis::sync::testing {

void SyncServerTest::SetUp() {
    dir_ = std::filesystem::temp_directory_path() /
           ("spmis-sync-" + std::to_string(::getpid()) + "-" + new_uuid_v7().to_string());
    std::filesystem::create_directories(dir_);
    if (on_postgres()) database_ = std::make_unique<test::TestDatabase>();
    auto opened = database_ ? store::open_postgres_store({database_->url(), &clock_})
                            : store::open_sqlite_store({(dir_ / "spmis.db").string(), &clock_, 0});
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    store_ = std::move(*opened);
    ServerIdentity identity{new_uuid_v7(), generate_key_pair()};
    server_ = std::make_unique<SyncServer>(*store_, clock_, identity);

    w_ = test::new_sync_world();
    test::SyncWorldDates dates{*parse_date("2026-11-01"), *parse_date("2026-11-30"),
                               *parse_time("2026-11-21T08:00:00Z"), *parse_time("2026-11-21T17:00:00Z")};
    Status seeded = test::seed_sync_world(*store_, w_, dates, true);
    ASSERT_TRUE(seeded.ok()) << seeded.to_string();
}

void SyncServerTest::TearDown() {
    server_.reset();
    store_.reset();
    database_.reset();
    std::filesystem::remove_all(dir_);
}

bool SyncServerTest::on_postgres() {
    const char* backend = std::getenv("SPMIS_TEST_BACKEND");
    return backend != nullptr && std::string(backend) == "postgres";
}

SimDevice SyncServerTest::enroll(const std::vector<Uuid>& sps) {
    SimDevice d;
    auto code = server_->create_enrollment_code(sps, std::chrono::hours(24), "admin");
    EXPECT_TRUE(code.ok()) << code.status().to_string();
    auto answer =
        server_->enroll({{"code", code->code}, {"public_key", to_hex(d.keys.public_key)}, {"name", "tab"}});
    EXPECT_TRUE(answer.ok()) << answer.status().to_string();
    d.id = *Uuid::parse((*answer)["device_id"].get<std::string>());
    return d;
}

Result<PushResponse> SyncServerTest::push(const SimDevice& d, const std::vector<Operation>& ops) {
    SPMIS_ASSIGN_OR_RETURN(std::string body, server_->handle("push", d.push_body(ops)));
    return push_response_from_json(nlohmann::json::parse(body));
}

std::int64_t SyncServerTest::redeemed(const Uuid& entitlement) {
    return *store_->service_points().redeemed_milli(entitlement);
}

std::int64_t SyncServerTest::open_cases(const std::string& type) {
    auto cases = server_->cases({type, std::string("open"), std::nullopt, std::nullopt, std::nullopt, 0});
    return cases.ok() ? static_cast<std::int64_t>(cases->size()) : -1;
}

}  // namespace spmis::sync::testing
