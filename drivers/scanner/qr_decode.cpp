// QR decoding with ZXing-cpp 1.4 and image loading with SDL2_image; no ZXing or SDL type escapes this file.
#include "drivers/scanner/qr_decode.h"

#include <SDL.h>
#include <SDL_image.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>

#include <exception>
#include <fstream>

namespace kiosk::scanner {

Result<std::vector<std::string>> decode_luminance(const LumaView& image, DecodeOptions options) {
    int pix = image.pixel_stride;
    int row = image.row_stride ? image.row_stride : image.width * pix;
    if (!image.data || image.width <= 0 || image.height <= 0 || pix < 1 || row < image.width * pix - (pix - 1))
        return make_error(Errc::InvalidInput, "bad image geometry");
    try {
        ZXing::ImageView view(image.data, image.width, image.height, ZXing::ImageFormat::Lum, row, pix);
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode);
        hints.setTryHarder(options.try_harder);
        hints.setTryRotate(options.try_harder);
        hints.setTryDownscale(true);
        auto results = ZXing::ReadBarcodes(view, hints);
        std::vector<std::string> texts;
        for (const auto& r : results)
            if (r.isValid()) texts.push_back(r.text());
        if (texts.empty()) return make_error(Errc::NotFound, "no QR code found");
        return texts;
    } catch (const std::exception& e) {
        return make_error(Errc::Internal, std::string("decoder failed: ") + e.what());
    }
}

Result<LumaImage> load_luma_image(const std::string& path) {
    if (!std::ifstream(path).good()) return make_error(Errc::Io, "cannot read " + path);
    SDL_Surface* loaded = IMG_Load(path.c_str());
    if (!loaded) return make_error(Errc::InvalidInput, path + ": not an image (" + IMG_GetError() + ")");
    SDL_Surface* rgb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGB24, 0);
    SDL_FreeSurface(loaded);
    if (!rgb) return make_error(Errc::Internal, std::string("cannot convert image: ") + SDL_GetError());
    LumaImage out;
    out.width = rgb->w;
    out.height = rgb->h;
    out.pixels.resize(static_cast<std::size_t>(rgb->w) * rgb->h);
    SDL_LockSurface(rgb);
    for (int y = 0; y < rgb->h; ++y) {
        const auto* p = static_cast<const uint8_t*>(rgb->pixels) + static_cast<std::size_t>(y) * rgb->pitch;
        for (int x = 0; x < rgb->w; ++x, p += 3)
            out.pixels[static_cast<std::size_t>(y) * rgb->w + x] = static_cast<uint8_t>((299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000);
    }
    SDL_UnlockSurface(rgb);
    SDL_FreeSurface(rgb);
    return out;
}

Result<std::vector<std::string>> decode_image_file(const std::string& path, DecodeOptions options) {
    auto image = TRY(load_luma_image(path));
    auto texts = decode_luminance(image.view(), options);
    if (!texts && texts.error().code == Errc::NotFound) return make_error(Errc::NotFound, path + ": no QR code found");
    return texts;
}

Result<LumaImage> encode_qr(const std::string& utf8, int module_px, int margin, int ecc_level) {
    if (module_px < 1 || margin < 0 || ecc_level < 0 || ecc_level > 8) return make_error(Errc::InvalidInput, "bad QR options");
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setEccLevel(ecc_level).setMargin(0);
        ZXing::BitMatrix bits = writer.encode(utf8, 0, 0);  // 0 × 0: one pixel a module
        int modules = bits.width();
        LumaImage img;
        img.width = img.height = (modules + 2 * margin) * module_px;
        img.pixels.assign(static_cast<std::size_t>(img.width) * img.height, 255);
        for (int y = 0; y < modules; ++y)
            for (int x = 0; x < modules; ++x) {
                if (!bits.get(x, y)) continue;
                for (int dy = 0; dy < module_px; ++dy)
                    for (int dx = 0; dx < module_px; ++dx)
                        img.pixels[static_cast<std::size_t>((y + margin) * module_px + dy) * img.width +
                                   (x + margin) * module_px + dx] = 0;
            }
        return img;
    } catch (const std::exception& e) {
        return make_error(Errc::InvalidInput, std::string("cannot encode: ") + e.what());
    }
}

namespace {
enum class ImageFile { Png, Jpeg };
Status save_image(const LumaImage& image, const std::string& path, ImageFile kind, int quality) {
    if (image.width <= 0 || image.height <= 0 || image.pixels.size() != static_cast<size_t>(image.width) * image.height)
        return make_error(Errc::InvalidInput, "bad image geometry");
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, image.width, image.height, 24, SDL_PIXELFORMAT_RGB24);
    if (!s) return make_error(Errc::Internal, std::string("cannot make surface: ") + SDL_GetError());
    SDL_LockSurface(s);
    for (int y = 0; y < image.height; ++y) {
        auto* p = static_cast<uint8_t*>(s->pixels) + static_cast<std::size_t>(y) * s->pitch;
        for (int x = 0; x < image.width; ++x, p += 3) p[0] = p[1] = p[2] = image.pixels[static_cast<std::size_t>(y) * image.width + x];
    }
    SDL_UnlockSurface(s);
    int rc = kind == ImageFile::Png ? IMG_SavePNG(s, path.c_str()) : IMG_SaveJPG(s, path.c_str(), quality);
    SDL_FreeSurface(s);
    if (rc != 0) return make_error(Errc::Io, "cannot write " + path + ": " + IMG_GetError());
    return {};
}
}  // namespace

Status save_png(const LumaImage& image, const std::string& path) { return save_image(image, path, ImageFile::Png, 0); }
Status save_jpeg(const LumaImage& image, const std::string& path, int quality) {
    return save_image(image, path, ImageFile::Jpeg, quality);
}

}  // namespace kiosk::scanner
