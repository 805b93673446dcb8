#pragma once
// QR rendering of credential texts (libqrencode, alphanumeric mode) as PNG, SVG and terminal
// blocks, and QR reading from PNG images (libzbar).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/credential/bytes.hpp"
#include "spmis/credential/tuning.hpp"

namespace spmis::credential {

// The error correction levels we use: never L.
enum class QrLevel { kM, kQ };

// A QR symbol as a square of modules, without quiet zone.
struct QrMatrix {
    int version = 0;
    QrLevel level = QrLevel::kQ;
    int width = 0;                      // modules per side
    std::vector<std::uint8_t> modules;  // row-major, 1 = dark

    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * width + x] != 0; }
};

// Encodes the text as one alphanumeric segment: level Q when that stays at or below
// tuning::kQrMaxVersionAtQ, else M. kInvalidArgument when the text holds a character outside the QR
// alphanumeric set (SPP1 texts never do) or is too long for any version.
Result<QrMatrix> qr_encode(std::string_view text);

// Geometry of a raster rendering.
struct QrRaster {
    int module_pixels = tuning::kQrModulePixels;
    int quiet_zone_modules = tuning::kQrQuietZoneModules;
};

// An 8-bit grey PNG of the symbol with its quiet zone.
Result<Bytes> qr_to_png(const QrMatrix& matrix, const QrRaster& raster = {});
// Writes qr_to_png to a file; kStorage when the file cannot be written.
Status qr_write_png(const QrMatrix& matrix, const std::string& path, const QrRaster& raster = {});
// A standalone SVG (one path of unit squares, quiet zone included, crisp edges).
std::string qr_to_svg(const QrMatrix& matrix, int quiet_zone_modules = tuning::kQrQuietZoneModules);
// UTF-8 half blocks, two module rows per line, dark modules drawn as ink on a light quiet zone
// (for a dark terminal pass invert = true).
std::string qr_to_terminal(const QrMatrix& matrix, bool invert = false);

// Decodes the first QR symbol of a PNG file with libzbar and returns its text unchanged.
// kNotFound when there is no readable symbol, kInvalidArgument when the file is not a PNG.
Result<std::string> qr_decode_png_file(const std::string& path);

}  // namespace spmis::credential
