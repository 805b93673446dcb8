// Runs every cel-spec conformance case in ../shared/cel-conformance/*.jsonl. Cases whose `needs`
// stay within the supported set must pass; cases listed in conformance_passing.txt must keep
// passing. Set SPMIS_CEL_WRITE_BASELINE=path to write the current passing list.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "spmis/cel/json_value.hpp"
#include "spmis/cel/map_value.hpp"
#include "spmis/cel/program.hpp"

namespace {

using spmis::cel::Kind;
using spmis::cel::Value;

// The core features plus the extensions the engine implements: a case needing only these must pass.
const std::set<std::string> kSupportedNeeds = {"type_env", "uint",        "bytes",       "timestamp",
                                               "duration", "optional",    "macros2",     "ext:bindings",
                                               "ext:math", "ext:strings", "ext:encoders"};

bool same_typed(const Value& a, const Value& b);

bool same_map(const spmis::cel::MapValue& a, const spmis::cel::MapValue& b) {
    if (a.size() != b.size()) return false;
    return std::all_of(a.entries().begin(), a.entries().end(), [&](const auto& ea) {
        return std::any_of(b.entries().begin(), b.entries().end(), [&](const auto& eb) {
            return same_typed(ea.first, eb.first) && same_typed(ea.second, eb.second);
        });
    });
}

// Equality as the conformance suite means it: same type, NaN matches NaN, maps unordered.
bool same_typed(const Value& a, const Value& b) {
    if (spmis::cel::is_list_like(a) && spmis::cel::is_list_like(b)) {
        std::size_t n = spmis::cel::list_size(a);
        if (n != spmis::cel::list_size(b)) return false;
        for (std::size_t i = 0; i < n; ++i) {
            if (!same_typed(spmis::cel::list_at(a, i), spmis::cel::list_at(b, i))) return false;
        }
        return true;
    }
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case Kind::kDouble:
            return (std::isnan(a.as_double()) && std::isnan(b.as_double())) || a.as_double() == b.as_double();
        case Kind::kMap: return same_map(a.as_map(), b.as_map());
        default: return spmis::cel::values_equal(a, b);
    }
}

struct Outcome {
    bool supported = false;
    bool passed = false;
    std::string detail;
};

std::string describe(const Value& v) {
    auto j = spmis::cel::value_to_typed_json(v);
    return j.ok() ? j->dump()
                  : (v.is_error() ? "error: " + v.message() : "<" + spmis::cel::type_name(v) + ">");
}

Outcome run_case(const nlohmann::json& c) {
    Outcome out;
    std::vector<std::string> needs = c.value("needs", std::vector<std::string>{});
    out.supported = std::all_of(needs.begin(), needs.end(),
                                [](const std::string& n) { return kSupportedNeeds.count(n); });
    spmis::cel::CompileOptions options;
    options.allow_undeclared = c.value("disable_check", false);
    std::vector<Value> bindings;
    for (const auto& [name, typed] : c["bindings"].items()) {
        auto v = spmis::cel::value_from_typed_json(typed);
        if (!v.ok()) {
            out.detail = "binding " + name + ": " + v.status().message();
            return out;
        }
        options.variables.push_back(name);
        bindings.push_back(*v);
    }
    for (const auto& decl : c.value("type_env", nlohmann::json::array())) {
        if (decl.contains("ident") && !c["bindings"].contains(decl["name"].get<std::string>())) {
            options.variables.push_back(decl["name"].get<std::string>());
        }
    }
    auto program = spmis::cel::Program::compile(c["expr"].get<std::string>(), options);
    if (c.value("check_only", false)) {
        out.passed = program.ok();
        out.detail = program.ok() ? "" : program.status().message();
        return out;
    }
    Value result = program.ok() ? program->evaluate(bindings) : Value::error(program.status().message());
    const nlohmann::json& expect = c["expect"];
    if (expect.contains("error")) {
        out.passed = result.is_error();
        out.detail = "expected error, got " + describe(result);
        return out;
    }
    auto expected = spmis::cel::value_from_typed_json(expect);
    if (!expected.ok()) {
        out.detail = "expectation: " + expected.status().message();
        return out;
    }
    out.passed = same_typed(*expected, result);
    out.detail = "expected " + expect.dump() + ", got " + describe(result);
    return out;
}

std::set<std::string> read_baseline() {
    std::set<std::string> ids;
    std::ifstream in(SPMIS_SOURCE_DIR "/tests/cel/conformance_passing.txt");
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#') ids.insert(line);
    }
    return ids;
}

TEST(ConformanceTest, PassesEverySupportedCaseAndNoRegression) {
    std::filesystem::path dir = SPMIS_SOURCE_DIR "/tests/data/vendor/cel-conformance";
    ASSERT_TRUE(std::filesystem::is_directory(dir))
        << "conformance data missing: " << dir << " (the shared/ folder must sit next to the checkout)";
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() == ".jsonl") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_FALSE(files.empty()) << "no .jsonl files in " << dir;
    std::set<std::string> baseline = read_baseline();
    std::vector<std::string> passing;
    int supported_failures = 0;
    int total_supported = 0;
    for (const auto& path : files) {
        std::ifstream in(path);
        int passed = 0, failed = 0, skipped = 0, line_no = 0;
        std::string stem = path.stem().string();
        for (std::string line; std::getline(in, line);) {
            ++line_no;
            if (line.empty()) continue;
            nlohmann::json c = nlohmann::json::parse(line);
            Outcome o = run_case(c);
            std::string id = stem + ":" + std::to_string(line_no);
            if (o.passed) passing.push_back(id);
            if (!o.supported && !o.passed) {
                ++skipped;
                EXPECT_EQ(baseline.count(id), 0U)
                    << "regression in " << id << " (" << c["name"] << "): " << o.detail;
                continue;
            }
            total_supported += o.supported ? 1 : 0;
            (o.passed ? passed : failed) += 1;
            if (!o.passed) {
                ++supported_failures;
                ADD_FAILURE() << id << " " << c["section"] << "/" << c["name"] << ": " << c["expr"] << " -> "
                              << o.detail;
            }
        }
        std::cout << "cel conformance " << stem << ": passed " << passed << ", failed " << failed
                  << ", skipped " << skipped << "\n";
    }
    std::cout << "cel conformance: " << total_supported << " supported cases, " << supported_failures
              << " failures, " << passing.size() << " passing in total\n";
    if (const char* out = std::getenv("SPMIS_CEL_WRITE_BASELINE")) {
        std::ofstream f(out);
        f << "# cel conformance cases that pass (file:line); regenerate with SPMIS_CEL_WRITE_BASELINE\n";
        for (const auto& id : passing) f << id << "\n";
    }
}

}  // namespace
