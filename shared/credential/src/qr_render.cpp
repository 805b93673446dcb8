#include <png.h>

#include <cstdio>
#include <memory>

#include "spmis/credential/qr.hpp"

namespace spmis::credential {
namespace {

struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

// Grey pixels (0 ink, 255 paper) of the symbol with its quiet zone.
std::vector<std::uint8_t> raster_pixels(const QrMatrix& m, const QrRaster& r, int& side) {
    int modules = m.width + 2 * r.quiet_zone_modules;
    side = modules * r.module_pixels;
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(side) * side, 255);
    for (int y = 0; y < m.width; ++y) {
        for (int x = 0; x < m.width; ++x) {
            if (!m.dark(x, y)) continue;
            int px = (x + r.quiet_zone_modules) * r.module_pixels;
            int py = (y + r.quiet_zone_modules) * r.module_pixels;
            for (int dy = 0; dy < r.module_pixels; ++dy) {
                std::size_t row = static_cast<std::size_t>(py + dy) * side;
                for (int dx = 0; dx < r.module_pixels; ++dx) pixels[row + px + dx] = 0;
            }
        }
    }
    return pixels;
}

}  // namespace

Result<Bytes> qr_to_png(const QrMatrix& matrix, const QrRaster& raster) {
    if (raster.module_pixels < 1 || raster.quiet_zone_modules < 0) {
        return make_error(ErrorCode::kInvalidArgument, "qr: bad raster geometry");
    }
    int side = 0;
    std::vector<std::uint8_t> pixels = raster_pixels(matrix, raster, side);
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(side);
    image.height = static_cast<png_uint_32>(side);
    image.format = PNG_FORMAT_GRAY;
    png_alloc_size_t size = 0;
    if (png_image_write_get_memory_size(image, size, 0, pixels.data(), 0, nullptr) == 0) {
        return make_error(ErrorCode::kInternal, std::string("png: ") + image.message);
    }
    Bytes out(size);
    if (png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data(), 0, nullptr) == 0) {
        return make_error(ErrorCode::kInternal, std::string("png: ") + image.message);
    }
    out.resize(size);
    return out;
}

Status qr_write_png(const QrMatrix& matrix, const std::string& path, const QrRaster& raster) {
    SPMIS_ASSIGN_OR_RETURN(Bytes png, qr_to_png(matrix, raster));
    std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "wb"));
    if (!file || std::fwrite(png.data(), 1, png.size(), file.get()) != png.size()) {
        return make_error(ErrorCode::kStorage, "png: cannot write " + path);
    }
    return {};
}

std::string qr_to_svg(const QrMatrix& m, int quiet) {
    int side = m.width + 2 * quiet;
    std::string svg =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" ";
    svg += "viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) +
           "\" shape-rendering=\"crispEdges\">\n";
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"";
    for (int y = 0; y < m.width; ++y) {
        for (int x = 0; x < m.width; ++x) {
            if (m.dark(x, y))
                svg += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
        }
    }
    svg += "\"/>\n</svg>\n";
    return svg;
}

std::string qr_to_terminal(const QrMatrix& m, bool invert) {
    constexpr int kQuiet = 2;  // terminals are small; two modules of margin still scan
    int side = m.width + 2 * kQuiet;
    auto ink = [&](int x, int y) {
        int mx = x - kQuiet;
        int my = y - kQuiet;
        bool dark = mx >= 0 && my >= 0 && mx < m.width && my < m.width && m.dark(mx, my);
        return dark != invert;
    };
    std::string out;
    for (int y = 0; y < side; y += 2) {
        for (int x = 0; x < side; ++x) {
            bool top = ink(x, y);
            bool bottom = y + 1 < side ? ink(x, y + 1) : invert;
            out += top ? (bottom ? "\u2588" : "\u2580") : (bottom ? "\u2584" : " ");
        }
        out += '\n';
    }
    return out;
}

}  // namespace spmis::credential
