// Requests per second of spmis-server (GET /healthz, and an authenticated GET /api/v1/auth/me)
// under wrk on loopback, beside the same load against a bare cpprest listener that only answers
// 200 (the baseline), printed as ratios. SPMIS_BENCH_SIZE=smoke: 1 s per run; full: 10 s.
// Google Benchmark flags passed by bench/run.sh are ignored: wrk does the measuring.

#include <array>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace {

struct Load {
    int seconds = 1;
    int threads = 2;
    int connections = 32;
};

// Runs wrk against url and returns its Requests/sec.
double run_wrk(const Load& load, const std::string& url, const std::string& header = "") {
    std::string command = "wrk -t" + std::to_string(load.threads) + " -c" + std::to_string(load.connections) +
                          " -d" + std::to_string(load.seconds) + "s --timeout 5s";
    if (!header.empty()) command += " -H '" + header + "'";
    command += " " + url + " 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) throw std::runtime_error("cannot run wrk");
    std::string output;
    std::array<char, 512> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) output += buffer.data();
    std::smatch match;
    if (!std::regex_search(output, match, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) {
        throw std::runtime_error("wrk gave no Requests/sec:\n" + output);
    }
    if (output.find("Non-2xx") != std::string::npos) throw std::runtime_error("non-2xx answers:\n" + output);
    return std::stod(match[1]);
}

void report(const std::string& what, double rps, double baseline) {
    std::printf("%-40s %10.0f req/s   baseline %10.0f req/s   ratio %.2f\n", what.c_str(), rps, baseline,
                rps / baseline);
}

}  // namespace

int main() {
    const char* size = std::getenv("SPMIS_BENCH_SIZE");
    Load load;
    if (size != nullptr && std::string(size) == "full") load.seconds = 10;
    try {
        spmis::test::TempDir dir;
        const std::string password = "bench password";
        if (spmis::test::run_server_command(
                {"user", "add", "--data", dir.path(), "--username", "bench", "--role", "program_viewer"},
                password + "\n") != 0) {
            throw std::runtime_error("user add failed");
        }
        spmis::test::ServerProcess server(dir.path(), {"--log-level", "warn"});  // access lines cost I/O
        spmis::test::HttpClient client(server.url());
        const auto login =
            client.post_json("/api/v1/auth/login", {{"username", "bench"}, {"password", password}});
        if (login.status != 200) throw std::runtime_error("login failed: " + login.body);
        const std::string token = login.json()["token"].get<std::string>();

        const double healthz = run_wrk(load, server.url() + "/healthz");
        const double me = run_wrk(load, server.url() + "/api/v1/auth/me", "Authorization: Bearer " + token);
        server.stop();

        const std::string port = server.url().substr(server.url().rfind(':') + 1);
        spmis::test::ServerProcess baseline(spmis::test::ServerProcess::Binary{HTTP_BASELINE_BINARY}, {port},
                                            std::chrono::seconds(20));
        const double bare = run_wrk(load, baseline.url() + "/");
        baseline.stop();

        std::printf("wrk -t%d -c%d -d%ds on loopback\n", load.threads, load.connections, load.seconds);
        report("GET /healthz", healthz, bare);
        report("GET /api/v1/auth/me (bearer token)", me, bare);
        std::fflush(stdout);
    } catch (const std::exception& e) {
        std::cerr << "bench_http: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
