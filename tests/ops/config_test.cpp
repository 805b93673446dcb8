// Configuration: a good file, a bad value (line and key named), an unknown key, precedence
// (command line > environment > file > default) and `spmis-server config check`.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "shell.hpp"
#include "spmis/config/server_config.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace spmis::config {
namespace {

std::string write(const test::TempDir& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir.file(name)) << text;
    return dir.file(name);
}

constexpr const char* kGood = R"(data_dir = "/srv/spmis"
[http]
listen = "0.0.0.0:9090"
workers = 16
behind_proxy = true
[log]
level = "warn"
format = "json"
)";

TEST(ConfigTest, GoodFileOverridesDefaultsAndRecordsSources) {
    test::TempDir dir;
    EffectiveConfig c;
    ASSERT_TRUE(apply_file(write(dir, "good.toml", kGood), c).ok());
    EXPECT_EQ(c.values.data_dir, "/srv/spmis");
    EXPECT_EQ(c.values.listen, "0.0.0.0:9090");
    EXPECT_EQ(c.values.workers, 16u);
    EXPECT_TRUE(c.values.behind_proxy);
    EXPECT_EQ(c.values.log_level, "warn");
    EXPECT_EQ(c.values.max_body_bytes, tuning::kHttpMaxBodyBytes);
    EXPECT_EQ(c.sources.at("http.workers"), Source::kFile);
    EXPECT_EQ(c.sources.count("http.max_body_bytes"), 0u);
    EXPECT_TRUE(validate(c.values, true).ok());
}

TEST(ConfigTest, BadValueNamesFileLineAndKey) {
    test::TempDir dir;
    EffectiveConfig c;
    const std::string file = write(dir, "bad.toml", "[http]\nlisten = \"127.0.0.1:1\"\n\nworkers = 0\n");
    Status s = apply_file(file, c);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.message(), file + ":4: key 'http.workers': must be between 1 and 256, got 0");
    s = apply_file(write(dir, "type.toml", "[log]\nlevel = 3\n"), c);
    EXPECT_NE(s.message().find(":2: key 'log.level': must be a string"), std::string::npos) << s.message();
    s = apply_file(write(dir, "choice.toml", "[log]\nlevel = \"loud\"\n"), c);
    EXPECT_NE(s.message().find(":2: key 'log.level': must be one of debug, info, warn, error"),
              std::string::npos);
    s = apply_file(write(dir, "syntax.toml", "[http]\nworkers = = 3\n"), c);
    EXPECT_NE(s.message().find("syntax.toml:2:"), std::string::npos) << s.message();
}

TEST(ConfigTest, UnknownKeyOrTableIsAnError) {
    test::TempDir dir;
    EffectiveConfig c;
    Status s = apply_file(write(dir, "typo.toml", "[http]\nworkers = 4\nwrokers = 4\n"), c);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(s.message().find("typo.toml:3: unknown key 'http.wrokers'"), std::string::npos) << s.message();
    s = apply_file(write(dir, "table.toml", "[database]\nurl = \"x\"\n"), c);
    EXPECT_NE(s.message().find("table.toml:1: unknown table 'database'"), std::string::npos) << s.message();
}

TEST(ConfigTest, CommandLineBeatsEnvironmentBeatsFile) {
    test::TempDir dir;
    EffectiveConfig c;
    ASSERT_TRUE(apply_file(write(dir, "good.toml", kGood), c).ok());
    const std::map<std::string, std::string> env = {{"SPMIS_HTTP_WORKERS", "32"},
                                                    {"SPMIS_LOG_LEVEL", "debug"}};
    ASSERT_TRUE(apply_environment(
                    [&](const char* name) {
                        auto it = env.find(name);
                        return it == env.end() ? nullptr : it->second.c_str();
                    },
                    c)
                    .ok());
    EXPECT_EQ(c.values.workers, 32u);
    EXPECT_EQ(c.sources.at("http.workers"), Source::kEnvironment);
    ASSERT_TRUE(apply_value(*find_option("http.workers"), "3", Source::kCommandLine, "--workers", c).ok());
    EXPECT_EQ(c.values.workers, 3u);
    EXPECT_EQ(c.values.log_level, "debug");
    EXPECT_EQ(c.values.listen, "0.0.0.0:9090");
    Status bad = apply_environment(
        [](const char* name) { return std::string(name) == "SPMIS_HTTP_LISTEN" ? "nowhere" : nullptr; }, c);
    EXPECT_EQ(bad.message(), "SPMIS_HTTP_LISTEN: must be HOST:PORT, got 'nowhere'");
}

