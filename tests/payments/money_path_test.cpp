// The full money path of the demo child grant over real HTTP against spmis-server: demo data ->
// enrollment job -> cycle -> formula entitlements (the worked example gets 55) -> two-level cycle
// approval with a delegate -> payment batch held by its payment_release approval -> export with
// its SHA-256 -> result file with failures -> second batch of exactly the failures -> monitoring
// figures equal to direct SQLite counts. Role checks and one bad input per step on the way.

#include <sqlite3.h>

#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../server/job_test_support.hpp"
#include "openssl_sha256.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/csv/csv_reader.hpp"
#include "support/test_clock.hpp"

namespace spmis::test {
namespace {

const nlohmann::json kEmpty = nlohmann::json::object();

// A household of the worked example (two children under 5 and one member aged 60+) and a plain one.
const std::string kHouseholds =
    "record_type,external_id,household_external_id,membership_kind,name,given_name,family_name,birthdate,sex,"
    "area_code\n"
    "group,MONEY-H1,,,Diallo household,,,,,\n"
    "individual,MONEY-I1,MONEY-H1,head,,Amina,Diallo,1985-02-03,female,\n"
    "individual,MONEY-I2,MONEY-H1,child,,Awa,Diallo,2024-01-01,female,\n"
    "individual,MONEY-I3,MONEY-H1,child,,Ali,Diallo,2023-06-30,male,\n"
    "individual,MONEY-I4,MONEY-H1,other,,Binta,Diallo,1950-03-03,female,\n";

// The entitlement ids of a provider file (second column), header skipped.
std::vector<std::string> file_entitlements(const std::string& csv) {
    std::istringstream in(csv);
    csv::CsvReader reader(in);
    std::vector<std::string> fields;
    std::vector<std::string> ids;
    for (bool header = true;; header = false) {
        auto got = reader.next(fields);
        EXPECT_TRUE(got.ok());
        if (!got.ok() || !*got) return ids;
        if (!header) ids.push_back(fields.at(1));
    }
}

// A SQL literal for a stored id (16-byte blob).
std::string blob(const std::string& uuid) {
    std::string hex;
    for (char c : uuid) {
        if (c != '-') hex += c;
    }
    return "X'" + hex + "'";
}

// Read-only SQL over the server's database, for counts made independently of the server.
class Db {
public:
    explicit Db(const std::string& path) {
        EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Rows of (text key, integer, integer) from a query of up to three columns.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> grouped(const std::string& sql) {
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
        sqlite3_stmt* st = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
        while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
            const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            const int columns = sqlite3_column_count(st);
            out[key ? key : ""] = {columns > 1 ? sqlite3_column_int64(st, 1) : 0,
                                   columns > 2 ? sqlite3_column_int64(st, 2) : 0};
        }
        sqlite3_finalize(st);
        return out;
    }

    // The integer of a one-value query (0 when it has no row).
    std::int64_t scalar(const std::string& sql) {
        auto rows = grouped("SELECT '', (" + sql + ")");
        return rows.empty() ? 0 : rows.begin()->second.first;
    }

private:
    sqlite3* db_ = nullptr;
};

class MoneyPathTest : public JobApiFixture {
protected:
    void SetUp() override {
        std::string out;
        ASSERT_EQ(run_server_command({"demo", "--data", dir_.path(), "--households", "200", "--seed", "7"},
                                     "", &out, std::chrono::seconds(120)),
                  0)
            << out;
        for (auto [name, role] : {std::pair{"manager", "program_manager"},
                                  {"officer", "enrollment_officer"},
                                  {"fin1", "finance_officer"},
                                  {"fin2", "finance_officer"},
                                  {"viewer", "program_viewer"},
                                  {"deputy", "program_viewer"}}) {
            ASSERT_EQ(add_user(name, role, kJobPassword), 0);
        }
        start();
    }

    HttpResult decide(const std::string& approval, const nlohmann::json& body = kEmpty) {
        return client_->post_json("/api/v1/approvals/" + approval + "/approve", body);
    }

    HttpResult post_csv(const std::string& path, const std::string& csv) {
        return client_->post(path, csv, {{"Content-Type", "text/csv"}});
    }

    // The cycle approval chain (finance officer, then the manager) and a release chain (the manager).
    void configure_chains_and_delegation() {
        as("manager");
        const std::string chains = "/api/v1/programs/" + program_ + "/approval-chains/";
        const nlohmann::json cycle_chain = {
            {"levels",
             {{{"role", "finance_officer"}, {"required", 1}}, {{"users", {"manager"}}, {"required", 1}}}}};
        ASSERT_EQ(client_->put(chains + "cycle_approval", cycle_chain.dump(), {}).status, 200);
        const nlohmann::json release = {{"levels", {{{"users", {"manager"}}, {"required", 1}}}}};
        ASSERT_EQ(client_->put(chains + "payment_release", release.dump(), {}).status, 200);
        HttpResult delegated = client_->post_json("/api/v1/delegations", {{"delegate", "deputy"},
                                                                          {"from", format_date(test_today())},
                                                                          {"until", "2099-12-31"},
                                                                          {"reason", "leave"}});
        ASSERT_EQ(delegated.status, 201) << delegated.body;
    }

