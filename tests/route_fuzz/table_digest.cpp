#include "table_digest.hpp"

#include <utility>
#include <vector>

namespace spmis::test {
namespace {

void mix(std::uint64_t& h, const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;  // FNV-1a
}

std::uint64_t mix_text(std::uint64_t h, const std::string& text) {
    mix(h, text.data(), text.size());
    return h;
}

}  // namespace

TableDigester::TableDigester(const std::string& path, std::set<std::string> skipped)
    : skipped_(std::move(skipped)) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_busy_timeout(db_, 5000);
}

TableDigester::~TableDigester() { sqlite3_close(db_); }

TableDigests TableDigester::digest() {
    std::vector<std::string> tables;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_,
                       "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", -1,
                       &st, nullptr);
    while (st != nullptr && sqlite3_step(st) == SQLITE_ROW)
        tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);  // one snapshot for every table
    TableDigests out;
    for (const std::string& table : tables)
        if (skipped_.count(table) == 0) out[table] = digest_table(table);
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    return out;
}

std::uint64_t TableDigester::digest_table(const std::string& table) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, ("SELECT * FROM \"" + table + "\"").c_str(), -1, &st, nullptr) != SQLITE_OK)
        return mix_text(h, sqlite3_errmsg(db_));
    std::string order;  // every column, so the order is total whatever the table's key
    for (int c = 1; c <= sqlite3_column_count(st); ++c) order += (c > 1 ? ", " : "") + std::to_string(c);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db_, ("SELECT * FROM \"" + table + "\" ORDER BY " + order).c_str(), -1, &st, nullptr);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const int type = sqlite3_column_type(st, c);
            mix(h, &type, sizeof type);
            const void* p = sqlite3_column_blob(st, c);
            mix(h, p, static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
        }
    }
    if (rc != SQLITE_DONE) h = mix_text(h, sqlite3_errmsg(db_));
    sqlite3_finalize(st);
    return h;
}

std::string changed_tables(const TableDigests& before, const TableDigests& after) {
    std::string out;
    auto note = [&out](const std::string& t) { out += (out.empty() ? "" : ", ") + t; };
    for (const auto& [table, h] : before) {
        const auto it = after.find(table);
        if (it == after.end() || it->second != h) note(table);
    }
    for (const auto& [table, h] : after)
        if (before.count(table) == 0) note(table);
    return out;
}

}  // namespace spmis::test