TEST(ConfigTest, SessionLifetimeAndLoginThrottleComeFromFileEnvironmentAndFlags) {
    test::TempDir dir;
    EffectiveConfig c;
    EXPECT_EQ(c.values.session_lifetime_s, static_cast<std::uint64_t>(tuning::kSessionLifetime.count()));
    EXPECT_EQ(c.values.login_free_failures_per_user,
              static_cast<std::uint64_t>(tuning::kLoginFreeFailuresPerUser));
    EXPECT_EQ(c.values.login_free_failures_per_address,
              static_cast<std::uint64_t>(tuning::kLoginFreeFailuresPerAddress));
    ASSERT_TRUE(apply_file(write(dir, "auth.toml",
                                 "[auth]\nsession_lifetime_s = 900\nlogin_free_failures_per_user = 3\n"),
                           c)
                    .ok());
    EXPECT_EQ(c.values.session_lifetime_s, 900u);
    EXPECT_EQ(c.values.login_free_failures_per_user, 3u);
    ASSERT_TRUE(apply_environment(
                    [](const char* name) {
                        return std::string(name) == "SPMIS_AUTH_LOGIN_FREE_FAILURES_PER_ADDRESS" ? "40"
                                                                                                 : nullptr;
                    },
                    c)
                    .ok());
    EXPECT_EQ(c.values.login_free_failures_per_address, 40u);
    const OptionSpec* lifetime = find_option("auth.session_lifetime_s");
    ASSERT_NE(lifetime, nullptr);
    EXPECT_EQ(lifetime->cli, "--session-lifetime-s");
    ASSERT_TRUE(apply_value(*lifetime, "120", Source::kCommandLine, lifetime->cli, c).ok());
    EXPECT_EQ(c.values.session_lifetime_s, 120u);
    EXPECT_EQ(apply_value(*lifetime, "5", Source::kCommandLine, lifetime->cli, c).message(),
              "--session-lifetime-s: must be between 60 and 31622400, got 5");
    EXPECT_EQ(apply_file(write(dir, "zero.toml", "[auth]\nlogin_free_failures_per_user = 0\n"), c).message(),
              dir.file("zero.toml") +
                  ":2: key 'auth.login_free_failures_per_user': must be between 1 and 1000, got 0");
    const std::string shown = render(c);
    EXPECT_NE(shown.find("auth.session_lifetime_s = 120  # command line"), std::string::npos) << shown;
    EXPECT_NE(shown.find("auth.login_free_failures_per_user = 3  # file"), std::string::npos) << shown;
    EXPECT_NE(shown.find("auth.login_free_failures_per_address = 40  # environment"), std::string::npos)
        << shown;
}

TEST(ConfigTest, EveryOptionHasKeyEnvAndDocAndTheExampleFileIsValid) {
    for (const OptionSpec& spec : option_specs()) {
        EXPECT_FALSE(spec.doc.empty()) << spec.key;
        EXPECT_EQ(spec.env.rfind("SPMIS_", 0), 0u) << spec.key;
    }
    // The example configuration mentions every option (commented out) and is itself valid.
    std::ifstream in(std::string(SPMIS_SOURCE_DIR) + "/deploy/spmis-server.toml");
    ASSERT_TRUE(in) << "deploy/spmis-server.toml is missing";
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const OptionSpec& spec : option_specs()) {
        const std::string name = spec.key.substr(spec.key.rfind('.') + 1);
        EXPECT_NE(text.find("# " + name + " = "), std::string::npos) << spec.key << " not in the example";
        EXPECT_NE(text.find(spec.env), std::string::npos) << spec.env << " not in the example";
    }
    EffectiveConfig c;
    EXPECT_TRUE(apply_file(std::string(SPMIS_SOURCE_DIR) + "/deploy/spmis-server.toml", c).ok());
}

