// SQLite-specific: schema versions on disk. Data is written at schema 1 with raw SQL (as an old
// build would have) and must be readable through the repositories after migrating to the latest.

#include <sqlite3.h>

#include <algorithm>
#include <tuple>

#include "sample_records.hpp"
#include "spmis/base/hex.hpp"
#include "spmis/store/audit_repository.hpp"
#include "spmis/store/delivery_repository.hpp"
#include "spmis/store/service_point_repository.hpp"
#include "store_fixture.hpp"

namespace spmis::store::testing {
namespace {

void exec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err != nullptr ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

// A registrant row as builds before schema 18 wrote it (no name keys), through its own connection:
// today's write path also writes keys, which an older schema has no table for.
void insert_registrant_row(const std::string& path, const model::Registrant& r) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(
                  db,
                  "INSERT INTO registrants (id, kind, external_id, name, given_name, family_name, "
                  "birthdate, sex, area_id, phone, national_id, disability, created_at, updated_at, "
                  "search_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0, lower(?4))",
                  -1, &st, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    auto text = [st](int i, const std::string& v) {
        sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    };
    sqlite3_bind_blob(st, 1, r.id.bytes().data(), 16, SQLITE_TRANSIENT);
    text(2, std::string(model::to_string(r.kind)));
    text(3, r.external_id);
    text(4, r.name);
    text(5, r.given_name);
    text(6, r.family_name);
    if (r.birthdate) text(7, format_date(*r.birthdate));
    text(8, std::string(model::to_string(r.sex)));
    if (r.area_id) sqlite3_bind_blob(st, 9, r.area_id->bytes().data(), 16, SQLITE_TRANSIENT);
    text(10, r.phone);
    text(11, r.national_id);
    sqlite3_bind_int(st, 12, r.disability ? 1 : 0);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

TEST(SqliteMigrationTest, MigratesSchemaOneWithDataToLatest) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    {
        auto v1 = open_sqlite_store(StoreOptions{path, nullptr, 1});
        ASSERT_TRUE(v1.ok()) << v1.status().to_string();
        EXPECT_EQ((*v1)->schema_version(), 1);
    }
    exec(path,
         "INSERT INTO registrants (id, kind, external_id, name, given_name, family_name, birthdate, sex, "
         "area_id, "
         "phone, national_id, disability, income_minor, income_currency, pmt_score, vulnerability_score, "
         "created_at, updated_at) VALUES (x'0190000000007000800000000000000a', 'individual', 'OLD-1', "
         "'Fatou NDIAYE', 'Fatou', 'Ndiaye', '1950-03-04', 'female', NULL, '', '', 0, NULL, NULL, NULL, "
         "NULL, 1, 1)");

    auto latest = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_TRUE(latest.ok()) << latest.status().to_string();
    EXPECT_EQ((*latest)->schema_version(), latest_schema_version());
    EXPECT_GE(latest_schema_version(), 2);
    auto old = (*latest)->registry().find_by_external_id("OLD-1");
    ASSERT_TRUE(old.ok() && old->has_value());
    EXPECT_EQ((*old)->birthdate, *parse_date("1950-03-04"));
    // The search name added by migration 2 was back-filled for the existing row.
    auto found = (*latest)->registry().find_by_name_prefix("fatou nd", 5);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ((*found)[0].external_id, "OLD-1");
}

TEST(SqliteMigrationTest, OperationLogAndAttendanceSurviveMigrationTwelve) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    StoredOperation op;
    op.device_id = new_uuid_v7();
    op.device_seq = 7;
    op.hash_hex = std::string(64, 'a');
    op.op_type = "redemption.record";
    op.record_id = new_uuid_v7();
    op.op_json = "{\"wire\":\"form\"}";
    op.server_seq = 42;
    op.received_at = *parse_time("2026-11-21T10:00:00Z");
    op.disposition = "accepted_flagged";
    op.reason = "clock";
    op.case_ids = {new_uuid_v7()};
    op.flags = "clock_skew";
    {
        auto v10 = open_sqlite_store(StoreOptions{path, nullptr, 10});
        ASSERT_TRUE(v10.ok()) << v10.status().to_string();
        ASSERT_TRUE((*v10)->operation_log().insert_operation(op).ok());
    }
    auto latest = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_TRUE(latest.ok()) << latest.status().to_string();
    auto back = (*latest)->operation_log().get_operation(op.device_id, 7);
    ASSERT_TRUE(back.ok() && back->has_value()) << back.status().to_string();
    EXPECT_EQ(**back, op);
    // Still one row per (device, seq).
    EXPECT_FALSE((*latest)->operation_log().insert_operation(op).ok());
    EXPECT_EQ(*(*latest)->operation_log().count_operations(), 1);
}

TEST(SqliteMigrationTest, RedemptionsKeepTheirSumsAndStampsAfterMigrationThirteen) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    auto area = sample_area("SN", std::nullopt, 0);
    auto program = sample_program("FOOD");
    auto cycle = sample_cycle(program.id, 1);
    auto person = sample_individual("X", std::nullopt);
    model::ServicePoint sp{id(), "SP-01", "Market square", area.id, 400, {program.id}};
    auto e = sample_entitlement(cycle, person.id, model::EntitlementKind::kInKind);
    e.quantity = 10;
    model::Redemption r{id(),         e.id, sp.id,           std::nullopt,
                        std::nullopt, 2.5,  Money{0, "USD"}, model::Recipient::kBeneficiary,
                        "",           "",   "officer",       at("2026-11-05T09:31:00Z")};
    {
        auto v12 = open_sqlite_store(StoreOptions{path, nullptr, 12});
        ASSERT_TRUE(v12.ok()) << v12.status().to_string();
        Store& s = **v12;
        ASSERT_TRUE(s.registry().insert_area(area).ok());
        ASSERT_TRUE(s.programs().insert_program(program).ok());
        ASSERT_TRUE(s.programs().insert_cycle(cycle).ok());
        insert_registrant_row(path, person);
        ASSERT_TRUE(s.service_points().insert_service_point(sp).ok());
        ASSERT_TRUE(s.delivery().insert_entitlement(e).ok());
        ASSERT_TRUE(s.service_points().insert_redemption(r).ok());
        model::Redemption voided = r;
        voided.id = id();
        ASSERT_TRUE(s.service_points().insert_redemption(voided).ok());
        ASSERT_TRUE(s.service_points().void_redemption(voided.id, "staff").ok());
    }
    auto latest = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_TRUE(latest.ok()) << latest.status().to_string();
    auto target = (*latest)->service_points().redemption_target(e.id);
    ASSERT_TRUE(target.ok() && target->has_value()) << target.status().to_string();
    EXPECT_EQ((*target)->redeemed_milli, 2'500);
    EXPECT_EQ((*latest)->service_points().list_redemptions(e.id)->size(), 2u);
    // Without the trigger, a new redemption still stamps its entitlement past every earlier stamp.
    auto before = (*latest)->operation_log().reserve_server_seqs(1);
    ASSERT_TRUE(before.ok());
    model::Redemption after = r;
    after.id = id();
    ASSERT_TRUE((*latest)->service_points().insert_redemption(after).ok());
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT server_seq FROM entitlements", -1, &stmt, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_GT(sqlite3_column_int64(stmt, 0), *before);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

TEST(SqliteMigrationTest, EntitlementTrailsKeepTheirEventsAcrossMigrationFourteen) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    auto program = sample_program("CASH");
    auto cycle = sample_cycle(program.id, 1);
    auto person = sample_individual("X", std::nullopt);
    auto e = sample_entitlement(cycle, person.id, model::EntitlementKind::kCash);
    e.amount = Money{5'000, "USD"};
    const std::vector<EntitlementStep> approve{{model::EntitlementState::kApproved, "approved"}};
    {
        auto v13 = open_sqlite_store(StoreOptions{path, nullptr, 13});
        ASSERT_TRUE(v13.ok()) << v13.status().to_string();
        Store& s = **v13;
        ASSERT_TRUE(s.programs().insert_program(program).ok());
        ASSERT_TRUE(s.programs().insert_cycle(cycle).ok());
        insert_registrant_row(path, person);
        e.state = model::EntitlementState::kPendingApproval;
        ASSERT_TRUE(s.delivery().insert_entitlement(e).ok());
        // Schema 13 audited a bulk step with a row per entitlement.
        ASSERT_TRUE(s.audit()
                        .append({id(), "fin", "entitlement", e.id, "transition", R"({"state":"draft"})",
                                 R"({"state":"pending_approval"})", "submitted", at("2026-11-02T08:00:00Z")})
                        .ok());
    }
    auto latest = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_TRUE(latest.ok()) << latest.status().to_string();
    auto moved = (*latest)->delivery().transition_cycle_entitlements(
        cycle.id, model::EntitlementState::kPendingApproval, approve, "boss");
    ASSERT_TRUE(moved.ok()) << moved.status().to_string();
    // The event written per record before the upgrade, then the set's event linked to it.
    auto trail = (*latest)->audit().list_for_record(e.id);
    ASSERT_TRUE(trail.ok()) << trail.status().to_string();
    ASSERT_EQ(trail->size(), 2u);
    EXPECT_EQ((*trail)[0].reason, "submitted");
    EXPECT_EQ((*trail)[0].actor, "fin");
    EXPECT_EQ((*trail)[1].reason, "approved");
    EXPECT_EQ((*trail)[1].actor, "boss");
    EXPECT_EQ((*trail)[1].record_kind, "entitlement");
    EXPECT_EQ((*trail)[1].record_id, e.id);
}

// The plan SQLite picks for `sql`, one line per step.
std::string query_plan(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    std::string plan;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "cannot open";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
            plan += "\n";
        }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return plan;
}

// Every row of a one-column query, one per line.
std::string query_rows(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "cannot open";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            out += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
            out += "\n";
        }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

TEST(SqliteMigrationTest, CycleAndBatchReadsComeInIndexOrderAfterMigrationFifteen) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    ASSERT_TRUE(open_sqlite_store(StoreOptions{path, nullptr, 0}).ok());
    // A large cycle's batch and export used to sort every row in a temporary b-tree.
    for (const std::string sql :
         {"SELECT id, amount_minor FROM entitlements WHERE cycle_id = ?1 AND state = 'approved' ORDER BY id",
          "SELECT id, entitlement_id, amount_minor FROM payments WHERE batch_id = ?1 ORDER BY "
          "entitlement_id"}) {
        const std::string plan = query_plan(path, sql);
        EXPECT_NE(plan.find("USING INDEX"), std::string::npos) << sql << "\n" << plan;
        EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << plan;
    }
}

