// deploy/: systemd-analyze accepts the unit (where systemd-analyze exists), the unit carries the
// hardening the README promises, and the nginx site and Dockerfile have their essential parts.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "shell.hpp"
#include "support/temp_dir.hpp"

namespace spmis::test {
namespace {

std::string deploy_file(const std::string& name) {
    std::ifstream in(std::string(SPMIS_SOURCE_DIR) + "/deploy/" + name);
    EXPECT_TRUE(in) << "deploy/" << name << " is missing";
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(DeployTest, SystemdAnalyzeVerifyAcceptsTheUnit) {
    if (shell("command -v systemd-analyze").code != 0)
        GTEST_SKIP() << "systemd-analyze is not installed here";
    TempDir dir;
    std::string unit = deploy_file("spmis-server.service");
    // Verify checks that ExecStart exists: point it at the binary under test.
    const std::string installed = "/usr/local/bin/spmis-server";
    unit.replace(unit.find(installed), installed.size(),
                 std::string(SPMIS_BINARY_DIR) + "/server/spmis-server");
    std::ofstream(dir.file("spmis-server.service")) << unit;
    ShellRun verify = shell("systemd-analyze verify --man=no " + dir.file("spmis-server.service"));
    EXPECT_EQ(verify.code, 0) << verify.output;
    // It exits 0 even for unknown keys or bad values, which it reports: require silence.
    EXPECT_EQ(verify.output, "") << verify.output;
}

TEST(DeployTest, UnitIsHardenedAndRunsAsADedicatedUser) {
    const std::string unit = deploy_file("spmis-server.service");
    for (const char* line : {"User=spmis", "StateDirectory=spmis", "StateDirectoryMode=0700",
                             "Restart=on-failure", "ProtectSystem=strict", "NoNewPrivileges=yes",
                             "PrivateTmp=yes", "UMask=0077", "--config /etc/spmis/spmis-server.toml"}) {
        EXPECT_NE(unit.find(line), std::string::npos) << line;
    }
}

TEST(DeployTest, NginxSiteTerminatesTlsLimitsBodiesAndRates) {
    const std::string site = deploy_file("nginx-spmis.conf");
    for (const char* part : {"listen 443 ssl", "ssl_certificate ", "client_max_body_size", "limit_req_zone",
                             "limit_req zone=", "proxy_pass http://spmis_server"}) {
        EXPECT_NE(site.find(part), std::string::npos) << part;
    }
    EXPECT_NE(deploy_file("nginx-spmis-proxy-params.conf").find("X-Forwarded-For"), std::string::npos);
}

TEST(DeployTest, DockerfileIsMultiStageNonRootWithADataVolume) {
    const std::string docker = deploy_file("Dockerfile");
    for (const char* part : {"FROM debian:12 AS build", "FROM debian:12-slim", "COPY --from=build",
                             "USER spmis", "VOLUME [\"/var/lib/spmis\"]"}) {
        EXPECT_NE(docker.find(part), std::string::npos) << part;
    }
    EXPECT_EQ(docker.find("-dev", docker.find("FROM debian:12-slim")), std::string::npos)
        << "a -dev package in the runtime stage";
}

}  // namespace
}  // namespace spmis::test
