#include "spmis/csv/csv_reader.hpp"

#include "spmis/base/text.hpp"

namespace spmis::csv {
namespace {

constexpr int kEof = std::char_traits<char>::eof();

Status bad(std::size_t line, const std::string& what) {
    return make_error(ErrorCode::kInvalidArgument, "line " + std::to_string(line) + ": " + what);
}

// A finished field: valid UTF-8 without NUL or control characters (line breaks only inside quotes).
Status check_field(const std::string& field, std::size_t line, std::size_t column) {
    const TextProblem p = find_text_problem(field, TextKind::kMultiline);
    if (p.ok()) return {};
    return bad(line,
               "column " + std::to_string(column) + ": " + p.reason + " at byte " + std::to_string(p.offset));
}

}  // namespace

int CsvReader::get() {
    int c = in_.sbumpc();
    if (c == '\n') ++line_;
    return c;
}

Status CsvReader::read_quoted(std::string& field) {
    const std::size_t opened = line_;
    while (true) {
        int c = get();
        if (c == kEof) return bad(opened, "quoted field never closed");
        if (c != '"') {
            field.push_back(static_cast<char>(c));
            continue;
        }
        if (peek() == '"') {
            field.push_back(static_cast<char>(get()));
            continue;
        }
        int after = peek();
        if (after == ',' || after == '\n' || after == '\r' || after == kEof) return {};
        return bad(line_, "unexpected text after a closing quote");
    }
}

Result<bool> CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    if (!started_) {
        started_ = true;
        // Skip a UTF-8 byte order mark, as written by spreadsheet programs.
        if (peek() == 0xEF) {
            std::string bom;
            for (int i = 0; i < 3 && peek() != kEof; ++i) bom.push_back(static_cast<char>(get()));
            if (bom != "\xEF\xBB\xBF") return bad(1, "file starts with a malformed byte order mark");
        }
    }
    while (peek() == '\n' || peek() == '\r') get();  // blank lines
    if (peek() == kEof) return false;
    record_line_ = line_;
    std::string field;
    bool quoted_done = false;
    while (true) {
        int c = get();
        if (c == '"' && field.empty() && !quoted_done) {
            SPMIS_RETURN_IF_ERROR(read_quoted(field));
            quoted_done = true;
        } else if (c == ',' || c == '\n' || c == kEof) {
            SPMIS_RETURN_IF_ERROR(check_field(field, record_line_, fields.size() + 1));
            fields.push_back(std::move(field));
            field.clear();
            quoted_done = false;
            if (c != ',') return true;
        } else if (c == '\r' && (peek() == '\n' || peek() == kEof)) {
            continue;  // CRLF
        } else if (quoted_done) {
            return bad(line_, "unexpected text after a closing quote");
        } else if (c == '"') {
            // RFC 4180: a field with a quote in it is quoted as a whole, the quote doubled.
            return bad(line_,
                       "column " + std::to_string(fields.size() + 1) + ": quote inside an unquoted field");
        } else {
            field.push_back(static_cast<char>(c));
        }
    }
}

std::string format_record(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out.push_back(',');
        const std::string& f = fields[i];
        if (f.find_first_of(",\"\r\n") == std::string::npos) {
            out += f;
            continue;
        }
        out.push_back('"');
        for (char c : f) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
        }
        out.push_back('"');
    }
    out.push_back('\n');
    return out;
}

}  // namespace spmis::csv
