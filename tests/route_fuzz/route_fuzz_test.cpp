// A structure-aware fuzzer of the HTTP routes that stays in the suite: requests generated from the
// server's own OpenAPI document (request_generator.hpp) are dispatched in process to the API
// assembled over a scratch data directory with demo data (in_process_server.hpp), with the token of
// every role, a revoked-looking token or none. On a tenth of the requests a statement step of the
// registry store's transaction fails (KillSwitch: an error or an exception), as a storage fault would.
// Checked after every request:
//   - the status is below 500, unless a fault was injected and fired; and when one fired, the answer
//     is an error (a handler that answers 2xx over a failed read or write swallowed the failure);
//   - no handler throws out of the router and the process does not crash (ASan/UBSan in CI);
//   - a refused request (4xx, or 5xx from an injected fault) leaves every table as it was
//     (table_digest.hpp), and after a fault the next request is served;
// Bounded in time: SPMIS_ROUTE_FUZZ_SECONDS (default 60). The seed is random unless
// SPMIS_ROUTE_FUZZ_SEED is set, and printed, with every failing request, so a failure replays;
// SPMIS_ROUTE_FUZZ_LOG=FILE writes every request and its answer there.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "in_process_server.hpp"
#include "request_generator.hpp"
#include "spmis/auth/role.hpp"
#include "spmis/base/uuid.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_clock.hpp"
#include "table_digest.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery";
const std::vector<std::string> kRoles = {"administrator",   "program_manager", "enrollment_officer",
                                         "finance_officer", "program_viewer",  "auditor"};
// Percent of requests that get an injected storage fault, and the furthest step it may hit.
constexpr int kFaultPercent = 10;
constexpr std::int64_t kFaultMaxStep = 8;
// Tables a refused request may change, legitimately:
//   (none so far: failed logins are throttled in memory, not in the store, and a refused request
//   neither opens nor ends a session.)
const std::set<std::string> kMayChangeOnRefusal = {};
// Tables holding ids a path or a body may name.
const std::vector<std::string> kIdTables = {
    "registrants",       "programs",    "cycles", "areas",   "service_points",       "payment_batches",
    "entitlements",      "delegations", "jobs",   "devices", "reconciliation_cases", "program_memberships",
    "approval_requests", "users"};

std::uint64_t env_u64(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::strtoull(v, nullptr, 10) : fallback;
}

std::uint64_t random_seed() {
    std::uint64_t seed = 0;
    SecureRandom().fill(reinterpret_cast<std::uint8_t*>(&seed), sizeof seed);
    return seed % 1000000000ULL;
}

// An id column's value as the API writes ids (a 16-byte blob as a UUID), else its text.
std::string id_text(sqlite3_stmt* st) {
    if (sqlite3_column_type(st, 0) == SQLITE_BLOB && sqlite3_column_bytes(st, 0) == 16) {
        std::array<std::uint8_t, 16> bytes{};
        std::memcpy(bytes.data(), sqlite3_column_blob(st, 0), 16);
        return Uuid(bytes).to_string();
    }
    const unsigned char* text = sqlite3_column_text(st, 0);
    return text != nullptr ? reinterpret_cast<const char*>(text) : "";
}

// Up to 30 ids of each table, and the aliases routes use for them ("/reconciliation/{id}").
KnownIds known_ids(const std::string& db_path) {
    KnownIds ids;
    sqlite3* db = nullptr;
    sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    for (const std::string& table : kIdTables) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, ("SELECT id FROM " + table + " LIMIT 30").c_str(), -1, &st, nullptr) !=
            SQLITE_OK)
            continue;
        while (sqlite3_step(st) == SQLITE_ROW) ids[table].push_back(id_text(st));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    for (const char* old : {"01900000-0000-7000-8000-000000000f01", "01900000-0000-7000-8000-000000000f02"})
        ids["registrants"].emplace_back(old);  // add_old_text's
    ids["reconciliation"] = ids["reconciliation_cases"];
    ids["memberships"] = ids["program_memberships"];
    ids["approvals"] = ids["approval_requests"];
    return ids;
}

