#pragma once
// Temporary files for image round trips and the real `zbarimg` binary (Debian zbar-tools).

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "spmis/credential/bytes.hpp"

namespace spmis::credential::testing {

// A file path under the build tree removed when the object dies.
class TempFile {
public:
    explicit TempFile(const std::string& name)
        : path_(std::filesystem::path(SPMIS_BINARY_DIR) /
                ("credential_test_" + std::to_string(::getpid()) + "_" + name)) {}
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    std::string path() const { return path_.string(); }
    void write(const Bytes& data) const {
        std::ofstream out(path_, std::ios::binary);
        out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    }

private:
    std::filesystem::path path_;
};

// What `zbarimg --raw -q FILE` prints with exactly one trailing newline removed, or nullopt when it
// finds no symbol (non-zero exit).
inline std::optional<std::string> run_zbarimg(const std::string& path) {
    std::string command = "zbarimg --raw -q '" + path + "' 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) return std::nullopt;
    std::string out;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) out.append(buffer, n);
    int status = pclose(pipe.release());
    if (status != 0) return std::nullopt;
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace spmis::credential::testing
