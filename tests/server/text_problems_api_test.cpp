// GET /api/v1/registry/text-problems and `spmis-server text-problems` over a real SQLite file with
// text written before every door checked it (rows inserted by raw SQL at schema 15, as an old build
// would have): listed after migration, paged by cursor, and gone once staff correct the field.

#include <sqlite3.h>

#include <string>

#include "server_fixture.hpp"
#include "spmis/store/store.hpp"

namespace spmis::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse";
const std::string kBadId = "01900000-0000-7000-8000-000000000001";
const std::string kDecomposedId = "01900000-0000-7000-8000-000000000002";

// A registrant row as a schema-15 build wrote it, through its own connection.
void insert_old_registrant(const std::string& path, const std::string& id, const std::string& given,
                           const std::string& phone) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(db,
                           "INSERT INTO registrants (id, kind, external_id, name, given_name, family_name, "
                           "sex, phone, national_id, disability, created_at, updated_at, search_name) "
                           "VALUES (?4, 'individual', ?1, ?2 || ' Diallo', ?2, 'Diallo', "
                           "'female', ?3, '', 0, 0, 0, 'old')",
                           -1, &st, nullptr),
        SQLITE_OK)
        << sqlite3_errmsg(db);
    const Uuid uuid = *Uuid::parse(id);
    sqlite3_bind_text(st, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 4, uuid.bytes().data(), 16, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, given.data(), static_cast<int>(given.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, phone.data(), static_cast<int>(phone.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

class TextProblemsApiTest : public ServerFixture {
protected:
    void SetUp() override {
        // PostgreSQL refuses such text at the door (it stores only valid UTF-8), and its schema
        // begins after SQLite's 15: there is no old file to find problems in.
        if (database_.postgres()) GTEST_SKIP() << "old SQLite files only";
        {
            auto v15 = store::open_sqlite_store(store::StoreOptions{dir_.file("spmis.db"), nullptr, 15});
            ASSERT_TRUE(v15.ok()) << v15.status().to_string();
        }
        insert_old_registrant(dir_.file("spmis.db"), kBadId, "Bad\xFF\xFEName",
                              std::string("07\0"
                                          "1",
                                          4));
        insert_old_registrant(dir_.file("spmis.db"), kDecomposedId, "Jose\xCC\x81", "071");
        ASSERT_EQ(add_user("officer", "enrollment_officer", kPassword), 0);  // migrates the file
        ASSERT_EQ(add_user("viewer", "program_viewer", kPassword), 0);
        start();
        client_->set_bearer(login("officer", kPassword));
    }

    // Every listed problem as "row_id column: problem", following next_cursor with pages of `limit`.
    std::string listed(int limit = 100) {
        std::string out;
        std::string cursor;
        for (int page = 0; page < 20; ++page) {
            HttpResult r = client_->get("/api/v1/registry/text-problems?limit=" + std::to_string(limit) +
                                        (cursor.empty() ? "" : "&cursor=" + cursor));
            EXPECT_EQ(r.status, 200) << r.body;
            const json body = r.json();
            for (const json& p : body["problems"])
                out += p["table"].get<std::string>() + " " + p["row_id"].get<std::string>() + " " +
                       p["column"].get<std::string>() + ": " + p["problem"].get<std::string>() + "\n";
            if (body["next_cursor"].is_null()) return out;
            EXPECT_EQ(body["problems"].size(), static_cast<std::size_t>(limit));
            cursor = body["next_cursor"].get<std::string>();
        }
        ADD_FAILURE() << "more than 20 pages";
        return out;
    }

    HttpResult patch(const std::string& id, const json& body) {
        return client_->request("PATCH", "/api/v1/registrants/" + id, body.dump(), {});
    }
};

const std::string kAllProblems =
    "registrants " + kBadId + " given_name: invalid UTF-8 at byte 3\n" + "registrants " + kBadId +
    " name: invalid UTF-8 at byte 3\n" + "registrants " + kBadId + " phone: NUL character at byte 2\n" +
    "registrants " + kDecomposedId + " given_name: not in normal form C (NFC) at byte 3\n" + "registrants " +
    kDecomposedId + " name: not in normal form C (NFC) at byte 3\n";

TEST_F(TextProblemsApiTest, ListsEveryProblemOfTheMigratedFileInPagesFollowingTheCursor) {
    EXPECT_EQ(listed(), kAllProblems);
    EXPECT_EQ(listed(2), kAllProblems);  // pages of 2, 2 and 1
    EXPECT_EQ(listed(1), kAllProblems);
}

TEST_F(TextProblemsApiTest, CorrectedFieldsAreNoLongerListedByTheRouteNorTheCommand) {
    // An update stores a clean record: correcting one field of several is refused, naming the next.
    HttpResult phone_only = patch(kBadId, {{"phone", "071"}});
    EXPECT_EQ(phone_only.status, 400) << phone_only.body;
    EXPECT_NE(phone_only.body.find("name"), std::string::npos) << phone_only.body;
    EXPECT_EQ(listed(), kAllProblems);
    HttpResult fixed =
        patch(kBadId, {{"given_name", "Bad Name"}, {"name", "Bad Name Diallo"}, {"phone", "071"}});
    ASSERT_EQ(fixed.status, 200) << fixed.body;
    EXPECT_EQ(listed(), "registrants " + kDecomposedId +
                            " given_name: not in normal form C (NFC) at byte 3\n" + "registrants " +
                            kDecomposedId + " name: not in normal form C (NFC) at byte 3\n");
    // Names are stored in NFC: any update of the decomposed registrant composes them.
    HttpResult accent = patch(kDecomposedId, {{"phone", "072"}});
    ASSERT_EQ(accent.status, 200) << accent.body;
    EXPECT_EQ(accent.json()["name"], "Jos\xC3\xA9 Diallo");
    EXPECT_EQ(listed(), "");
    const CliRun cli = run_server_cli("text-problems --data " + dir_.path(), CliOutput::kStdoutOnly);
    EXPECT_EQ(cli.exit_code, 0) << cli.out;
    EXPECT_EQ(cli.out, "0 text problems to correct\n");
}

TEST_F(TextProblemsApiTest, CommandPrintsTheSameListAsTheRoute) {
    const CliRun cli = run_server_cli("text-problems --data " + dir_.path(), CliOutput::kStdoutOnly);
    EXPECT_EQ(cli.exit_code, 0) << cli.out;
    EXPECT_EQ(cli.out, kAllProblems + "5 text problems to correct\n");
}

TEST_F(TextProblemsApiTest, NeedsRegistryWriteAndRefusesACursorItDidNotGive) {
    EXPECT_EQ(client_->get("/api/v1/registry/text-problems?cursor=nonsense").status, 400);
    EXPECT_EQ(client_->get("/api/v1/registry/text-problems?cursor=a:b:c").status, 400);
    EXPECT_EQ(client_->get("/api/v1/registry/text-problems?limit=0").status, 400);
    const json doc = client_->get("/api/v1/openapi.json").json();
    EXPECT_EQ(doc["paths"]["/api/v1/registry/text-problems"]["get"]["x-spmis-permission"], "registry_write");
    client_->set_bearer(login("viewer", kPassword));
    EXPECT_EQ(client_->get("/api/v1/registry/text-problems").status, 403);
    client_->set_bearer("");
    EXPECT_EQ(client_->get("/api/v1/registry/text-problems").status, 401);
}

}  // namespace
}  // namespace spmis::test
