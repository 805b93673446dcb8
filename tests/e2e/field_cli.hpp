#pragma once
// Running the real spmis-field binary from end-to-end tests.

#include <string>

#include <nlohmann/json.hpp>

namespace spmis::test {

// What one spmis-field run printed and returned.
struct FieldRun {
    int code = -1;
    std::string out;
    std::string err;
    nlohmann::json doc() const { return nlohmann::json::parse(out, nullptr, false); }
};

// Runs spmis-field --json on a home, bounded by coreutils `timeout` so a hung sync cannot stall CI.
FieldRun field(const std::string& home, const std::string& args);

// The same, printing what an officer reads (no --json).
FieldRun field_text(const std::string& home, const std::string& args);

// The text without trailing newlines, carriage returns and spaces.
std::string trimmed(std::string s);

}  // namespace spmis::test
