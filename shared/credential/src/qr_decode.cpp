#include <png.h>
#include <zbar.h>

#include <memory>

#include "spmis/credential/qr.hpp"

namespace spmis::credential {
namespace {

// zbar.h wraps its C API in namespace zbar when compiled as C++.
using zbar::zbar_image_create;
using zbar::zbar_image_destroy;
using zbar::zbar_image_first_symbol;
using zbar::zbar_image_scanner_create;
using zbar::zbar_image_scanner_destroy;
using zbar::zbar_image_scanner_set_config;
using zbar::zbar_image_scanner_t;
using zbar::zbar_image_set_data;
using zbar::zbar_image_set_format;
using zbar::zbar_image_set_size;
using zbar::zbar_image_t;
using zbar::zbar_scan_image;
using zbar::zbar_symbol_get_data;
using zbar::zbar_symbol_get_data_length;
using zbar::zbar_symbol_t;

struct ScannerFree {
    void operator()(zbar_image_scanner_t* s) const { zbar_image_scanner_destroy(s); }
};
struct ImageFree {
    void operator()(zbar_image_t* i) const { zbar_image_destroy(i); }
};

// The PNG as 8-bit grey pixels.
Result<std::vector<std::uint8_t>> read_grey(const std::string& path, unsigned& width, unsigned& height) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_file(&image, path.c_str()) == 0) {
        return make_error(ErrorCode::kInvalidArgument, "png: cannot read " + path + ": " + image.message);
    }
    image.format = PNG_FORMAT_GRAY;
    std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(image));
    if (png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) == 0) {
        return make_error(ErrorCode::kInvalidArgument, std::string("png: ") + image.message);
    }
    width = image.width;
    height = image.height;
    return pixels;
}

}  // namespace

Result<std::string> qr_decode_png_file(const std::string& path) {
    unsigned width = 0;
    unsigned height = 0;
    SPMIS_ASSIGN_OR_RETURN(std::vector<std::uint8_t> pixels, read_grey(path, width, height));
    std::unique_ptr<zbar_image_scanner_t, ScannerFree> scanner(zbar_image_scanner_create());
    zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    std::unique_ptr<zbar_image_t, ImageFree> image(zbar_image_create());
    zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image.get(), width, height);
    zbar_image_set_data(image.get(), pixels.data(), pixels.size(), nullptr);
    if (zbar_scan_image(scanner.get(), image.get()) <= 0) {
        return make_error(ErrorCode::kNotFound, "qr: no symbol found in " + path);
    }
    const zbar_symbol_t* symbol = zbar_image_first_symbol(image.get());
    if (symbol == nullptr) return make_error(ErrorCode::kNotFound, "qr: no symbol found in " + path);
    return std::string(zbar_symbol_get_data(symbol), zbar_symbol_get_data_length(symbol));
}

}  // namespace spmis::credential
