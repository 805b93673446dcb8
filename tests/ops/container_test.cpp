// deploy/Dockerfile builds where a container engine answers `docker info`; skipped otherwise.
// Label `container`: a full image build takes minutes (ctest -L container).

#include <unistd.h>

#include <gtest/gtest.h>

#include "shell.hpp"

namespace spmis::test {
namespace {

TEST(ContainerTest, DockerfileBuildsAndTheImageRunsTheServer) {
    if (shell("docker info", 30).code != 0)
        GTEST_SKIP() << "no container engine here (`docker info` failed): the Dockerfile was not built";
    const std::string tag = "spmis-server-test:" + std::to_string(::getpid());
    ShellRun build = shell("docker build -q -f '" + std::string(SPMIS_SOURCE_DIR) +
                               "/deploy/Dockerfile' -t " + tag + " '" + SPMIS_SOURCE_DIR + "'",
                           3300);
    ASSERT_EQ(build.code, 0) << build.output;
    ShellRun version = shell("docker run --rm " + tag + " --version", 120);
    EXPECT_EQ(version.code, 0) << version.output;
    EXPECT_NE(version.output.find("spmis-server"), std::string::npos) << version.output;
    ShellRun user = shell("docker run --rm --entrypoint id " + tag + " -u", 120);
    EXPECT_NE(user.output.find('0'), 0u) << "runs as root: " << user.output;
    shell("docker rmi -f " + tag, 120);
}

}  // namespace
}  // namespace spmis::test
