#pragma once
// Folding of names for offline search: lowercase, Latin accents stripped ("José" -> "jose").

#include <string>
#include <string_view>

namespace spmis::sync {

// Lowercases ASCII and maps the Latin-1 Supplement and Latin Extended-A letters to their base
// letters (ß -> ss, æ -> ae, œ -> oe). Other code points pass through; invalid UTF-8 bytes are dropped.
std::string fold_for_search(std::string_view utf8);

}  // namespace spmis::sync
