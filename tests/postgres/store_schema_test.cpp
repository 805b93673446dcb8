// The PostgreSQL store's schema against the SQLite store's: the same tables, columns and indexes
// (so the repositories' SQL finds what it names on both), and the change clock's triggers stamp
// what SQLite's stamp, at commit.
#include <gtest/gtest.h>

#include <set>

#include "postgres/schema.hpp"
#include "scratch_database.hpp"
#include "spmis/sqlite/connection.hpp"
#include "spmis/store/store.hpp"
#include "support/temp_dir.hpp"

namespace spmis::store::pg {
namespace {

using spmis::testing::ScratchDatabase;

using Names = std::set<std::string>;

class StoreSchemaTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(open_store_in_directory(dir_.path()).ok());
        auto lite = sqlite::Connection::open(dir_.file("spmis.db"), {});
        ASSERT_TRUE(lite.ok());
        lite_ = std::move(*lite);
        pg_ = scratch_.connect();
        ASSERT_NE(pg_, nullptr);
        const Status migrated = postgres::migrate(*pg_, migrations(), 0, "database");
        ASSERT_TRUE(migrated.ok()) << migrated.message();
    }

    Names lite_names(const std::string& sql) {
        auto rows = sqlite::query<std::string>(*lite_, sql, [](sqlite::Row& r) { return r.text(); });
        EXPECT_TRUE(rows.ok());
        return Names(rows->begin(), rows->end());
    }
    template <typename... A>
    Names pg_names(const std::string& sql, const A&... args) {
        auto rows = postgres::query<std::string>(
            *pg_, sql, [](postgres::Row& r) { return r.text(); }, args...);
        EXPECT_TRUE(rows.ok()) << rows.status().message();
        return Names(rows->begin(), rows->end());
    }

    spmis::test::TempDir dir_;
    std::unique_ptr<sqlite::Connection> lite_;
    ScratchDatabase scratch_;
    std::unique_ptr<postgres::Connection> pg_;
};

