#pragma once
// Runs a shell command line (bounded by coreutils `timeout`), collecting stdout and stderr together.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace spmis::test {

struct ShellRun {
    int code = -1;       // exit status, -1 when it did not exit normally
    std::string output;  // stdout and stderr interleaved
};

inline ShellRun shell(const std::string& command, int timeout_seconds = 60) {
    ShellRun run;
    const std::string line = "timeout " + std::to_string(timeout_seconds) + " " + command + " 2>&1";
    FILE* pipe = ::popen(line.c_str(), "r");
    if (pipe == nullptr) return run;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// The spmis-server binary under test, quoted for the shell.
inline std::string server_command() { return std::string("'") + SPMIS_BINARY_DIR + "/server/spmis-server'"; }

}  // namespace spmis::test
