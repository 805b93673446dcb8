// Login, tokens and roles over real HTTP against spmis-server.

#include <string>

#include "server_fixture.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/base/time.hpp"
#include "support/test_clock.hpp"

namespace spmis::test {
namespace {

using AuthApiTest = ServerFixture;

TEST_F(AuthApiTest, LoginReturnsTokenRoleAndExpiry) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start();
    HttpResult r =
        client_->post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "correct horse"}});
    ASSERT_EQ(r.status, 200) << r.body;
    nlohmann::json j = r.json();
    EXPECT_EQ(j["role"], "administrator");
    EXPECT_EQ(j["token"].get<std::string>().size(), 64u);
    EXPECT_EQ(j["expires_at"].get<std::string>().back(), 'Z');
    client_->set_bearer(j["token"].get<std::string>());
    HttpResult me = client_->get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json(),
              nlohmann::json({{"username", "admin"},
                              {"role", "administrator"},
                              {"permissions", {"users_manage", "devices_manage", "config_manage"}}}));
}

TEST_F(AuthApiTest, WrongPasswordAndUnknownUserAre401) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start();
    for (const auto& [user, password] : std::vector<std::pair<std::string, std::string>>{
             {"admin", "wrong horse"}, {"nobody", "correct horse"}}) {
        HttpResult r = client_->post_json("/api/v1/auth/login", {{"username", user}, {"password", password}});
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(error_code(r), "unauthenticated");
        EXPECT_EQ(r.json()["error"]["message"], "wrong username or password");
    }
}

TEST_F(AuthApiTest, RepeatedFailuresLockOutWith429AndRetryAfter) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start();
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(
            client_->post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "guess"}}).status,
            401);
    }
    // Locked: even the right password is refused at once, without spending a hash on it.
    HttpResult r =
        client_->post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "correct horse"}});
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(error_code(r), "resource_exhausted");
    EXPECT_GE(std::stoi(r.header("retry-after")), 1);
    EXPECT_LT(r.seconds, 0.1);
}

TEST_F(AuthApiTest, ConfiguredSessionLifetimeAndFreeFailuresReachTheServer) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start({"--session-lifetime-s", "120", "--login-free-failures-per-user", "2"});
    const UtcTime before = test_clock().now();
    HttpResult r =
        client_->post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "correct horse"}});
    ASSERT_EQ(r.status, 200) << r.body;
    Result<UtcTime> expires_at = parse_time(r.json()["expires_at"].get<std::string>());
    ASSERT_TRUE(expires_at.ok()) << r.body;
    EXPECT_GE(*expires_at, before + std::chrono::seconds(119));
    EXPECT_LE(*expires_at, test_clock().now() + std::chrono::seconds(121));
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(
            client_->post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "guess"}}).status,
            401);
    }
    EXPECT_EQ(client_->post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "correct horse"}})
                  .status,
              429);
}

TEST_F(AuthApiTest, MissingGarbageAndRevokedTokensAre401) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start();
    HttpResult missing = client_->get("/api/v1/users");
    EXPECT_EQ(missing.status, 401);
    EXPECT_EQ(error_code(missing), "unauthenticated");
    EXPECT_EQ(missing.header("www-authenticate"), "Bearer");
    EXPECT_EQ(client_->get("/api/v1/users", {{"Authorization", "Bearer 00ff"}}).status, 401);
    EXPECT_EQ(client_->get("/api/v1/users", {{"Authorization", "Basic YWRtaW46eA=="}}).status, 401);

    const std::string token = login("admin", "correct horse");
    ASSERT_FALSE(token.empty());
    client_->set_bearer(token);
    EXPECT_EQ(client_->get("/api/v1/users").status, 200);
    EXPECT_EQ(client_->post("/api/v1/auth/logout", "").status, 200);
    EXPECT_EQ(client_->get("/api/v1/users").status, 401);
    EXPECT_EQ(client_->post("/api/v1/auth/logout", "").status, 401);
}

