#include "pg_tools.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

extern char** environ;

namespace spmis::backup {
namespace {

namespace fs = std::filesystem;

// libpq's connection keywords and the environment variables that carry them.
const std::map<std::string, std::string>& environment_names() {
    static const std::map<std::string, std::string> kNames = {
        {"host", "PGHOST"},         {"hostaddr", "PGHOSTADDR"},
        {"port", "PGPORT"},         {"dbname", "PGDATABASE"},
        {"user", "PGUSER"},         {"password", "PGPASSWORD"},
        {"passfile", "PGPASSFILE"}, {"connect_timeout", "PGCONNECT_TIMEOUT"},
        {"sslmode", "PGSSLMODE"},   {"sslcert", "PGSSLCERT"},
        {"sslkey", "PGSSLKEY"},     {"sslrootcert", "PGSSLROOTCERT"},
        {"sslcrl", "PGSSLCRL"},     {"application_name", "PGAPPNAME"},
        {"options", "PGOPTIONS"},   {"target_session_attrs", "PGTARGETSESSIONATTRS"}};
    return kNames;
}

// The child's environment: ours without any PG* variable, plus the URL's settings.
Result<std::vector<std::string>> child_environment(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (options == nullptr) {
        std::string why = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        return make_error(ErrorCode::kInvalidArgument, "not a PostgreSQL address: " + why);
    }
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        if (std::string_view(*e).substr(0, 2) != "PG") env.emplace_back(*e);
    }
    Status unsupported;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr || *o->val == '\0') continue;
        auto name = environment_names().find(o->keyword);
        if (name == environment_names().end()) {
            unsupported = make_error(ErrorCode::kInvalidArgument,
                                     std::string("the database address's setting ") + o->keyword +
                                         " cannot be passed to PostgreSQL's backup tools");
            break;
        }
        env.push_back(name->second + "=" + o->val);
    }
    PQconninfoFree(options);
    if (!unsupported.ok()) return unsupported;
    return env;
}

std::string tool_path(const std::string& tool) {
    std::vector<fs::path> versions;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        if (fs::exists(entry.path() / "bin" / tool, ec)) versions.push_back(entry.path());
    }
    // Version directories are numbers: the longest name, then the greatest, is the newest.
    std::sort(versions.begin(), versions.end(), [](const fs::path& a, const fs::path& b) {
        const std::string x = a.filename().string(), y = b.filename().string();
        return x.size() != y.size() ? x.size() < y.size() : x < y;
    });
    return versions.empty() ? tool : (versions.back() / "bin" / tool).string();
}

std::string read_all(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

}  // namespace

Result<std::string> database_name(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (options == nullptr) {
        PQfreemem(error);
        return make_error(ErrorCode::kInvalidArgument, "not a PostgreSQL address");
    }
    std::string name;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (std::string_view(o->keyword) == "dbname" && o->val != nullptr) name = o->val;
    }
    PQconninfoFree(options);
    if (name.empty())
        return make_error(ErrorCode::kInvalidArgument, "the database address names no database");
    return name;
}

Status run_pg_tool(const std::string& tool, const std::vector<std::string>& args, const std::string& url) {
    SPMIS_ASSIGN_OR_RETURN(std::vector<std::string> env, child_environment(url));
    const std::string path = tool_path(tool);
    std::vector<std::string> argv_text = {path};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv, envp;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);

    // The tool's messages go to a private file, to report them when it fails.
    char errors_path[] = "/tmp/spmis-pg-tool-XXXXXX";
    const int errors_fd = ::mkstemp(errors_path);
    if (errors_fd < 0)
        return make_error(ErrorCode::kStorage, "no temporary file for " + tool + "'s messages");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, errors_fd, STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, path.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(errors_fd);
    int wait_status = 0;
    if (spawned == 0) {
        while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
        }
    }
    const std::string messages = read_all(errors_path);
    ::unlink(errors_path);
    if (spawned != 0)
        return make_error(ErrorCode::kStorage, "cannot run " + path + " (is PostgreSQL's client installed?)");
    if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
        return make_error(ErrorCode::kStorage,
                          tool + " failed: " + (messages.empty() ? "no message" : messages));
    }
    return {};
}

}  // namespace spmis::backup
