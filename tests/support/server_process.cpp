#include "support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "support/test_clock.hpp"

namespace spmis::test {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
    int read = -1;
    int write = -1;
};

Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    return {fds[0], fds[1]};
}

// Starts the server binary with stdin/stdout redirected (-1: inherit). fork + exec rather than
// posix_spawn so the child can ask to be killed when the test process dies (PR_SET_PDEATHSIG):
// even a crashing test leaks no server. Only async-signal-safe calls run between fork and exec.
pid_t spawn(const std::string& binary, const std::vector<std::string>& args, int stdin_fd, int stdout_fd) {
    share_test_clock_with_children();
    std::vector<std::string> argv_storage = {binary};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("cannot fork for " + argv_storage[0]);
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGTERM, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGPIPE, SIG_DFL);
        if (stdin_fd >= 0) ::dup2(stdin_fd, STDIN_FILENO);
        if (stdout_fd >= 0) ::dup2(stdout_fd, STDOUT_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int decode_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

// Reads from fd until a newline or the deadline; "" on timeout or EOF without a line.
std::string read_line(int fd, Clock::time_point deadline) {
    std::string line;
    while (Clock::now() < deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n <= 0) return {};
        if (c == '\n') return line;
        line += c;
    }
    return {};
}

}  // namespace

std::string server_binary() { return SPMIS_SERVER_BINARY; }

ServerProcess::ServerProcess(const std::string& data_dir, const std::vector<std::string>& extra_args,
                             std::chrono::milliseconds startup_timeout) {
    std::vector<std::string> args = {"serve", "--data", data_dir, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    launch(server_binary(), args, startup_timeout);
}

ServerProcess::ServerProcess(const Binary& binary, const std::vector<std::string>& args,
                             std::chrono::milliseconds startup_timeout) {
    launch(binary.path, args, startup_timeout);
}

void ServerProcess::launch(const std::string& binary, const std::vector<std::string>& args,
                           std::chrono::milliseconds startup_timeout) {
    Pipe out = make_pipe();
    pid_ = spawn(binary, args, -1, out.write);
    ::close(out.write);
    stdout_fd_ = out.read;
    const std::string line = read_line(stdout_fd_, Clock::now() + startup_timeout);
    const std::string prefix = "listening on ";
    if (line.rfind(prefix, 0) != 0) {
        stop(std::chrono::seconds(2));
        ::close(stdout_fd_);
        stdout_fd_ = -1;
        throw std::runtime_error(binary + " did not report its address in time (got '" + line + "')");
    }
    url_ = line.substr(prefix.size());
}

ServerProcess::~ServerProcess() {
    stop();
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

void ServerProcess::signal(int signo) const {
    if (!exit_status_ && pid_ > 0) ::kill(pid_, signo);
}

std::optional<int> ServerProcess::wait_exit(std::chrono::milliseconds timeout) {
    if (exit_status_ || pid_ <= 0) return exit_status_;
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            exit_status_ = decode_status(status);
            return exit_status_;
        }
        if (r < 0 && errno != EINTR) {
            exit_status_ = -1;
            return exit_status_;
        }
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

int ServerProcess::stop(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) return -1;
    signal(SIGTERM);
    if (auto status = wait_exit(timeout)) return *status;
    ::kill(pid_, SIGKILL);
    return wait_exit(std::chrono::seconds(10)).value_or(-1);
}

int run_server_command(const std::vector<std::string>& args, const std::string& stdin_text, std::string* out,
                       std::chrono::milliseconds timeout) {
    Pipe in = make_pipe();
    Pipe output = make_pipe();
    const pid_t pid = spawn(server_binary(), args, in.read, output.write);
    ::close(in.read);
    ::close(output.write);
    // Small inputs fit the pipe buffer; closing signals end of input.
    (void)!::write(in.write, stdin_text.data(), stdin_text.size());
    ::close(in.write);
    std::string collected;
    const auto deadline = Clock::now() + timeout;
    char buffer[4096];
    while (Clock::now() < deadline) {
        pollfd p{output.read, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const ssize_t n = ::read(output.read, buffer, sizeof(buffer));
        if (n <= 0) break;
        collected.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(output.read);
    int status = 0;
    while (Clock::now() < deadline) {
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            if (out) *out = collected;
            return decode_status(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    throw std::runtime_error("spmis-server command timed out");
}

CliRun run_server_cli(const std::string& args, CliOutput output, std::chrono::seconds timeout) {
    share_test_clock_with_children();
    const std::string command = "timeout " + std::to_string(timeout.count()) + " '" + server_binary() + "' " +
                                args + (output == CliOutput::kStdoutOnly ? " 2>/dev/null" : " 2>&1");
    CliRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

}  // namespace spmis::test
