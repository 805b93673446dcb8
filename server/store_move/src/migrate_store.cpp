// migrate-store: one transaction on PostgreSQL copies every table in reference order with COPY (user
// triggers off, so the deferred stamp triggers keep each record's server_seq as SQLite stamped it),
// carries the change clock over, then reads every table back and compares counts and checksums
// before it commits. The SQLite source is held under its write lock from the first read to the mark.

#include "spmis/store_move/migrate_store.hpp"

#include <filesystem>
#include <map>

#include "canonical_row.hpp"
#include "spmis/store/store.hpp"
#include "table_plan.hpp"
#include "table_rows.hpp"

namespace spmis::store_move {
namespace {

// Both sides at their latest schema, as a server of this build would leave them.
Status migrate_schemas(const std::string& db_file, const std::string& url, Clock& clock, MoveReport& report) {
    SPMIS_ASSIGN_OR_RETURN(auto source, store::open_sqlite_store(store::StoreOptions{db_file, &clock, 0}));
    report.sqlite_schema = source->schema_version();
    SPMIS_ASSIGN_OR_RETURN(auto target, store::open_postgres_store(store::PostgresStoreOptions{url, &clock}));
    report.postgres_schema = target->schema_version();
    return {};
}

Status refuse_unless_empty(postgres::Connection& target, const std::vector<TablePlan>& plan) {
    for (const TablePlan& table : plan) {
        SPMIS_ASSIGN_OR_RETURN(
            const std::int64_t any,
            postgres::query_int(
                target, "SELECT count(*) FROM (SELECT 1 FROM " + table.name + " LIMIT 1) AS probe", 0));
        if (any > 0) {
            return make_error(ErrorCode::kFailedPrecondition,
                              "the target database is not empty (" + table.name +
                                  " has rows); migrate-store copies only into an empty database");
        }
    }
    SPMIS_ASSIGN_OR_RETURN(const std::int64_t clocks,
                           postgres::query_int(target,
                                               "SELECT (SELECT seq FROM sync_clock) + "
                                               "(SELECT seq FROM operation_clock)",
                                               0));
    if (clocks != 0) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "the target database's change clock has run; migrate-store copies only into an "
                          "empty database");
    }
    return {};
}

Status set_triggers(postgres::Connection& target, const std::vector<TablePlan>& plan, bool enabled) {
    for (const TablePlan& table : plan) {
        SPMIS_RETURN_IF_ERROR(
            target.exec("ALTER TABLE " + table.name + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER USER"));
    }
    return {};
}

// A self-referencing row points to a row that may come later in the copy: it is copied with NULL
// there, and the reference set afterwards from (id, reference) pairs kept aside.
struct SelfLinks {
    std::size_t column = 0;
    std::vector<std::pair<std::string, std::string>> links;  // id, referenced id
};

Result<std::map<std::string, SelfLinks>> self_link_columns(const TablePlan& table, std::size_t& id_column) {
    std::map<std::string, SelfLinks> out;
    id_column = table.columns.size();
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name == "id") id_column = i;
        for (const std::string& name : table.self_references) {
            if (table.columns[i].name == name) out[name].column = i;
        }
    }
    if (!out.empty() && id_column == table.columns.size()) {
        return make_error(ErrorCode::kFailedPrecondition,
                          "migrate-store: " + table.name + " refers to itself but has no id column");
    }
    return out;
}

Status restore_self_links(postgres::Connection& target, const TablePlan& table,
                          const std::map<std::string, SelfLinks>& columns) {
    for (const auto& [name, self] : columns) {
        if (self.links.empty()) continue;
        SPMIS_RETURN_IF_ERROR(target.exec("CREATE TEMPORARY TABLE migrate_store_links (id uuid, ref uuid)"));
        TablePlan links{"migrate_store_links", {{"id", ColumnType::kUuid}, {"ref", ColumnType::kUuid}}, {}};
        SPMIS_RETURN_IF_ERROR(copy_rows(target, links, [&](const RowVisitor& sink) -> Status {
            for (const auto& [id, ref] : self.links) SPMIS_RETURN_IF_ERROR(sink(CanonicalRow{id, ref}));
            return {};
        }));
        SPMIS_RETURN_IF_ERROR(target.exec("UPDATE " + table.name + " AS t SET " + name +
                                          " = l.ref FROM migrate_store_links AS l WHERE t.id = l.id"));
        SPMIS_RETURN_IF_ERROR(target.exec("DROP TABLE migrate_store_links"));
    }
    return {};
}

// COPYs one table; returns the source's checksum of it.
Result<TableChecksum> copy_table(sqlite::Connection& source, postgres::Connection& target,
                                 const TablePlan& table) {
    std::size_t id_column = 0;
    SPMIS_ASSIGN_OR_RETURN(auto self_links, self_link_columns(table, id_column));
    TableChecksum checksum;
    SPMIS_RETURN_IF_ERROR(copy_rows(target, table, [&](const RowVisitor& sink) {
        return for_each_source_row(source, table, [&](const CanonicalRow& row) -> Status {
            checksum.add(row);
            if (self_links.empty()) return sink(row);
            CanonicalRow copied = row;
            for (auto& [name, self] : self_links) {
                if (!row[self.column]) continue;
                self.links.emplace_back(*row[id_column], *row[self.column]);
                copied[self.column].reset();
            }
            return sink(copied);
        });
    }));
    SPMIS_RETURN_IF_ERROR(restore_self_links(target, table, self_links));
    return checksum;
}

