#include "result_rows.hpp"

#include <map>
#include <sstream>

#include "spmis/csv/csv_reader.hpp"
#include "spmis/payments/payment_file.hpp"

namespace spmis::payments::detail {
namespace {

// Column positions of the header; -1 when absent.
struct Columns {
    int entitlement = -1, status = -1, reference = -1, reason = -1, amount = -1, currency = -1, batch = -1;
};

Columns read_header(const std::vector<std::string>& header, std::vector<RowProblem>& problems) {
    Columns c;
    const std::map<std::string, int*> known = {{"entitlement", &c.entitlement},
                                               {"status", &c.status},
                                               {"reference", &c.reference},
                                               {"reason", &c.reason},
                                               {"amount", &c.amount},
                                               {"currency", &c.currency},
                                               {"batch", &c.batch}};
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto it = known.find(header[i]);
        if (it == known.end()) continue;  // providers may echo extra columns back
        if (*it->second >= 0) problems.push_back({1, header[i], "column appears twice"});
        *it->second = static_cast<int>(i);
    }
    if (c.entitlement < 0) problems.push_back({1, "entitlement", "the header has no entitlement column"});
    if (c.status < 0) problems.push_back({1, "status", "the header has no status column"});
    return c;
}

std::optional<std::string> field(const std::vector<std::string>& f, int at) {
    if (at < 0) return std::nullopt;
    return f[static_cast<std::size_t>(at)];
}

std::optional<ResultRow> read_row(const Columns& c, const std::vector<std::string>& f, std::size_t line,
                                  std::vector<RowProblem>& problems) {
    ResultRow row;
    row.line = line;
    const std::size_t before = problems.size();
    Result<Uuid> id = Uuid::parse(f[static_cast<std::size_t>(c.entitlement)]);
    if (!id.ok())
        problems.push_back({line, "entitlement", "'" + *field(f, c.entitlement) + "' is not an id"});
    if (id.ok()) row.entitlement = *id;
    const std::string status = *field(f, c.status);
    if (status == "paid")
        row.status = model::PaymentStatus::kPaid;
    else if (status == "failed")
        row.status = model::PaymentStatus::kFailed;
    else
        problems.push_back({line, "status", "'" + status + "' is neither paid nor failed"});
    row.reference = field(f, c.reference).value_or("");
    row.reason = field(f, c.reason).value_or("");
    if (auto amount = field(f, c.amount)) {
        Result<std::int64_t> minor = parse_amount(*amount);
        if (!minor.ok()) problems.push_back({line, "amount", minor.status().message()});
        if (minor.ok()) row.amount_minor = *minor;
    }
    row.currency = field(f, c.currency);
    row.batch = field(f, c.batch);
    if (problems.size() != before) return std::nullopt;
    return row;
}

}  // namespace

std::vector<ResultRow> parse_result_rows(std::string_view csv, std::vector<RowProblem>& problems) {
    std::istringstream in{std::string(csv)};
    csv::CsvReader reader(in);
    std::vector<std::string> fields;
    std::vector<ResultRow> rows;
    Result<bool> got = reader.next(fields);
    if (!got.ok() || !*got) {
        problems.push_back({1, "", got.ok() ? "the file is empty" : got.status().message()});
        return rows;
    }
    const std::size_t width = fields.size();
    const Columns columns = read_header(fields, problems);
    if (!problems.empty()) return rows;
    std::map<std::string, std::size_t> seen;  // entitlement id -> first line
    while (true) {
        got = reader.next(fields);
        if (!got.ok()) {
            problems.push_back({reader.line(), "", got.status().message()});
            return rows;  // the reader cannot resynchronise after broken quoting
        }
        if (!*got) return rows;
        if (fields.size() != width) {
            problems.push_back(
                {reader.line(), "",
                 std::to_string(fields.size()) + " fields where the header has " + std::to_string(width)});
            continue;
        }
        std::optional<ResultRow> row = read_row(columns, fields, reader.line(), problems);
        if (!row) continue;
        auto [it, fresh] = seen.emplace(row->entitlement.to_string(), row->line);
        if (!fresh) {
            problems.push_back({row->line, "entitlement",
                                "entitlement already listed on line " + std::to_string(it->second)});
            continue;
        }
        rows.push_back(std::move(*row));
    }
}

}  // namespace spmis::payments::detail
