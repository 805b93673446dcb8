// Store::content_digest on both backends.

#include <cstdio>

#include "repositories/sql_store.hpp"

namespace spmis::store::SPMIS_STORE_NS {
namespace {

// Tables in digest order; every table's first one or two columns are its key.
constexpr const char* kDigestTables[] = {"areas",
                                         "registrants",
                                         "registrant_attributes",
                                         "group_memberships",
                                         "programs",
                                         "program_variables",
                                         "program_memberships",
                                         "cycles",
                                         "service_points",
                                         "service_point_programs",
                                         "entitlements",
                                         "payment_batches",
                                         "payments",
                                         "payment_imports",
                                         "distribution_events",
                                         "users",
                                         "user_roles",
                                         "devices",
                                         "device_service_points",
                                         "attendance",
                                         "redemptions",
                                         "audit_events",
                                         "audit_event_records",
                                         "approval_chains",
                                         "approval_requests",
                                         "approval_decisions",
                                         "approval_request_memberships",
                                         "delegations",
                                         "grievance_categories",
                                         "grievance_subcategories",
                                         "grievances",
                                         "grievance_events"};

// FNV-1a: a stable, dependency-free content hash (equality checks, not security).
void mix(std::uint64_t& h, std::string_view bytes) {
    for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
}

Status digest_table(Database& db, const std::string& table, std::uint64_t& h) {
    mix(h, table);
    SPMIS_ASSIGN_OR_RETURN(Statement * st, db.prepare("SELECT * FROM " + table + " ORDER BY 1, 2"));
    st->bind();
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(bool has_row, st->step());
        if (!has_row) return {};
        Row row(*st);
        for (int c = 0; c < st->column_count(); ++c) {
            // A NULL and an empty value differ; the length keeps "ab","c" apart from "a","bc".
            const bool null = row.is_null();
            const std::string value = null ? (row.skip(), std::string()) : row.bytes();
            mix(h, null ? "N" : "V" + std::to_string(value.size()) + ":");
            mix(h, value);
        }
    }
}

}  // namespace

Result<std::string> content_digest_of(Database& db) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char* table : kDigestTables) SPMIS_RETURN_IF_ERROR(digest_table(db, table, h));
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf);
}

}  // namespace spmis::store::SPMIS_STORE_NS