// Identity columns (audit_events.seq) continue after the copied values.
Status advance_identities(postgres::Connection& target, const TablePlan& table) {
    for (const Column& column : table.columns) {
        if (!column.identity) continue;
        SPMIS_RETURN_IF_ERROR(postgres::query_int(target,
                                                  "SELECT setval(pg_get_serial_sequence('" + table.name +
                                                      "', '" + column.name + "'), coalesce((SELECT max(" +
                                                      column.name + ") FROM " + table.name +
                                                      "), 1), (SELECT max(" + column.name + ") FROM " +
                                                      table.name + ") IS NOT NULL)",
                                                  0)
                                  .status());
    }
    return {};
}

Status verify_copy(postgres::Connection& target, const TablePlan& table, const TableChecksum& source) {
    TableChecksum copied;
    SPMIS_RETURN_IF_ERROR(for_each_target_row(target, table, [&](const CanonicalRow& row) {
        copied.add(row);
        return Status{};
    }));
    if (copied == source) return {};
    return make_error(ErrorCode::kCorrupt, "the copy of " + table.name + " differs from its source (" +
                                               std::to_string(source.rows()) + " rows, checksum " +
                                               source.hex() + "; PostgreSQL " +
                                               std::to_string(copied.rows()) + " rows, " + copied.hex() +
                                               "); nothing was committed");
}

Status copy_everything(sqlite::Connection& source, postgres::Connection& target,
                       const std::vector<TablePlan>& plan, MoveReport& report) {
    // Two migrate-stores into one database would both find it empty.
    SPMIS_RETURN_IF_ERROR(postgres::query_int(target,
                                              "SELECT count(*) FROM (SELECT pg_advisory_xact_lock("
                                              "hashtextextended('spmis.migrate-store', 0))) AS locked",
                                              0)
                              .status());
    SPMIS_RETURN_IF_ERROR(refuse_unless_empty(target, plan));
    SPMIS_RETURN_IF_ERROR(set_triggers(target, plan, false));
    std::vector<TableChecksum> checksums;
    for (const TablePlan& table : plan) {
        SPMIS_ASSIGN_OR_RETURN(TableChecksum checksum, copy_table(source, target, table));
        SPMIS_RETURN_IF_ERROR(advance_identities(target, table));
        checksums.push_back(checksum);
    }
    SPMIS_ASSIGN_OR_RETURN(report.change_clock,
                           sqlite::query_int(source, "SELECT seq FROM sync_clock WHERE id = 1", 0));
    // On SQLite the operation log numbers from the change clock too: both continue from it.
    SPMIS_RETURN_IF_ERROR(
        postgres::run(target, "UPDATE sync_clock SET seq = ?1 WHERE id = 1", report.change_clock));
    SPMIS_RETURN_IF_ERROR(
        postgres::run(target, "UPDATE operation_clock SET seq = ?1 WHERE id = 1", report.change_clock));
    SPMIS_RETURN_IF_ERROR(set_triggers(target, plan, true));
    for (std::size_t i = 0; i < plan.size(); ++i) {
        SPMIS_RETURN_IF_ERROR(verify_copy(target, plan[i], checksums[i]));
        report.tables.push_back(TableCopy{plan[i].name, checksums[i].rows(), checksums[i].hex()});
    }
    return {};
}

}  // namespace

Result<MoveReport> migrate_store(const std::string& data_dir, const std::string& url, Clock& clock) {
    const std::string db_file = (std::filesystem::path(data_dir) / "spmis.db").string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(db_file, ec)) {
        return make_error(ErrorCode::kNotFound, "no SQLite store in " + data_dir + " (no spmis.db there)");
    }
    MoveReport report;
    SPMIS_RETURN_IF_ERROR(migrate_schemas(db_file, url, clock, report));
    SPMIS_ASSIGN_OR_RETURN(auto source, sqlite::Connection::open(db_file, sqlite::Options{}));
    SPMIS_ASSIGN_OR_RETURN(auto target, postgres::Connection::open(postgres::Options{url}));
    SPMIS_ASSIGN_OR_RETURN(const auto plan, plan_tables(*target));
    SPMIS_RETURN_IF_ERROR(check_source_matches(*source, plan));
    SPMIS_RETURN_IF_ERROR(source->transaction([&]() -> Status {
        SPMIS_RETURN_IF_ERROR(
            target->transaction([&] { return copy_everything(*source, *target, plan, report); }));
        // Committed on PostgreSQL: from now on the directory must not be served as a store, or its
        // new records would never reach the database that devices sync with.
        return sqlite::run(*source,
                           "INSERT INTO server_meta (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           std::string(kMovedToKey), postgres::redacted(url));
    }));
    return report;
}

}  // namespace spmis::store_move