// Rows stored before every door checked text are reported by migration 16, never altered.
TEST(SqliteMigrationTest, MigrationSixteenReportsTextThatIsNotCleanAndAltersNothing) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    auto bad = sample_individual("BAD", std::nullopt);
    bad.given_name = "Bad\xFF\xFEName";
    bad.name = bad.given_name + " Diallo";
    bad.phone = std::string(
        "07\0"
        "1",
        4);
    auto good = sample_individual("GOOD", std::nullopt);
    {
        auto v15 = open_sqlite_store(StoreOptions{path, nullptr, 15});
        ASSERT_TRUE(v15.ok()) << v15.status().to_string();
        insert_registrant_row(path, bad);
        insert_registrant_row(path, good);
    }
    auto latest = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_TRUE(latest.ok()) << latest.status().to_string();
    const std::string listed = query_rows(path,
                                          "SELECT column_name || ': ' || problem FROM text_problems "
                                          "ORDER BY column_name");
    EXPECT_EQ(listed,
              "given_name: invalid UTF-8 at byte 3\nname: invalid UTF-8 at byte 3\nphone: NUL character at "
              "byte 2\n");
    EXPECT_EQ((*latest)->registry().get_registrant(bad.id)->given_name, bad.given_name);  // kept as it was
}

// Names stored before input normalised them (decomposed: "Jose" + a combining acute accent) are
// reported by migration 21 with their table, row and column, and kept as they are; so are user
// names, which migration 16 did not check. A composed name is not reported.
TEST(SqliteMigrationTest, MigrationTwentyOneReportsNamesNotInNormalFormCAndAltersNothing) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    auto decomposed = sample_individual("NFD", std::nullopt);
    decomposed.given_name = "Jose\xCC\x81";
    decomposed.name = decomposed.given_name + " Diallo";
    auto composed = sample_individual("NFC", std::nullopt);
    composed.given_name = "Jos\xC3\xA9";
    composed.name = composed.given_name + " Diallo";
    {
        auto v20 = open_sqlite_store(StoreOptions{path, nullptr, 20});
        ASSERT_TRUE(v20.ok()) << v20.status().to_string();
        insert_registrant_row(path, decomposed);
        insert_registrant_row(path, composed);
    }
    exec(path,
         "INSERT INTO users (id, username, display_name, password_hash, active, created_at) VALUES "
         "(x'0190000000007000800000000000000b', 'jose\xCC\x81', 'Jose\xCC\x81 Admin', 'x', 1, 0), "
         "(x'0190000000007000800000000000000c', 'bad\x1b[2J', 'Bad', 'x', 1, 0), "
         "(x'0190000000007000800000000000000d', 'jos\xC3\xA9', 'Jos\xC3\xA9', 'x', 1, 0)");
    auto latest = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_TRUE(latest.ok()) << latest.status().to_string();
    const std::string id = to_hex(decomposed.id.bytes());
    EXPECT_EQ(
        query_rows(path,
                   "SELECT table_name || ' ' || lower(hex(row_id)) || ' ' || column_name || ': ' || "
                   "problem FROM text_problems ORDER BY table_name, row_id, column_name"),
        "registrants " + id + " given_name: not in normal form C (NFC) at byte 3\n" + "registrants " + id +
            " name: not in normal form C (NFC) at byte 3\n" +
            "users 0190000000007000800000000000000b display_name: not in normal form C (NFC) at byte 3\n"
            "users 0190000000007000800000000000000b username: not in normal form C (NFC) at byte 3\n"
            "users 0190000000007000800000000000000c username: control character U+001B at byte 3\n");
    EXPECT_EQ((*latest)->registry().get_registrant(decomposed.id)->given_name, decomposed.given_name);
    EXPECT_EQ(query_rows(path, "SELECT username FROM users ORDER BY id"),
              "jose\xCC\x81\nbad\x1b[2J\njos\xC3\xA9\n");  // kept as they were
}