    // Creates, generates and gets approved the November cycle (fin2, then deputy for the manager).
    void approved_cycle() {
        const nlohmann::json body = {{"name", "This month"},
                                     {"start", current_month().start},
                                     {"end", current_month().end},
                                     {"budget", 10'000'000}};
        as("viewer");
        EXPECT_EQ(client_->post_json("/api/v1/programs/" + program_ + "/cycles", body).status, 403);
        as("fin1");
        EXPECT_EQ(
            client_->post_json("/api/v1/programs/" + new_uuid_v7().to_string() + "/cycles", body).status,
            404);
        HttpResult created = client_->post_json("/api/v1/programs/" + program_ + "/cycles", body);
        ASSERT_EQ(created.status, 201) << created.body;
        cycle_ = created.json()["id"];
        EXPECT_EQ(
            client_
                ->post_json("/api/v1/cycles/" + new_uuid_v7().to_string() + "/entitlements/generate", kEmpty)
                .status,
            404);
        HttpResult generated =
            client_->post_json("/api/v1/cycles/" + cycle_ + "/entitlements/generate", kEmpty);
        ASSERT_EQ(generated.status, 200) << generated.body;
        EXPECT_GT(generated.json()["created"].get<int>(), 10);
        Db db(dir_.path() + "/spmis.db");
        EXPECT_EQ(db.scalar("SELECT e.amount_minor FROM entitlements e JOIN registrants r ON r.id = "
                            "e.registrant_id WHERE r.external_id = 'MONEY-H1' AND e.cycle_id = " +
                            blob(cycle_)),
                  5500);  // 30 + 2 x 10 + 5, in cents

        HttpResult submitted = client_->post_json("/api/v1/cycles/" + cycle_ + "/submit", kEmpty);
        ASSERT_EQ(submitted.status, 200) << submitted.body;
        const std::string approval = submitted.json()["approval_request"]["id"];
        EXPECT_EQ(decide(approval).status, 403);  // own request
        as("fin2");
        ASSERT_EQ(decide(approval).json()["current_level"], 2);
        as("deputy");
        HttpResult done = decide(approval, {{"comment", "for the manager"}});
        ASSERT_EQ(done.status, 200) << done.body;
        EXPECT_EQ(done.json()["state"], "approved");
        const auto history = client_->get("/api/v1/approvals/" + approval).json()["history"];
        ASSERT_EQ(history.size(), 2u);
        EXPECT_EQ(history[1]["on_behalf_of"], "manager");
        EXPECT_EQ(client_->get("/api/v1/cycles/" + cycle_).json()["state"], "approved");
    }

    // Creates a batch (as fin1), has the manager release it, downloads its file; returns the file.
    std::string released_batch_file(std::string& batch) {
        as("fin1");
        HttpResult created =
            client_->post_json("/api/v1/cycles/" + cycle_ + "/payment-batches",
                               {{"provider", "MobileMoneyCo"}, {"provider_kind", "mobile_money"}});
        EXPECT_EQ(created.status, 201) << created.body;
        batch = "/api/v1/payment-batches/" + created.json().value("id", "");
        HttpResult held = client_->get(batch + "/file");
        EXPECT_EQ(held.status, 409) << held.body;
        EXPECT_NE(held.body.find("pending"), std::string::npos) << held.body;
        const nlohmann::json release = created.json()["release_request"];
        EXPECT_TRUE(release.is_string()) << created.body;
        if (!release.is_string()) return {};
        as("manager");
        EXPECT_EQ(decide(release.get<std::string>()).json()["state"], "approved");
        as("viewer");
        EXPECT_EQ(client_->get(batch + "/file").status, 403);
        as("fin1");
        HttpResult file = client_->get(batch + "/file");
        EXPECT_EQ(file.status, 200) << file.body;
        EXPECT_EQ(file.header("x-content-sha256"), openssl_sha256(file.body));
        return file.body;
    }

