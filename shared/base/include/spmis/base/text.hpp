#pragma once
// Text that may enter the system: every door (JSON bodies, CSV files, command-line arguments, sync
// payloads, pulled records) checks it here, so what is stored can always be encoded and shown.

#include <cstddef>
#include <string>
#include <string_view>

#include "spmis/base/status.hpp"

namespace spmis {

// What a piece of text may hold beyond printable characters.
enum class TextKind {
    kLine,       // one line: a name, a code, a phone number; no control characters at all
    kMultiline,  // free text (a reason, a comment, a description): tab and line breaks allowed
};

// Where the first problem of a text is: a byte offset and a reason ("" when the text is fine).
struct TextProblem {
    std::size_t offset = 0;
    std::string reason;
    bool ok() const { return reason.empty(); }
};

// The first problem of `text`: invalid UTF-8 (overlong forms, surrogates, beyond U+10FFFF), NUL,
// control characters other than those `kind` allows (C0, DEL, C1), or a direction override or
// isolate (U+202A-U+202E, U+2066-U+2069) that can make a name read as another.
TextProblem find_text_problem(std::string_view text, TextKind kind = TextKind::kLine);

// Ok, or kInvalidArgument "<field>: <reason> at byte N".
Status check_text(std::string_view text, std::string_view field, TextKind kind = TextKind::kLine);

// check_text for a name or a user name, which must also show something: kInvalidArgument when it is
// empty or made only of spaces and invisible characters (zero-width and format characters).
Status check_name(std::string_view text, std::string_view field);

// check_name for an identifier people type to sign in (a user name): no spaces or invisible
// characters anywhere, so two accounts can never look the same.
Status check_identifier(std::string_view text, std::string_view field);

// Unicode Normalization Form C (composed) of valid UTF-8 text (utf8proc): "Jose" + U+0301 becomes
// "José", so one name has one spelling in the store, in searches and in duplicate checks. Text that
// is not valid UTF-8 is returned unchanged (check it first).
std::string to_nfc(std::string_view text);

// True when `text` is valid UTF-8 (no overlong forms, no surrogates, nothing beyond U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace spmis