// A schema-17 registry (ASCII-lowered search names, no word keys) is searchable by any word, accents
// ignored, after migration 18, exactly as rows written afterwards are.
TEST(SqliteMigrationTest, MigrationEighteenIndexesEveryWordOfOldNamesFolded) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    auto old = sample_individual("OLD", std::nullopt);
    old.name = "  Zoé  Ndiaye-Sow ";
    {
        auto latest = open_sqlite_store(StoreOptions{path, nullptr, 0});
        ASSERT_TRUE(latest.ok()) << latest.status().to_string();
        ASSERT_TRUE((*latest)->registry().insert_registrant(old).ok());
    }
    // Back to what schema 17 held: search_name = lower(name), no keys table.
    exec(path,
         "DROP TABLE registrant_name_keys; UPDATE registrants SET search_name = lower(name); "
         "PRAGMA user_version = 17");
    auto migrated = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_TRUE(migrated.ok()) << migrated.status().to_string();
    EXPECT_EQ(query_rows(path, "SELECT word_key FROM registrant_name_keys ORDER BY word_key"),
              "ndiaye-sow \nzoe  ndiaye-sow \n");
    for (const char* prefix : {"zoe", "ZO", "ndiaye-s"}) {
        store::RegistrantQuery q;
        q.name_prefix = prefix;
        q.limit = 10;
        auto found = (*migrated)->registry().search_registrants(q);
        ASSERT_TRUE(found.ok());
        ASSERT_EQ(found->size(), 1u) << prefix;
        EXPECT_EQ((*found)[0].id, old.id);
    }
}

