#include "field_cli.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "support/test_clock.hpp"

namespace spmis::test {

namespace {

FieldRun run_field(const std::string& home, const std::string& args, const char* mode) {
    const std::string err_file = home + ".stderr";
    const std::string cmd = "timeout 60 " + std::string(SPMIS_BINARY_DIR) + "/client/spmis-field " + mode +
                            "--home " + home + " " + args + " 2>" + err_file;
    FieldRun r;
    share_test_clock_with_children();
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_file);
    std::stringstream text;
    text << in.rdbuf();
    r.err = text.str();
    return r;
}

}  // namespace

FieldRun field(const std::string& home, const std::string& args) { return run_field(home, args, "--json "); }

FieldRun field_text(const std::string& home, const std::string& args) { return run_field(home, args, ""); }

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

}  // namespace spmis::test
