#pragma once
// The console's files, built into the binary at build time (cmake/EmbedFiles.cmake): nothing is read
// from disk or fetched at run time, so the console served is always the one the server was built with.

#include <string_view>
#include <vector>

namespace spmis::console {

// One served file: its path below /console/ ("index.html", "screens/queue.js") and its bytes.
struct EmbeddedFile {
    std::string_view path;
    std::string_view body;
};

// Every file of server/console/web plus Chart.js (as "vendor/chart.min.js"); static storage.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace spmis::console
