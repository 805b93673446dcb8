#pragma once
// Private working directories for verify and restore: created owner-only, removed with their
// content unless released (installed).

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "spmis/base/status.hpp"

namespace spmis::backup {

class Staging {
public:
    explicit Staging(std::string path) : path_(std::move(path)) {}
    ~Staging() {
        std::error_code ec;
        if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    }
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;
    const std::string& path() const { return path_; }
    void release() { path_.clear(); }

private:
    std::string path_;
};

// mkdtemp under parent, owner-only.
inline Result<std::string> make_private_dir(const std::string& parent, const std::string& prefix) {
    std::string pattern = (std::filesystem::path(parent) / (prefix + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
        return make_error(ErrorCode::kStorage, "cannot create a directory under " + parent);
    return pattern;
}

}  // namespace spmis::backup