TEST(ConfigCheckCommandTest, PrintsEffectiveValuesOrNamesTheProblem) {
    test::TempDir dir;
    const std::string good = write(dir, "good.toml", kGood);
    test::ShellRun ok =
        test::shell("env -u SPMIS_HTTP_WORKERS " + test::server_command() + " config check " + good);
    EXPECT_EQ(ok.code, 0) << ok.output;
    EXPECT_NE(ok.output.find("http.workers = 16  # file"), std::string::npos) << ok.output;
    EXPECT_NE(ok.output.find("http.max_body_bytes = 8388608  # default"), std::string::npos) << ok.output;
    EXPECT_NE(ok.output.find("log.level = \"warn\"  # file"), std::string::npos) << ok.output;
    EXPECT_NE(ok.output.find("auth.session_lifetime_s = 43200  # default"), std::string::npos) << ok.output;
    EXPECT_NE(ok.output.find("auth.login_free_failures_per_user = 5  # default"), std::string::npos)
        << ok.output;

    test::ShellRun env =
        test::shell("env SPMIS_HTTP_WORKERS=7 " + test::server_command() + " config check " + good);
    EXPECT_NE(env.output.find("http.workers = 7  # environment"), std::string::npos) << env.output;

    const std::string bad = write(dir, "bad.toml", "[http]\nmax_body_bytes = \"big\"\n");
    test::ShellRun refused = test::shell(test::server_command() + " config check " + bad);
    EXPECT_EQ(refused.code, 2) << refused.output;
    EXPECT_NE(refused.output.find(bad + ":2: key 'http.max_body_bytes': must be an integer"),
              std::string::npos)
        << refused.output;

    const std::string unknown = write(dir, "unknown.toml", "data_dir = \"/x\"\nlisten_port = 80\n");
    test::ShellRun typo = test::shell(test::server_command() + " config check " + unknown);
    EXPECT_EQ(typo.code, 2) << typo.output;
    EXPECT_NE(typo.output.find(unknown + ":2: unknown key 'listen_port'"), std::string::npos) << typo.output;
}

TEST(ConfigCheckCommandTest, ServeReadsItsConfigFileAndFlagsWin) {
    test::TempDir dir;
    const std::string file = write(
        dir, "serve.toml", "data_dir = \"" + dir.file("data") + "\"\n[http]\nlisten = \"127.0.0.1:1\"\n");
    // The file names the data directory; the flag's listen (port 0) wins over the file's port 1.
    test::ServerProcess server(test::ServerProcess::Binary{test::server_binary()},
                               {"serve", "--config", file, "--listen", "127.0.0.1:0"},
                               std::chrono::seconds(20));
    EXPECT_EQ(server.url().rfind("http://127.0.0.1:", 0), 0u) << server.url();
    EXPECT_NE(server.url(), "http://127.0.0.1:1");
    EXPECT_TRUE(std::filesystem::exists(dir.file("data") + "/spmis.db"));
    EXPECT_EQ(server.stop(), 0);
    const std::string bad = write(dir, "bad.toml", "[http]\nworkers = 0\n");
    test::ShellRun refused =
        test::shell(test::server_command() + " serve --data " + dir.file("d2") + " --config " + bad);
    EXPECT_EQ(refused.code, 2) << refused.output;
    EXPECT_NE(refused.output.find(bad + ":2: key 'http.workers'"), std::string::npos) << refused.output;
}

}  // namespace
}  // namespace spmis::config
