// Writes every `expr` of the conformance files (and a few registrant rules) as one seed file each.
// Usage: cel_fuzz_seed CONFORMANCE_DIR OUT_DIR

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: cel_fuzz_seed CONFORMANCE_DIR OUT_DIR\n";
        return 2;
    }
    std::filesystem::path in_dir = argv[1];
    std::filesystem::path out_dir = argv[2];
    if (!std::filesystem::is_directory(in_dir)) {
        std::cerr << "cel_fuzz_seed: missing conformance directory " << in_dir << "\n";
        return 1;
    }
    std::filesystem::create_directories(out_dir);
    std::vector<std::string> exprs = {
        "group.members.filter(m, m.age < 5).size() >= 1",
        "group.dependency_ratio > 0.5 && group.vulnerability_score > 3",
        "30 + 10 * group.members.filter(m, m.age < 5).size() + 5 * group.members.filter(m, m.age >= "
        "60).size()",
        "variables.per_capita_income < variables.poverty_line && has_tag('t') && in_area_tree('B')",
        "group.members.sum(m, m.income) / double(max(1, variables.hh_size))",
    };
    for (const auto& entry : std::filesystem::directory_iterator(in_dir)) {
        if (entry.path().extension() != ".jsonl") continue;
        std::ifstream in(entry.path());
        for (std::string line; std::getline(in, line);) {
            auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_object() && j.contains("expr") && j["expr"].is_string()) exprs.push_back(j["expr"]);
        }
    }
    for (std::size_t i = 0; i < exprs.size(); ++i) {
        std::ofstream(out_dir / ("seed_" + std::to_string(i))) << exprs[i];
    }
    std::cout << "cel_fuzz_seed: wrote " << exprs.size() << " seeds\n";
    return 0;
}
