#pragma once
// Access to the shared test vectors in ../shared/qr-vectors (see its README.md).

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "spmis/credential/bytes.hpp"

namespace spmis::credential::testing {

// Absolute path of a file under shared/qr-vectors.
inline std::string vector_path(const std::string& relative) {
    return std::string(SPMIS_SOURCE_DIR "/tests/data/vendor/qr-vectors/") + relative;
}

// The parsed JSON file; throws (failing the test with the path) when the shared folder is missing.
inline nlohmann::json load_vector(const std::string& relative) {
    std::ifstream in(vector_path(relative));
    if (!in) {
        throw std::runtime_error("test vectors missing: " + vector_path(relative) +
                                 " (the shared/ folder must sit next to the checkout)");
    }
    return nlohmann::json::parse(in);
}

// Hex to bytes; throws on bad hex so a broken vector fails loudly.
inline Bytes hex(const std::string& text) {
    Result<Bytes> b = from_hex(text);
    if (!b.ok()) throw std::runtime_error("bad hex in vector: " + text.substr(0, 40));
    return *b;
}

}  // namespace spmis::credential::testing