// Schema 18 kept one link per (case, record): a device's void of a redemption the case lists was
// dropped. After migration 19 the old links remain, a second operation on the record is linked
// beside the first, and a link (with or without an operation) is still kept once.
TEST(SqliteMigrationTest, MigrationNineteenLinksEveryOperationOnARecordOnce) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    const Uuid device = new_uuid_v7();
    const Uuid redemption = new_uuid_v7();
    const CaseLink recorded{redemption, device, 1};
    const CaseSubject subject{"over_redemption", "over_redemption:x", "test",
                              std::nullopt,      std::nullopt,        std::nullopt};
    Uuid case_id;
    {
        auto latest = open_sqlite_store(StoreOptions{path, nullptr, 0});
        ASSERT_TRUE(latest.ok()) << latest.status().to_string();
        case_id = *(*latest)->cases().raise_case(subject, recorded);
    }
    exec(path,
         "CREATE TABLE old_links AS SELECT * FROM case_links; DROP TABLE case_links; "
         "CREATE TABLE case_links (case_id BLOB NOT NULL REFERENCES reconciliation_cases(id), "
         "record_id BLOB NOT NULL, device_id BLOB, device_seq INTEGER, PRIMARY KEY (case_id, record_id)) "
         "WITHOUT ROWID; INSERT INTO case_links SELECT * FROM old_links; DROP TABLE old_links; "
         "PRAGMA user_version = 18");
    auto migrated = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_TRUE(migrated.ok()) << migrated.status().to_string();
    CaseRepository& sync = (*migrated)->cases();
    const CaseLink voided{redemption, device, 2};
    const CaseLink central{new_uuid_v7(), std::nullopt, std::nullopt};
    for (int k = 0; k < 2; ++k) {
        ASSERT_TRUE(sync.raise_case(subject, recorded).ok());
        ASSERT_TRUE(sync.link_beside_record(voided).ok());
        ASSERT_TRUE(sync.raise_case(subject, central).ok());
    }
    std::vector<CaseLink> expected{recorded, voided, central};
    std::sort(expected.begin(), expected.end(), [](const CaseLink& a, const CaseLink& b) {
        return std::tie(a.record_id, a.device_seq) < std::tie(b.record_id, b.device_seq);
    });
    EXPECT_EQ(sync.get_case(case_id)->links, expected);
}

