#pragma once
// The field screen's files (client/src/ui/web), built into spmis-field at build time
// (cmake/EmbedFiles.cmake): nothing is read from disk or fetched from the network at run time.

#include <vector>

#include "spmis/http/embedded_file.hpp"

namespace spmis::field_ui {

using http::EmbeddedFile;

// Every file of client/src/ui/web; static storage.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace spmis::field_ui
