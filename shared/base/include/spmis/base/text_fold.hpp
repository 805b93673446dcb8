#pragma once
// Folding of names for search, on the device and on the server alike: lowercase, Latin accents
// stripped ("José" -> "jose"), and the keys that let any word of a name be searched by its prefix.

#include <string>
#include <string_view>
#include <vector>

namespace spmis {

// Lowercases ASCII and maps the Latin-1 Supplement and Latin Extended-A letters to their base
// letters (ß -> ss, æ -> ae, œ -> oe). Other code points pass through; invalid UTF-8 bytes are dropped.
std::string fold_for_search(std::string_view utf8);

// The keys of a folded name: the rest of the name from the start of each word ("amina diallo" ->
// "amina diallo", "diallo"), so a prefix search over the keys finds a name by any of its words.
std::vector<std::string> name_word_keys(const std::string& folded);

}  // namespace spmis
