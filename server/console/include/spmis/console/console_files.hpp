#pragma once
// The console's files, built into the binary at build time (cmake/EmbedFiles.cmake): nothing is read
// from disk or fetched at run time, so the console served is always the one the server was built with.

#include <vector>

#include "spmis/http/embedded_file.hpp"

namespace spmis::console {

using http::EmbeddedFile;

// Every file of server/console/web plus Chart.js (as "vendor/chart.min.js"); static storage.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace spmis::console
