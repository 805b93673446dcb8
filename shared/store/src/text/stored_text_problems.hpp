#pragma once
// What is wrong with a stored text value, judged by the rules every door applies today: migrations
// 16 and 21 list old values with these (through SQLite functions), and both backends judge a listed
// value again with them when staff read the list.

#include <optional>
#include <string>
#include <string_view>

namespace spmis::store {

// Nothing for clean one-line text, else what is wrong (invalid UTF-8, NUL, control or direction
// characters) and at which byte.
std::optional<std::string> unclean_text_problem(std::string_view text);
// Nothing for text in Unicode normal form C (and for text that is not UTF-8, which
// unclean_text_problem reports), else the byte where it first differs from its NFC spelling.
std::optional<std::string> nfc_problem(std::string_view text);

}  // namespace spmis::store
