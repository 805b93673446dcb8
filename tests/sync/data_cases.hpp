#pragma once
// Rules as data: a folder of cases, one sub-folder each with input.json and expected.json.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace spmis::sync::testing {

// The JSON document in a file (throws on malformed JSON: a broken case file is a broken test).
inline nlohmann::json read_case_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

// The case folders below `dir`, sorted (a parameterised test's values).
inline std::vector<std::string> case_names(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace spmis::sync::testing
