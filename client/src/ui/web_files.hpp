#pragma once
// The field screen's files (client/src/ui/web), built into spmis-field at build time
// (cmake/EmbedFiles.cmake): nothing is read from disk or fetched from the network at run time.

#include <string_view>
#include <vector>

namespace spmis::field_ui {

// One served file: its path below / ("index.html", "app.js") and its bytes.
struct EmbeddedFile {
    std::string_view path;
    std::string_view body;
};

// Every file of client/src/ui/web; static storage.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace spmis::field_ui