TEST_F(AuthApiTest, AdministratorManagesUsersOtherRolesAreRefused) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    ASSERT_EQ(add_user("viewer", "program_viewer", "viewer pass"), 0);
    start();
    HttpClient viewer(server_->url());
    viewer.set_bearer(login("viewer", "viewer pass"));
    HttpResult refused = viewer.get("/api/v1/users");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(error_code(refused), "permission_denied");
    const nlohmann::json officer = {
        {"username", "officer"}, {"password", "officer pass"}, {"role", "enrollment_officer"}};
    EXPECT_EQ(viewer.post_json("/api/v1/users", officer).status, 403);

    client_->set_bearer(login("admin", "correct horse"));
    HttpResult created = client_->post_json("/api/v1/users", officer);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(client_->post_json("/api/v1/users", officer).status, 409);
    HttpResult bad_role =
        client_->post_json("/api/v1/users", {{"username", "x"}, {"password", "12345678"}, {"role", "root"}});
    EXPECT_EQ(bad_role.status, 400);
    HttpResult listed = client_->get("/api/v1/users");
    ASSERT_EQ(listed.status, 200);
    ASSERT_EQ(listed.json()["users"].size(), 3u);
    EXPECT_EQ(listed.json()["users"][1]["username"], "officer");
    EXPECT_EQ(listed.json()["users"][1]["role"], "enrollment_officer");
    EXPECT_FALSE(login("officer", "officer pass").empty());
}

TEST_F(AuthApiTest, SqlMetaCharactersInUsernameAreStoredVerbatim) {
    const std::string tricky = "o'brien\";DROP_TABLE_server_accounts;--%_\\";
    ASSERT_EQ(add_user(tricky, "auditor", "tricky pass"), 0);
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start();
    client_->set_bearer(login("admin", "correct horse"));
    const std::string tricky2 = "x'OR'1'='1";
    ASSERT_EQ(client_
                  ->post_json("/api/v1/users",
                              {{"username", tricky2}, {"password", "pass word"}, {"role", "auditor"}})
                  .status,
              201);
    HttpResult listed = client_->get("/api/v1/users");
    ASSERT_EQ(listed.status, 200);
    std::vector<std::string> names;
    const nlohmann::json users = listed.json()["users"];
    for (const auto& u : users) names.push_back(u["username"].get<std::string>());
    EXPECT_EQ(names, (std::vector<std::string>{"admin", tricky, tricky2}));
    EXPECT_FALSE(login(tricky, "tricky pass").empty());
    EXPECT_TRUE(login("x", "pass word").empty());
}

// A user name is one account however its accents are typed: created decomposed, signed in composed.
TEST_F(AuthApiTest, UserNamesAreOneAccountWhateverTheirNormalForm) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start();
    client_->set_bearer(login("admin", "correct horse"));
    HttpResult created = client_->post_json(
        "/api/v1/users", {{"username", "Zoe\xCC\x88"}, {"password", "pass word"}, {"role", "auditor"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_FALSE(login("Zo\xC3\xAB", "pass word").empty());
    EXPECT_FALSE(login("Zoe\xCC\x88", "pass word").empty());
    // The same name in the other form is the same account, so it cannot be created twice.
    EXPECT_EQ(client_
                  ->post_json("/api/v1/users",
                              {{"username", "Zo\xC3\xAB"}, {"password", "pass word"}, {"role", "auditor"}})
                  .status,
              409);
}

TEST_F(AuthApiTest, UserAddRefusesShortPasswordUnknownRoleAndDuplicates) {
    EXPECT_EQ(add_user("a", "administrator", "short"), 2);
    EXPECT_EQ(add_user("a", "superuser", "long enough"), 2);
    EXPECT_EQ(add_user("a", "administrator", "long enough"), 0);
    EXPECT_NE(add_user("a", "administrator", "long enough"), 0);
}

}  // namespace
}  // namespace spmis::test
