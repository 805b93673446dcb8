#include "placeholders.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace spmis::postgres {

std::string numbered_placeholders(const std::string& sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 1;
    const std::size_t n = sql.size();
    for (std::size_t i = 0; i < n; ++i) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {  // a literal or identifier; a doubled quote stays inside it
            std::size_t j = i + 1;
            while (j < n && (sql[j] != c || (j + 1 < n && sql[j + 1] == c))) j += sql[j] == c ? 2 : 1;
            const std::size_t stop = std::min(j + 1, n);
            out.append(sql, i, stop - i);
            i = stop - 1;
            continue;
        }
        if (c == '-' && i + 1 < n && sql[i + 1] == '-') {  // a comment to the end of the line
            const std::size_t end = sql.find('\n', i);
            const std::size_t stop = end == std::string::npos ? n : end;
            out.append(sql, i, stop - i);
            i = stop - 1;
            continue;
        }
        if (c != '?') {
            out.push_back(c);
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && std::isdigit(static_cast<unsigned char>(sql[j])) != 0) ++j;
        out.push_back('$');
        if (j > i + 1) {
            // As SQLite numbers them: a later bare `?` takes the largest number used so far, plus one.
            const int number = std::atoi(sql.substr(i + 1, j - i - 1).c_str());
            out += std::to_string(number);
            next = std::max(next, number + 1);
            i = j - 1;
        } else {
            out += std::to_string(next++);
        }
    }
    return out;
}

}  // namespace spmis::postgres
