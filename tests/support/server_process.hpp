#pragma once
// The real spmis-server binary as a child process: started with `serve --listen 127.0.0.1:0`,
// its printed address parsed with a timeout, stopped with SIGTERM (killed when it does not exit
// in time). Never leaks the process: the destructor stops it.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace spmis::test {

// The spmis-server binary under test (compile definition SPMIS_SERVER_BINARY).
std::string server_binary();

class ServerProcess {
public:
    // Starts `spmis-server serve --data data_dir --listen 127.0.0.1:0 extra_args...` and waits
    // for its "listening on URL" line. Throws std::runtime_error when that does not come in time.
    explicit ServerProcess(const std::string& data_dir, const std::vector<std::string>& extra_args = {},
                           std::chrono::milliseconds startup_timeout = std::chrono::seconds(20));
    // Any binary that prints "listening on URL" once it serves (e.g. a benchmark's baseline).
    struct Binary {
        std::string path;
    };
    ServerProcess(const Binary& binary, const std::vector<std::string>& args,
                  std::chrono::milliseconds startup_timeout);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // "http://127.0.0.1:PORT".
    const std::string& url() const { return url_; }
    pid_t pid() const { return pid_; }

    // Sends a signal to the server (no-op once it has exited).
    void signal(int signo) const;
    // Waits up to timeout for the exit; the exit status (or 128+signal), nullopt if still running.
    std::optional<int> wait_exit(std::chrono::milliseconds timeout);
    // SIGTERM, then SIGKILL after timeout; returns the exit status (or 128+signal).
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));

private:
    void launch(const std::string& binary, const std::vector<std::string>& args,
                std::chrono::milliseconds startup_timeout);

    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::optional<int> exit_status_;
    std::string url_;
};

// Runs spmis-server with args, feeding stdin_text; returns its exit status. Output goes to *out
// when given. Throws std::runtime_error when it cannot start or runs longer than timeout.
int run_server_command(const std::vector<std::string>& args, const std::string& stdin_text,
                       std::string* out = nullptr,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30));

// What a command line run printed and how it ended.
struct CliRun {
    int exit_code = -1;  // -1 when it did not exit normally; 124 when the timeout stopped it
    std::string out;
};

// Which streams run_server_cli collects.
enum class CliOutput { kStdoutAndStderr, kStdoutOnly };

// Runs `spmis-server args` through the shell (args is one shell-quoted string, so redirections
// and quoting work), bounded by coreutils `timeout`; collects its standard output, interleaved
// with its standard error unless output is kStdoutOnly (then standard error is discarded).
CliRun run_server_cli(const std::string& args, CliOutput output = CliOutput::kStdoutAndStderr,
                      std::chrono::seconds timeout = std::chrono::seconds(120));

}  // namespace spmis::test
