#pragma once
// RFC 4180 CSV reading for the files staff exchange with spreadsheets: quoted fields with ""
// escapes, embedded commas and newlines, LF or CRLF line ends, an optional UTF-8 byte order mark.

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"

namespace spmis::csv {

// Streams records from an input stream it does not own. Not thread-safe.
class CsvReader {
public:
    explicit CsvReader(std::istream& in) : in_(*in.rdbuf()) {}

    // Reads the next record into `fields` (cleared first): true when a record was read, false at
    // the end of input. kInvalidArgument naming the line (and column) on an unterminated quote, text
    // after a closing quote, a quote inside an unquoted field, invalid UTF-8, NUL or a control
    // character (line breaks and tabs are allowed inside quoted fields only). Blank lines are skipped.
    Result<bool> next(std::vector<std::string>& fields);
    // The 1-based physical line on which the last record started.
    std::size_t line() const { return record_line_; }

private:
    int get();
    int peek() { return in_.sgetc(); }
    Status read_quoted(std::string& field);

    std::streambuf& in_;
    std::size_t line_ = 1;
    std::size_t record_line_ = 0;
    bool started_ = false;
};

// Writes one record with quoting where needed (comma, quote, CR or LF in a field), ending in "\n".
std::string format_record(const std::vector<std::string>& fields);

}  // namespace spmis::csv