TEST(SqliteMigrationTest, RefusesADatabaseFromANewerVersion) {
    TempDir dir;
    const std::string path = dir.file("spmis.db");
    { ASSERT_TRUE(open_sqlite_store(StoreOptions{path, nullptr, 0}).ok()); }
    exec(path, "PRAGMA user_version = 99");
    auto s = open_sqlite_store(StoreOptions{path, nullptr, 0});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), ErrorCode::kSchemaTooNew);
    EXPECT_NE(s.status().message().find("99"), std::string::npos) << s.status().message();
    EXPECT_NE(s.status().message().find("latest " + std::to_string(latest_schema_version())),
              std::string::npos);
}

TEST(SqliteMigrationTest, ReopeningAtLatestChangesNothing) {
    TempDir dir;
    auto a = open_store_in_directory(dir.path() + "/data");
    ASSERT_TRUE(a.ok());
    auto digest = *(*a)->content_digest();
    a->reset();
    auto b = open_store_in_directory(dir.path() + "/data");
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(*(*b)->content_digest(), digest);
    EXPECT_EQ((*b)->schema_version(), latest_schema_version());
}

TEST(SqliteMigrationTest, ReportsAnUnopenableFile) {
    auto s = open_sqlite_store(StoreOptions{"/nonexistent-dir/x/spmis.db", nullptr, 0});
    EXPECT_EQ(s.status().code(), ErrorCode::kStorage);
}

}  // namespace
}  // namespace spmis::store::testing
