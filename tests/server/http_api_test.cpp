// The HTTP plumbing of spmis-server over real HTTP: health, metrics, OpenAPI, errors and limits.

#include <cstdlib>
#include <string>

#include "server_fixture.hpp"

namespace spmis::test {
namespace {

using HttpApiTest = ServerFixture;

TEST_F(HttpApiTest, HealthzAnswersOkWithGeneratedRequestId) {
    start();
    HttpResult r = client_->get("/healthz");
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.json(), nlohmann::json({{"status", "ok"}, {"database", "ok"}}));
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_EQ(r.header("x-request-id").size(), 36u);
}

TEST_F(HttpApiTest, EchoesPlainRequestIdAndReplacesOthers) {
    start();
    EXPECT_EQ(client_->get("/healthz", {{"X-Request-Id", "abc-123.x_y"}}).header("x-request-id"),
              "abc-123.x_y");
    const std::string replaced =
        client_->get("/healthz", {{"X-Request-Id", "bad id <script>"}}).header("x-request-id");
    EXPECT_EQ(replaced.size(), 36u);
}

TEST_F(HttpApiTest, MetricsCountRequestsByRouteAndStatus) {
    start();
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    ASSERT_EQ(client_->get("/healthz").status, 200);
    ASSERT_EQ(client_->get("/healthz").status, 200);
    ASSERT_EQ(client_->get("/no/such/route").status, 404);
    HttpResult r = client_->get("/metrics");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.header("content-type").find("text/plain"), std::string::npos);
    EXPECT_NE(r.body.find("spmis_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("route=\"unmatched\",status=\"404\"} 1"), std::string::npos);
    EXPECT_NE(r.body.find("spmis_http_request_duration_seconds_bucket{le=\"+Inf\"} 3"), std::string::npos);
    EXPECT_NE(r.body.find("spmis_jobs{state=\"running\"} 0"), std::string::npos);
    EXPECT_EQ(r.body.find("spmis_database_size_bytes 0\n"), std::string::npos) << "spmis.db exists, size > 0";
    EXPECT_NE(r.body.find("spmis_database_size_bytes "), std::string::npos);
}

