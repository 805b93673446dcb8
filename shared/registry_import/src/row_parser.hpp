#pragma once
// Turns CSV rows into registrant records, checking each field on its own. Cross-row checks
// (duplicates, households, areas) happen in the importer.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/model/registrant.hpp"

namespace spmis::registry_import {

// One row's problem, located for the person fixing the spreadsheet.
struct RowError {
    std::size_t line = 0;
    std::string column;
    std::string message;
};

// A validated row: the registrant (without id or times) and how it links to its household.
struct ParsedRow {
    std::size_t line = 0;
    model::Registrant registrant;
    std::string household_external_id;
    std::optional<model::GroupMembershipKind> membership_kind;
    std::string area_code;
};

// Knows where each column is; built from the header row.
class RowParser {
public:
    // Validates the header: every required column present, no unknown or repeated column.
    static Result<RowParser> from_header(const std::vector<std::string>& header);

    // Parses one data row; appends any problems to `errors` and returns nullopt if there were some.
    std::optional<ParsedRow> parse(std::size_t line, const std::vector<std::string>& fields,
                                   std::vector<RowError>& errors) const;

private:
    struct AttributeColumn {
        std::size_t index;
        std::string name;
        model::AttributeType type;
    };

    const std::string& field(const std::vector<std::string>& fields, const std::string& column) const;
    void parse_person(const std::vector<std::string>& f, ParsedRow& row, std::vector<RowError>& errors) const;
    void parse_numbers(const std::vector<std::string>& f, ParsedRow& row,
                       std::vector<RowError>& errors) const;
    void parse_attributes(const std::vector<std::string>& f, ParsedRow& row,
                          std::vector<RowError>& errors) const;

    std::vector<std::string> header_;
    std::map<std::string, std::size_t> index_;
    std::vector<AttributeColumn> attributes_;
};

}  // namespace spmis::registry_import