// Registrants as builds before every door checked text stored them (invalid UTF-8, NUL, a decomposed
// accent), written by raw SQL: the world's data is hostile too.
void add_old_text(const std::string& db_path) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(
        db,
        "INSERT INTO registrants (id, kind, external_id, name, given_name, family_name, sex, phone, "
        "national_id, disability, created_at, updated_at, search_name) VALUES "
        "(x'01900000000070008000000000000f01', 'individual', 'OLD-1', 'Bad\xFF\xFEName Diallo', "
        "'Bad\xFF\xFEName', 'Diallo', 'female', '07' || char(0) || '1', 'N\x1b[2J', 0, 0, 0, 'bad'), "
        "(x'01900000000070008000000000000f02', 'individual', 'OLD-2', 'Jose\xCC\x81 Diallo', "
        "'Jose\xCC\x81', 'Diallo', 'male', '071', '', 0, 0, 0, 'jose')",
        nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err != nullptr ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

// One request as a replayable line.
std::string describe(const http::HttpRequest& r, const std::string& role) {
    std::string query;
    for (const auto& [k, v] : r.query_params) query += (query.empty() ? "?" : "&") + k + "=" + v;
    const std::string body = r.body.size() > 600
                                 ? r.body.substr(0, 600) + "...(" + std::to_string(r.body.size()) + " bytes)"
                                 : r.body;
    return r.method + " " + r.path + query + " as " + (role.empty() ? "anonymous" : role) + " body " +
           json(body).dump(-1, ' ', false, json::error_handler_t::replace);
}

class RouteFuzzTest : public ::testing::Test {
protected:
    void SetUp() override {
        share_test_clock_with_children();
        ASSERT_EQ(run_server_cli("demo --data " + dir_.path() + " --households 8 --seed 3").exit_code, 0);
        for (const std::string& role : kRoles)
            ASSERT_EQ(
                run_server_command({"user", "add", "--data", dir_.path(), "--username", role, "--role", role},
                                   std::string(kPassword) + "\n"),
                0);
        add_old_text(dir_.file("spmis.db"));
        auto server = InProcessServer::open(dir_.path(), clock_);
        ASSERT_TRUE(server.ok()) << server.status().to_string();
        server_ = std::move(*server);
        for (const std::string& role : kRoles) {
            tokens_[role] = server_->login(role, kPassword);
            ASSERT_FALSE(tokens_[role].empty()) << role;
        }
        digester_ = std::make_unique<TableDigester>(dir_.file("spmis.db"), kMayChangeOnRefusal);
    }

    // The server's OpenAPI document, asked for as a client would.
    json openapi() {
        http::HttpRequest r;
        r.method = "GET";
        r.path = "/api/v1/openapi.json";
        return json::parse(server_->handle(r).body);
    }

    // Mostly a role the operation's permission allows (so requests reach handlers), else any role
    // name, "" (no token) or "garbage" (a token the server never gave).
    std::string any_role(RequestGenerator& gen, const Operation& op) {
        std::vector<std::string> allowed;
        const std::optional<auth::Permission> permission = auth::parse_permission(op.permission);
        for (const std::string& role : kRoles)
            if (permission && auth::role_allows(*auth::parse_role(role), *permission))
                allowed.push_back(role);
        if (!allowed.empty() && gen.chance(70)) return allowed[gen.pick(allowed.size())];
        const std::size_t k = gen.pick(kRoles.size() + 2);
        return k < kRoles.size() ? kRoles[k] : (k == kRoles.size() ? "" : "garbage");
    }

    void authorize(http::HttpRequest& r, const std::string& role) {
        if (role == "garbage") r.headers["authorization"] = "Bearer 0123456789abcdef";
        if (const auto it = tokens_.find(role); it != tokens_.end())
            r.headers["authorization"] = "Bearer " + it->second;
    }

    // After a logout (or anything that ended sessions), every role logs in again.
    void refresh_tokens() {
        for (const std::string& role : kRoles) tokens_[role] = server_->login(role, kPassword);
    }

    // A read any healthy server serves: the programs, as the program manager.
    int probe() {
        http::HttpRequest r;
        r.method = "GET";
        r.path = "/api/v1/programs";
        authorize(r, "program_manager");
        return server_->handle(r).status;
    }

    FakeClock clock_{test_clock().now()};
    TempDir dir_;
    std::unique_ptr<InProcessServer> server_;
    std::map<std::string, std::string> tokens_;
    std::unique_ptr<TableDigester> digester_;
};

TEST_F(RouteFuzzTest, GeneratedRequestsNeverGive5xxAndRefusalsChangeNoTable) {
    const std::uint64_t seed = env_u64("SPMIS_ROUTE_FUZZ_SEED", random_seed());
    const auto budget = std::chrono::seconds(env_u64("SPMIS_ROUTE_FUZZ_SECONDS", 60));
    std::cout << "route fuzz: seed " << seed << " (replay: SPMIS_ROUTE_FUZZ_SEED=" << seed << "), "
              << budget.count() << " s" << std::endl;
    const std::vector<Operation> ops = operations_of(openapi());
    ASSERT_GT(ops.size(), 50u);
    RequestGenerator gen(seed, known_ids(dir_.file("spmis.db")), clock_);
    std::map<int, std::size_t> statuses;
    std::size_t faults = 0, served_despite_fault = 0, n = 0;
    TableDigests before = digester_->digest();
    std::ofstream log;  // every request and its answer, when SPMIS_ROUTE_FUZZ_LOG names a file
    if (const char* path = std::getenv("SPMIS_ROUTE_FUZZ_LOG")) log.open(path);
    const auto start = std::chrono::steady_clock::now();
    for (; std::chrono::steady_clock::now() - start < budget; ++n) {
        const Operation& op = ops[gen.pick(ops.size())];
        http::HttpRequest request = gen.request(op);
        const std::string role = any_role(gen, op);
        authorize(request, role);
        const std::string where =
            "seed " + std::to_string(seed) + " #" + std::to_string(n) + ": " + describe(request, role);
        const bool inject = gen.chance(kFaultPercent);
        if (inject)
            server_->faults().arm_step_fault(static_cast<std::int64_t>(1 + gen.pick(kFaultMaxStep)),
                                             gen.chance(50) ? StepFault::kError : StepFault::kThrow);
        const http::HttpResponse response = server_->handle(request);
        const bool fired = inject && server_->faults().step_fault_fired();
        server_->faults().arm_step_fault(0, StepFault::kError);
        if (log.is_open())
            log << (fired ? "[fault fired] " : "") << where << "\n -> " << response.status << " "
                << response.body.substr(0, 300) << "\n";
        ++statuses[response.status];
        gen.learn(op, response);
        if (fired) ++faults;
        if (fired && response.status < 400) ++served_despite_fault;
        EXPECT_FALSE(fired && response.status < 400)
            << "a storage fault fired yet the request was answered as if nothing failed (a swallowed error): "
            << where << "\n -> " << response.status << " " << response.body.substr(0, 300);
        ASSERT_TRUE(response.status < 500 || fired)
            << where << "\n -> " << response.status << " " << response.body;
        if (op.pattern.ends_with("/jobs") && response.status < 300) {
            ASSERT_TRUE(server_->wait_for_idle_jobs());
        }
        const TableDigests after = digester_->digest();
        if (response.status >= 400) {
            ASSERT_EQ(changed_tables(before, after), "")
                << "a refused request changed the store: " << where << "\n -> " << response.status << " "
                << response.body;
        }
        before = after;
        if (fired) {
            ASSERT_EQ(probe(), 200) << "the request after an injected fault failed: " << where;
        }
        if (op.pattern == "/api/v1/auth/logout") {
            refresh_tokens();
            before = digester_->digest();  // the new sessions
        }
    }
    std::cout << "route fuzz: " << n << " requests on " << ops.size() << " operations, " << faults
              << " with an injected fault (" << served_despite_fault
              << " of them still answered < 400); statuses:";
    for (const auto& [status, count] : statuses) std::cout << " " << status << "x" << count;
    std::cout << std::endl;
    EXPECT_GT(statuses[200] + statuses[201], 0u)
        << "nothing was ever served: the generator reaches no handler";
    EXPECT_GT(n, 100u);
}

}  // namespace
}  // namespace spmis::test
