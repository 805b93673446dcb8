// Runs the real spmis-server binary: demo and import commands, their output and exit codes.

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "../store/store_fixture.hpp"
#include "support/server_process.hpp"

namespace spmis::server {
namespace {

test::CliRun run(const std::string& args) { return test::run_server_cli(args); }

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(ServerCommandsTest, DemoPrintsASummaryAndRefusesAUsedDirectory) {
    store::testing::TempDir dir;
    auto r = run("demo --data " + dir.file("data") + " --households 50 --seed 42");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("households:          57"), std::string::npos) << r.out;  // 50 + 7 personas
    EXPECT_NE(r.out.find("CHILD_GRANT"), std::string::npos);
    EXPECT_NE(r.out.find("PERSONA-H02"), std::string::npos);
    auto again = run("demo --data " + dir.file("data") + " --households 50");
    EXPECT_EQ(again.exit_code, exit_code_for(ErrorCode::kFailedPrecondition));
    EXPECT_NE(again.out.find("error: the data directory already holds"), std::string::npos) << again.out;
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
    ASSERT_EQ(good.exit_code, 0) << good.out;
    EXPECT_NE(good.out.find("created 1 households and 1 individuals"), std::string::npos) << good.out;
    auto bad = run("import registry --data " + dir.file("data") + " " + dir.file("bad.csv"));
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.out.find("error: 1 bad row(s), nothing imported"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("line 2, column 'household_external_id'"), std::string::npos) << bad.out;
    EXPECT_EQ(run("import registry --data " + dir.file("data")).exit_code, 2);  // usage error
}

}  // namespace
}  // namespace spmis::server