    // The monitoring figures against counts read straight from the database.
    void expect_monitoring_matches_database() {
        as("viewer");
        HttpResult got = client_->get("/api/v1/monitoring/programs/" + program_);
        ASSERT_EQ(got.status, 200) << got.body;
        const nlohmann::json m = got.json();
        Db db(dir_.path() + "/spmis.db");
        const std::string in_program = " FROM program_memberships WHERE program_id = " + blob(program_);
        EXPECT_EQ(m["coverage"]["enrolled"],
                  db.scalar("SELECT count(*)" + in_program + " AND state = 'enrolled'"));
        EXPECT_EQ(m["coverage"]["eligible"],
                  db.scalar("SELECT count(*)" + in_program +
                            " AND state IN ('draft', 'enrolled', 'paused', 'exited')"));
        ASSERT_EQ(m["cycles"].size(), 1u);
        const nlohmann::json& c = m["cycles"][0];
        const auto by_state = db.grouped(
            "SELECT state, count(*), sum(amount_minor) FROM entitlements WHERE "
            "cycle_id = " +
            blob(cycle_) + " GROUP BY state");
        ASSERT_EQ(c["entitlements"].size(), by_state.size());
        for (const auto& s : c["entitlements"]) {
            EXPECT_EQ(s["count"], by_state.at(s["state"]).first) << s;
            EXPECT_EQ(s["value_minor"], by_state.at(s["state"]).second) << s;
        }
        EXPECT_EQ(by_state.at("paid").first, db.scalar("SELECT count(*) FROM entitlements WHERE cycle_id = " +
                                                       blob(cycle_)));  // everything paid in the end
        const auto payments = db.grouped(
            "SELECT p.status, count(*) FROM payments p JOIN payment_batches b ON b.id = p.batch_id "
            "WHERE b.cycle_id = " +
            blob(cycle_) + " GROUP BY p.status");
        const double paid = static_cast<double>(payments.at("paid").first);
        const double failed = static_cast<double>(payments.at("failed").first);
        EXPECT_EQ(c["payments"]["paid"], payments.at("paid").first);
        EXPECT_EQ(c["payments"]["failed"], payments.at("failed").first);
        EXPECT_EQ(c["payments"]["pending"], payments.count("pending") ? payments.at("pending").first : 0);
        EXPECT_DOUBLE_EQ(c["payments"]["success_rate"].get<double>(), paid / (paid + failed));
        EXPECT_DOUBLE_EQ(m["payments"]["success_rate"].get<double>(), paid / (paid + failed));
        const std::int64_t used =
            db.scalar("SELECT sum(amount_minor) FROM entitlements WHERE cycle_id = " + blob(cycle_) +
                      " AND state IN ('approved', 'transferred', 'paid')");
        EXPECT_EQ(c["budget_used_minor"], used);
        EXPECT_EQ(m["budget"]["used_minor"], used);
        EXPECT_EQ(m["budget"]["total_minor"], 10'000'000);
    }

    std::string program_;
    std::string cycle_;
};

TEST_F(MoneyPathTest, DemoChildGrantIsPaidReconciledAndMonitoredExactly) {
    as("manager");
    HttpResult imported = post_csv("/api/v1/registrants/import", kHouseholds);
    ASSERT_EQ(imported.status, 200) << imported.body;
    program_ = program_ids().at("CHILD_GRANT");
    as("officer");
    nlohmann::json enrolled = run(program_, {{"operation", "enroll"}, {"reference_date", kDemoDate}});
    ASSERT_FALSE(enrolled.is_null());
    configure_chains_and_delegation();
    approved_cycle();

    as("viewer");
    const nlohmann::json provider = {{"provider", "MobileMoneyCo"}, {"provider_kind", "mobile_money"}};
    EXPECT_EQ(client_->post_json("/api/v1/cycles/" + cycle_ + "/payment-batches", provider).status, 403);
    as("fin1");
    EXPECT_EQ(client_->post_json("/api/v1/cycles/" + new_uuid_v7().to_string() + "/payment-batches", provider)
                  .status,
              404);
    std::string batch;
    const std::vector<std::string> first = file_entitlements(released_batch_file(batch));
    ASSERT_GT(first.size(), 10u);

    std::string results = "entitlement,status,reference,reason\n";
    std::set<std::string> failures;
    for (std::size_t i = 0; i < first.size(); ++i) {
        if (i % 4 == 0) failures.insert(first[i]);
        results +=
            first[i] + (i % 4 == 0 ? ",failed,,wallet closed\n" : ",paid,R" + std::to_string(i) + ",\n");
    }
    HttpResult malformed = post_csv(batch + "/results", results + "not-an-id,sent,\n");
    ASSERT_EQ(malformed.status, 422) << malformed.body;
    EXPECT_EQ(client_->get(batch).json()["payments"]["pending"], first.size());  // nothing applied
    HttpResult applied = post_csv(batch + "/results", results);
    ASSERT_EQ(applied.status, 200) << applied.body;
    EXPECT_EQ(applied.json()["failed"], failures.size());
    EXPECT_EQ(applied.json()["paid"], first.size() - failures.size());

    std::string second_batch;
    const std::vector<std::string> second = file_entitlements(released_batch_file(second_batch));
    EXPECT_EQ(std::set<std::string>(second.begin(), second.end()), failures);
    std::string retried = "entitlement,status,reference,reason\n";
    for (const std::string& id : second) retried += id + ",paid,RETRY-" + id.substr(0, 8) + ",\n";
    HttpResult paid = post_csv(second_batch + "/results", retried);
    ASSERT_EQ(paid.status, 200) << paid.body;
    EXPECT_EQ(paid.json()["paid"], failures.size());
    EXPECT_EQ(client_->post_json("/api/v1/cycles/" + cycle_ + "/payment-batches", provider).status, 422);

    expect_monitoring_matches_database();
}

}  // namespace
}  // namespace spmis::test
