// Runs the real spmis-server binary: demo and import commands, their output and exit codes.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include "../store/store_fixture.hpp"

namespace spmis::server {
namespace {

struct Run {
    int exit_code = -1;
    std::string output;  // stdout and stderr
};

Run run(const std::string& args) {
    const std::string cmd = std::string(SPMIS_BINARY_DIR) + "/server/spmis-server " + args + " 2>&1";
    Run r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) return r;
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) r.output += buf.data();
    int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(ServerCommandsTest, DemoPrintsASummaryAndRefusesAUsedDirectory) {
    store::testing::TempDir dir;
    auto r = run("demo --data " + dir.file("data") + " --households 50 --seed 42");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("households:          56"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("CHILD_GRANT"), std::string::npos);
    EXPECT_NE(r.output.find("PERSONA-H02"), std::string::npos);
    auto again = run("demo --data " + dir.file("data") + " --households 50");
    EXPECT_EQ(again.exit_code, exit_code_for(ErrorCode::kFailedPrecondition));
    EXPECT_NE(again.output.find("error: the data directory already holds"), std::string::npos)
        << again.output;
}

TEST(ServerCommandsTest, ImportRegistryReportsGoodAndBadFiles) {
    store::testing::TempDir dir;
    const std::string header =
        "record_type,external_id,household_external_id,membership_kind,given_name,family_name,birthdate,sex,"
        "area_code\n";
    write(dir.file("good.csv"),
          header + "group,H1,,,,Ba,,,\nindividual,I1,H1,head,Awa,Ba,1990-01-01,female,\n");
    write(dir.file("bad.csv"), header + "individual,I2,H9,head,Ali,Ba,1990-01-01,male,\n");
    auto good = run("import registry --data " + dir.file("data") + " " + dir.file("good.csv"));
    ASSERT_EQ(good.exit_code, 0) << good.output;
    EXPECT_NE(good.output.find("created 1 households and 1 individuals"), std::string::npos) << good.output;
    auto bad = run("import registry --data " + dir.file("data") + " " + dir.file("bad.csv"));
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.output.find("error: 1 bad row(s), nothing imported"), std::string::npos) << bad.output;
    EXPECT_NE(bad.output.find("line 2, column 'household_external_id'"), std::string::npos) << bad.output;
    EXPECT_EQ(run("import registry --data " + dir.file("data")).exit_code, 2);  // usage error
}

}  // namespace
}  // namespace spmis::server