TEST_F(HttpApiTest, OpenApiDocumentsEveryRouteWithItsPermission) {
    start();
    HttpResult r = client_->get("/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200);
    nlohmann::json doc = r.json();
    ASSERT_TRUE(doc.is_object());
    EXPECT_EQ(doc["openapi"], "3.0.3");
    const nlohmann::json& paths = doc["paths"];
    for (const auto& [path, method] :
         std::vector<std::pair<std::string, std::string>>{{"/healthz", "get"},
                                                          {"/metrics", "get"},
                                                          {"/api/v1/openapi.json", "get"},
                                                          {"/api/v1/auth/login", "post"},
                                                          {"/api/v1/auth/logout", "post"},
                                                          {"/api/v1/auth/me", "get"},
                                                          {"/api/v1/users", "get"},
                                                          {"/api/v1/users", "post"}}) {
        ASSERT_TRUE(paths.contains(path) && paths[path].contains(method)) << method << " " << path;
        EXPECT_FALSE(paths[path][method]["summary"].get<std::string>().empty());
    }
    EXPECT_EQ(paths["/api/v1/users"]["post"]["x-spmis-permission"], "users_manage");
    EXPECT_TRUE(paths["/api/v1/users"]["post"]["responses"].contains("201"));
    EXPECT_TRUE(paths["/api/v1/users"]["get"]["responses"].contains("403"));
    EXPECT_FALSE(paths["/healthz"]["get"].contains("security"));
}

TEST_F(HttpApiTest, UnknownRouteIs404Json) {
    start();
    HttpResult r = client_->get("/api/v1/nothing-here");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(error_code(r), "not_found");
}

TEST_F(HttpApiTest, WrongMethodIs405WithAllow) {
    start();
    HttpResult r = client_->del("/api/v1/users");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(error_code(r), "invalid_argument");
    EXPECT_EQ(r.header("allow"), "GET, POST");
}

TEST_F(HttpApiTest, MalformedJsonIs400) {
    start();
    for (const std::string body : {"{\"username\": ", "not json", "", "[1,2]", "{\"a\":1}}"}) {
        HttpResult r = client_->post("/api/v1/auth/login", body);
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_EQ(error_code(r), "invalid_argument") << body;
    }
}

TEST_F(HttpApiTest, WrongTypesMissingAndUnknownFieldsAre400) {
    start();
    const std::vector<nlohmann::json> bodies = {
        {{"username", 5}, {"password", "x"}},
        {{"username", "a"}, {"password", nullptr}},
        {{"username", "a"}},
        {{"username", "a"}, {"password", "b"}, {"admin", true}},
    };
    for (const nlohmann::json& body : bodies) {
        HttpResult r = client_->post_json("/api/v1/auth/login", body);
        EXPECT_EQ(r.status, 400) << body.dump();
        EXPECT_EQ(error_code(r), "invalid_argument") << body.dump();
        EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
    }
}

TEST_F(HttpApiTest, OversizedBodyIs413WithOrWithoutContentLength) {
    start({"--max-body-bytes", "1024"});
    const std::string big = "{\"username\":\"" + std::string(4096, 'a') + "\",\"password\":\"p\"}";
    HttpResult r = client_->post("/api/v1/auth/login", big);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(error_code(r), "resource_exhausted");
    // Chunked: no Content-Length, so the size is checked on the body as read.
    HttpResult chunked = client_->post("/api/v1/auth/login", big, {{"Transfer-Encoding", "chunked"}});
    EXPECT_EQ(chunked.status, 413);
    EXPECT_EQ(error_code(chunked), "resource_exhausted");
    // Under the limit still works (and is a plain 401 for an unknown user).
    EXPECT_EQ(client_->post_json("/api/v1/auth/login", {{"username", "u"}, {"password", "p"}}).status, 401);
}

TEST_F(HttpApiTest, ServesHttpsWithCertificateAndKey) {
    // A throwaway self-signed certificate made at test time (no key material in the repository).
    const std::string cert = dir_.file("cert.pem");
    const std::string key = dir_.file("key.pem");
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " + key + " -out " +
        cert + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << "openssl could not make a test certificate";
    start({"--tls-cert", cert, "--tls-key", key});
    ASSERT_EQ(server_->url().rfind("https://127.0.0.1:", 0), 0u) << server_->url();
    client_->set_insecure_tls(true);
    HttpResult r = client_->get("/healthz");
    EXPECT_EQ(r.status, 200) << r.error;
    HttpClient plain("http://" + server_->url().substr(8), std::chrono::seconds(3));
    EXPECT_NE(plain.get("/healthz").status, 200);
}

TEST_F(HttpApiTest, ClientAddressComesFromForwardedForOnlyBehindProxy) {
    ASSERT_EQ(add_user("admin", "administrator", "correct horse"), 0);
    start({"--behind-proxy"});
    // 20 failures with 20 different usernames from one forwarded client: only the per-address
    // limit can trigger, and only for that client (the proxy's own address is the same for both).
    for (int i = 0; i < 20; ++i) {
        client_->post("/api/v1/auth/login",
                      nlohmann::json({{"username", "u" + std::to_string(i)}, {"password", "x"}}).dump(),
                      {{"X-Forwarded-For", "10.0.0.1, 192.0.2.7"}});
    }
    HttpResult locked = client_->post(
        "/api/v1/auth/login", nlohmann::json({{"username", "admin"}, {"password", "correct horse"}}).dump(),
        {{"X-Forwarded-For", "10.0.0.1, 192.0.2.7"}});
    EXPECT_EQ(locked.status, 429);
    HttpResult other = client_->post(
        "/api/v1/auth/login", nlohmann::json({{"username", "admin"}, {"password", "correct horse"}}).dump(),
        {{"X-Forwarded-For", "192.0.2.8"}});
    EXPECT_EQ(other.status, 200);
}

}  // namespace
}  // namespace spmis::test
