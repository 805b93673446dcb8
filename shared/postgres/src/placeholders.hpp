#pragma once
// SQLite's placeholders in PostgreSQL's spelling, so one SQL text serves both backends.

#include <string>

namespace spmis::postgres {

// `?` becomes `$1`, `$2`, ... in order and `?N` becomes `$N`; a `?` inside a string literal, a
// quoted identifier or a comment is left alone.
std::string numbered_placeholders(const std::string& sql);

}  // namespace spmis::postgres
