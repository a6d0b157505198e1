// QR decoding from image files and raw luminance buffers (ZXing-cpp behind a plain interface).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk::scanner {

/// A grey image in memory; a YUYV camera frame is one with pixel_stride 2 (the Y bytes).
struct LumaView {
    const uint8_t* data = nullptr;
    int width = 0, height = 0;
    int row_stride = 0;   ///< bytes from one row to the next (0: width * pixel_stride)
    int pixel_stride = 1; ///< bytes from one pixel to the next
};

struct DecodeOptions {
    /// Slower, finds codes that are small, rotated or damaged. Off for camera frames, where
    /// the next frame is another chance.
    bool try_harder = true;
};

/// Every QR code found, as UTF-8 text, in reading order. NotFound when there is none;
/// InvalidInput when the view's geometry is wrong.
Result<std::vector<std::string>> decode_luminance(const LumaView& image, DecodeOptions options = {});
/// Loads a PNG, JPEG, BMP… (SDL2_image) and decodes it. Io when the file cannot be read,
/// InvalidInput when it is not an image, NotFound when it holds no QR code.
Result<std::vector<std::string>> decode_image_file(const std::string& path, DecodeOptions options = {});

/// A grey image the caller owns (tests, the benchmark, the image loader).
struct LumaImage {
    int width = 0, height = 0;
    std::vector<uint8_t> pixels;  ///< width * height bytes, row-major
    LumaView view() const { return LumaView{pixels.data(), width, height, width, 1}; }
};
/// Loads an image file as luminance (BT.601 weights).
Result<LumaImage> load_luma_image(const std::string& path);
/// Encodes `utf8` as a QR code with ZXing's writer: `module_px` pixels a module, `margin`
/// modules of quiet zone, error correction level 0–8 (ZXing's scale).
Result<LumaImage> encode_qr(const std::string& utf8, int module_px = 4, int margin = 4, int ecc_level = 2);
/// Writes a luminance image as PNG (SDL2_image), for fixtures and the technician.
Status save_png(const LumaImage& image, const std::string& path);
/// Writes a luminance image as JPEG at `quality` (0–100), for tests of lossy photos.
Status save_jpeg(const LumaImage& image, const std::string& path, int quality = 75);

}  // namespace kiosk::scanner