TEST_F(StoreSchemaTest, TheSameTablesWithTheSameColumns) {
    const Names lite_tables =
        lite_names("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    Names pg_tables = pg_names("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
    pg_tables.erase("schema_migrations");
    pg_tables.erase("operation_clock");  // the operation log's counter; SQLite uses its change clock
    ASSERT_GT(lite_tables.size(), 40u);
    EXPECT_EQ(pg_tables, lite_tables);
    for (const std::string& table : lite_tables) {
        EXPECT_EQ(
            pg_names(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = ?",
                table),
            lite_names("SELECT name FROM pragma_table_info('" + table + "')"))
            << "columns of " << table;
    }
}

TEST_F(StoreSchemaTest, TheSameIndexes) {
    const Names lite_indexes =
        lite_names("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
    // PostgreSQL names the indexes behind PRIMARY KEY and UNIQUE itself (t_pkey, t_col_key).
    const Names pg_indexes = pg_names(
        "SELECT i.indexname FROM pg_indexes i WHERE i.schemaname = current_schema() AND NOT EXISTS ("
        "SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)");
    ASSERT_GT(lite_indexes.size(), 30u);
    EXPECT_EQ(pg_indexes, lite_indexes);
}

TEST_F(StoreSchemaTest, ANewerDatabaseIsRefused) {
    ASSERT_TRUE(pg_->exec("INSERT INTO schema_migrations VALUES (99, 'from a newer build')").ok());
    const Status s = postgres::migrate(*pg_, migrations(), 0, "database");
    EXPECT_EQ(s.code(), ErrorCode::kSchemaTooNew);
    EXPECT_NE(s.message().find("schema version 99"), std::string::npos) << s.message();
}

// Records are stamped as their transaction commits, each change after every earlier commit.
TEST_F(StoreSchemaTest, TheStampTriggersStampAtCommitWhatSqlitesStamp) {
    const std::string ids = R"sql(
INSERT INTO registrants (id, kind, external_id, name, given_name, family_name, sex, phone, national_id,
    disability, created_at, updated_at)
VALUES ('00000000-0000-7000-8000-000000000001', 'group', '', 'Household', '', '', '', '', '', 0, 0, 0),
       ('00000000-0000-7000-8000-000000000002', 'individual', '', 'Ana', 'Ana', '', 'f', '', '', 0, 0, 0);
INSERT INTO group_memberships VALUES
    ('00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002', 'head');
INSERT INTO programs VALUES ('00000000-0000-7000-8000-000000000010', 'P', 'P', 'group', 'active', 'true', '',
    'in_kind', 'fixed', 0, '', 'XOF', 'rice', 10, 'kg', 0);
INSERT INTO program_memberships (id, program_id, registrant_id, state, created_at, updated_at) VALUES
    ('00000000-0000-7000-8000-000000000011', '00000000-0000-7000-8000-000000000010',
     '00000000-0000-7000-8000-000000000001', 'enrolled', 0, 0);
INSERT INTO cycles VALUES ('00000000-0000-7000-8000-000000000020', '00000000-0000-7000-8000-000000000010', 1,
    'C1', '2027-01-01', '2027-01-31', 0, 'XOF', 'approved', 0, 0);
INSERT INTO service_points VALUES ('00000000-0000-7000-8000-000000000030', 'SP', 'SP', NULL, 100);
)sql";
    ASSERT_TRUE(pg_->exec(ids).ok());
    const std::string entitlement = "00000000-0000-7000-8000-000000000040";
    const Uuid entitlement_id = *Uuid::parse(entitlement);
    auto seq = [&] {
        return *postgres::query_int(*pg_, "SELECT server_seq FROM entitlements WHERE id = ?", -1,
                                    entitlement_id);
    };
    const Status inserted = pg_->transaction([&] {
        return postgres::run(
            *pg_,
            "INSERT INTO entitlements (id, cycle_id, program_id, registrant_id, kind, state, "
            "amount_minor, currency, item, quantity, unit, service_point_id, voucher_code, "
            "valid_from, valid_until, created_at, updated_at) VALUES (?, "
            "'00000000-0000-7000-8000-000000000020', '00000000-0000-7000-8000-000000000010', "
            "'00000000-0000-7000-8000-000000000001', 'in_kind', 'approved', 0, 'XOF', 'rice', 10, "
            "'kg', '00000000-0000-7000-8000-000000000030', 'V1', '2027-01-01', '2027-01-31', 0, 0)",
            entitlement_id);
    });
    ASSERT_TRUE(inserted.ok()) << inserted.message();
    const std::int64_t first = seq();
    EXPECT_GT(first, 0);

    // Each change that a device must pull moves the entitlement past every earlier stamp.
    const char* changes[] = {
        "UPDATE entitlements SET state = 'paused' WHERE id = '00000000-0000-7000-8000-000000000040'",
        "INSERT INTO redemptions VALUES ('00000000-0000-7000-8000-000000000050', "
        "'00000000-0000-7000-8000-000000000040', '00000000-0000-7000-8000-000000000030', NULL, NULL, 2, 0, "
        "'XOF', "
        "'beneficiary', '', '', 'officer', 0, NULL)",
        "UPDATE redemptions SET voided_by = 'manager' WHERE id = '00000000-0000-7000-8000-000000000050'",
        "UPDATE program_memberships SET state = 'paused' WHERE id = '00000000-0000-7000-8000-000000000011'",
        "UPDATE registrants SET name = 'Ana B.' WHERE id = '00000000-0000-7000-8000-000000000002'",
    };
    std::int64_t last = first;
    for (const char* change : changes) {
        ASSERT_TRUE(pg_->exec(change).ok()) << change;
        EXPECT_GT(seq(), last) << change;
        last = seq();
    }
    // A change a device does not see (the update time alone) stamps nothing.
    ASSERT_TRUE(pg_->exec("UPDATE entitlements SET updated_at = 5 WHERE id = '" + entitlement + "'").ok());
    EXPECT_EQ(seq(), last);
    // A paid payment stays paid.
    ASSERT_TRUE(
        pg_->exec("INSERT INTO payment_batches (id, cycle_id, provider, state, created_at) VALUES "
                  "('00000000-0000-7000-8000-000000000060', '00000000-0000-7000-8000-000000000020', 'bank', "
                  "'open', 0);"
                  "INSERT INTO payments VALUES ('00000000-0000-7000-8000-000000000061', "
                  "'00000000-0000-7000-8000-000000000060', '" +
                  entitlement + "', 100, 'XOF', 'paid', 'ref', '', 0)")
            .ok());
    const Status unpaid =
        pg_->exec("UPDATE payments SET status = 'failed' WHERE id = '00000000-0000-7000-8000-000000000061'");
    EXPECT_EQ(unpaid.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(unpaid.message().find("a paid payment is final"), std::string::npos) << unpaid.message();
}

}  // namespace
}  // namespace spmis::store::pg
