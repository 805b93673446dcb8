#include "canonical_row.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace spmis::store_move {
namespace {

void append_escaped_text(std::string& out, const std::string& value) {
    for (const char c : value) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += c;
        }
    }
}

}  // namespace

Result<std::string> canonical_from_postgres(ColumnType type, const char* text) {
    switch (type) {
        case ColumnType::kReal: {
            char* end = nullptr;
            const double value = std::strtod(text, &end);
            if (end == text || *end != '\0') return make_error(ErrorCode::kCorrupt, "unreadable real");
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", value);
            return std::string(buf);
        }
        case ColumnType::kBytes:
            // bytea's hex output: "\x" and lowercase hex digits.
            if (std::strncmp(text, "\\x", 2) != 0) return make_error(ErrorCode::kCorrupt, "unreadable bytea");
            return std::string(text + 2);
        default: return std::string(text);
    }
}

void append_copy_line(std::string& copy, const CanonicalRow& row, const std::vector<Column>& columns) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) copy += '\t';
        if (!row[i]) {
            copy += "\\N";
        } else if (columns[i].type == ColumnType::kBytes) {
            copy += "\\\\x";  // bytea's hex input "\x...", its backslash escaped for COPY
            copy += *row[i];
        } else {
            append_escaped_text(copy, *row[i]);
        }
    }
    copy += '\n';
}

void TableChecksum::add(const CanonicalRow& row) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    for (const auto& value : row) {
        // "N" for NULL; "V<length>:" before a value keeps NULL, "" and ("ab","c") vs ("a","bc") apart.
        const std::string head = value ? "V" + std::to_string(value->size()) + ":" : std::string("N");
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(head.data()), head.size());
        if (value) {
            crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(value->data()),
                                      value->size());
        }
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    std::uint64_t prefix = 0;
    for (int i = 0; i < 8; ++i) prefix = (prefix << 8) | digest[i];
    sum_ += prefix;  // wraps modulo 2^64, as intended
    ++rows_;
}

std::string TableChecksum::hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(sum_));
    return buf;
}

}  // namespace spmis::store_move
