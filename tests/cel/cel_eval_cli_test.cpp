// Pipes JSON lines through the real `spmis-server cel eval` binary.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::vector<nlohmann::json> run_lines(const std::string& input) {
    auto dir = std::filesystem::temp_directory_path() / ("spmis_cel_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "in.jsonl") << input;
    std::string cmd = std::string("timeout 30 ") + SPMIS_SERVER_BINARY + " cel eval < " +
                      (dir / "in.jsonl").string() + " > " + (dir / "out.jsonl").string();
    int rc = std::system(cmd.c_str());
    EXPECT_EQ(rc, 0) << cmd;
    std::vector<nlohmann::json> out;
    std::ifstream in(dir / "out.jsonl");
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    std::filesystem::remove_all(dir);
    return out;
}

TEST(CelEvalCliTest, WritesOneTypedResultPerInputLine) {
    auto out = run_lines(
        R"({"expr": "x.name + 1", "bindings": {"x": {"map": [[{"string": "name"}, {"int": "1024"}]]}}})"
        "\n"
        R"({"expr": "1 / 0"})"
        "\n"
        R"({"expr": "[1u, 2.5, b'\\xff', 'a', null, timestamp(0), duration('1.5s')]", "container": ""})"
        "\n"
        "not json\n"
        R"({"expr": "1 + "})"
        "\n"
        R"({"expr": "x || true", "disable_check": true})"
        "\n"
        R"({"expr": "1", "disable_check": "yes", "bindings": 5})"
        "\n");
    ASSERT_EQ(out.size(), 7U);
    EXPECT_EQ(out[0], nlohmann::json::parse(R"({"value": {"int": "1025"}})"));
    EXPECT_NE(out[1]["error"].get<std::string>().find("divide by zero"), std::string::npos);
    EXPECT_EQ(out[2], nlohmann::json::parse(R"({"value": {"list": [{"uint": "1"}, {"double": 2.5},
        {"bytes_b64": "/w=="}, {"string": "a"}, {"null": null}, {"timestamp": "1970-01-01T00:00:00Z"},
        {"duration": "1.500s"}]}})"));
    EXPECT_TRUE(out[3].contains("error"));
    EXPECT_NE(out[4]["error"].get<std::string>().find("<input>:1:5"), std::string::npos) << out[4];
    EXPECT_EQ(out[5], nlohmann::json::parse(R"({"value": {"bool": true}})"));
    EXPECT_TRUE(out[6].contains("error")) << "wrongly typed fields are reported, not thrown";
}

}  // namespace
