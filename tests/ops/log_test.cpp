// Structured logs: masking in the library (fields, registered secrets, token-like hex), and the
// real server's log lines — JSON, with route patterns, statuses and durations — never holding a
// password, token or national id that the test sent.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "spmis/logging/logger.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace spmis::logging {
namespace {

using nlohmann::json;

std::string read_all(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<json> json_lines(const std::string& text) {
    std::vector<json> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(json::parse(line, nullptr, false));
        EXPECT_FALSE(lines.back().is_discarded()) << "not one JSON object: " << line;
    }
    return lines;
}

TEST(LoggerTest, MasksSensitiveFieldsRequestSecretsAndTokenLikeHex) {
    test::TempDir dir;
    auto logger = Logger::open({Level::kInfo, "json", dir.file("log")});
    ASSERT_TRUE(logger.ok());
    install(std::move(*logger));
    const std::string token(64, 'a');
    {
        RequestScope scope("req-1", {"s3cret-pass", "NID-778899"});
        log(Level::kInfo, "handler says s3cret-pass for NID-778899",
            {{"password", "s3cret-pass"}, {"note", "id NID-778899"}, {"national_id", 12345}, {"t", token}});
        log(Level::kDebug, "below the level: not written");
    }
    log(Level::kWarn, "outside any request");
    install(Logger::open({}).value());  // back to standard error; closes the file
    const std::string text = read_all(dir.file("log"));
    EXPECT_EQ(text.find("s3cret-pass"), std::string::npos) << text;
    EXPECT_EQ(text.find("NID-778899"), std::string::npos) << text;
    EXPECT_EQ(text.find("12345"), std::string::npos) << text;
    EXPECT_EQ(text.find(token), std::string::npos) << text;
    const std::vector<json> lines = json_lines(text);
    ASSERT_EQ(lines.size(), 2u) << text;
    EXPECT_EQ(lines[0]["request_id"], "req-1");
    EXPECT_EQ(lines[0]["level"], "info");
    EXPECT_EQ(lines[0]["msg"], "handler says *** for ***");
    EXPECT_TRUE(lines[0].contains("ts"));
    EXPECT_EQ(lines[1]["level"], "warn");
    EXPECT_FALSE(lines[1].contains("request_id"));
    EXPECT_EQ(sensitive_values(json{{"user", {{"Password", "p"}}}, {"x", 1}}), std::vector<std::string>{"p"});
}

TEST(LoggerTest, GathersRequestSecretsOnlyWhenALineIsWritten) {
    test::TempDir dir;
    auto logger = Logger::open({Level::kWarn, "json", dir.file("log")});
    ASSERT_TRUE(logger.ok());
    install(std::move(*logger));
    int gathered = 0;
    const SecretSource source = [&gathered] {
        ++gathered;
        return std::vector<std::string>{"s3cret-pass"};
    };
    {
        RequestScope quiet("req-quiet", source);
        log(Level::kInfo, "below the level: s3cret-pass");
        log(Level::kDebug, "below the level too");
    }
    EXPECT_EQ(gathered, 0) << "a request that writes no line must not gather its secrets";
    {
        RequestScope loud("req-loud", source);
        log(Level::kWarn, "first line has s3cret-pass");
        log(Level::kError, "second line has s3cret-pass");
    }
    EXPECT_EQ(gathered, 1) << "gathered once per request, on its first written line";
    install(Logger::open({}).value());
    const std::string text = read_all(dir.file("log"));
    EXPECT_EQ(text.find("s3cret-pass"), std::string::npos) << text;
    EXPECT_EQ(json_lines(text).size(), 2u) << text;
}

TEST(LoggerTest, SensitiveValuesFromTextMatchTheDocumentWithoutParsingIt) {
    const std::string body =
        R"({"device_id":"d-1","ops":[{"kind":"enroll","national_id":"NID-1","pin":4321},)"
        R"({"credentials":{"password":"pw-1","token":["t-1",{"deep":"t-2"}],"expiry":1.5}}],)"
        R"("secret_count":7,"note":"password is not a key here"})";
    const std::vector<std::string> expected{"NID-1", "pw-1", "t-1", "t-2", "7"};
    EXPECT_EQ(sensitive_values(json::parse(body)), expected);
    EXPECT_EQ(sensitive_values(std::string_view(body)), expected);
    // Not JSON: what came before the error, never a crash.
    EXPECT_EQ(sensitive_values(std::string_view(R"({"password":"pw-2","x":)")),
              std::vector<std::string>{"pw-2"});
    EXPECT_TRUE(sensitive_values(std::string_view("not json")).empty());
}

TEST(ServerLogTest, LogsAreJsonLinesWithRoutesAndNoSecretsTheTestSent) {
    test::TempDir dir;
    const std::string data = dir.file("data");
    const std::string password = "Pw-4b1d-horse-staple";
    ASSERT_EQ(test::run_server_command(
                  {"user", "add", "--data", data, "--username", "olga", "--role", "enrollment_officer"},
                  password + "\n"),
              0);
    const std::string log_file = dir.file("server.log");
    std::string token;
    const std::string national_id = "NID-5550123-77";
    const std::string wrong_password = "Wrong-pw-9911";
    std::string registrant;
    {
        test::ServerProcess server(data,
                                   {"--log-file", log_file, "--log-format", "json", "--log-level", "info"});
        test::HttpClient client(server.url());
        EXPECT_EQ(client.post_json("/api/v1/auth/login", {{"username", "olga"}, {"password", wrong_password}})
                      .status,
                  401);
        test::HttpResult login =
            client.post_json("/api/v1/auth/login", {{"username", "olga"}, {"password", password}});
        ASSERT_EQ(login.status, 200) << login.body;
        token = login.json()["token"];
        client.set_bearer(token);
        test::HttpResult created = client.post_json(
            "/api/v1/registrants",
            {{"given_name", "Awa"}, {"family_name", "Ndiaye"}, {"national_id", national_id}});
        ASSERT_EQ(created.status, 201) << created.body;
        registrant = created.json()["id"];
        EXPECT_EQ(client.get("/api/v1/registrants/" + registrant).status, 200);
        EXPECT_EQ(client.get("/api/v1/registrants?national_id=" + national_id).status, 200);
        EXPECT_EQ(client.get("/api/v1/registrants/" + registrant, {{"X-Request-Id", "trace-42"}}).status,
                  200);
        EXPECT_EQ(server.stop(), 0);
    }
    const std::string text = read_all(log_file);
    for (const std::string& secret : {password, wrong_password, token, national_id}) {
        EXPECT_EQ(text.find(secret), std::string::npos) << "the log holds '" << secret << "':\n" << text;
    }
    EXPECT_EQ(text.find(registrant), std::string::npos)
        << "raw paths with ids are logged, not route patterns";
    int requests = 0;
    bool saw_read = false;
    for (const json& line : json_lines(text)) {
        ASSERT_TRUE(line.contains("ts") && line.contains("level") && line.contains("msg")) << line.dump();
        if (line["msg"] != "request") continue;
        ++requests;
        EXPECT_TRUE(line.contains("request_id") && line.contains("status") && line.contains("duration_ms"));
        if (line["route"] == "/api/v1/registrants/{id}" && line.value("request_id", "") == "trace-42") {
            saw_read = true;
            EXPECT_EQ(line["status"], 200);
            EXPECT_EQ(line["user"], "olga");
            EXPECT_EQ(line["method"], "GET");
        }
    }
    EXPECT_EQ(requests, 6) << text;
    EXPECT_TRUE(saw_read) << text;
}

TEST(ServerLogTest, LevelFromConfigurationSuppressesInfoLines) {
    test::TempDir dir;
    const std::string log_file = dir.file("server.log");
    {
        test::ServerProcess server(dir.file("data"), {"--log-file", log_file, "--log-level", "warn"});
        EXPECT_EQ(test::HttpClient(server.url()).get("/healthz").status, 200);
        EXPECT_EQ(server.stop(), 0);
    }
    EXPECT_EQ(read_all(log_file), "");
}

}  // namespace
}  // namespace spmis::logging
