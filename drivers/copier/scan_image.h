// A scanned image in memory of its own: mapped anonymously, never on the heap, zeroed before it is unmapped.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kiosk::copier {

/// Bytes the scanner delivered (a page of someone's papers, a side of their ID card).
/// Anonymous private mapping: nothing is left in the malloc heap when it goes, it is
/// excluded from core dumps (MADV_DONTDUMP), and it is wiped before munmap.
class PixelBuffer {
public:
    PixelBuffer() = default;
    /// Zero-filled; empty (data() == nullptr) when the mapping fails.
    explicit PixelBuffer(std::size_t size);
    ~PixelBuffer();
    PixelBuffer(PixelBuffer&& o) noexcept;
    PixelBuffer& operator=(PixelBuffer&& o) noexcept;
    PixelBuffer(const PixelBuffer&) = delete;
    PixelBuffer& operator=(const PixelBuffer&) = delete;

    uint8_t* data() { return m_data; }
    const uint8_t* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    /// Zeroes and unmaps now.
    void reset();

private:
    uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

/// 8 bits a sample, 1 (grey) or 3 (RGB) channels, rows `stride` bytes apart.
struct ScanImage {
    int width = 0, height = 0;
    int channels = 1;
    int dpi = 0;
    std::size_t stride = 0;
    PixelBuffer pixels;

    /// A zero image of this size (check valid()).
    static ScanImage make(int width, int height, int channels, int dpi);
    bool valid() const { return width > 0 && height > 0 && !pixels.empty(); }
    const uint8_t* row(int y) const { return pixels.data() + std::size_t(y) * stride; }
    uint8_t* row(int y) { return pixels.data() + std::size_t(y) * stride; }
    /// Luminance of a pixel (0 black … 255 white).
    uint8_t grey(int x, int y) const {
        const uint8_t* p = row(y) + std::size_t(x) * std::size_t(channels);
        return channels == 1 ? p[0] : uint8_t((p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8);
    }
    double width_mm() const { return dpi > 0 ? width * 25.4 / dpi : 0; }
    double height_mm() const { return dpi > 0 ? height * 25.4 / dpi : 0; }
};

}  // namespace kiosk::copier
