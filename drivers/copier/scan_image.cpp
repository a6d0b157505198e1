// PixelBuffer: anonymous mappings for scans, wiped before they are returned to the kernel.
#include "drivers/copier/scan_image.h"

#include <sys/mman.h>

#include <utility>

#include "base/secret.h"

namespace kiosk::copier {

PixelBuffer::PixelBuffer(std::size_t size) {
    if (size == 0) return;
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
    ::madvise(p, size, MADV_DONTDUMP);  // a crash dump must not carry someone's papers
    m_data = static_cast<uint8_t*>(p);
    m_size = size;
}

PixelBuffer::~PixelBuffer() { reset(); }

PixelBuffer::PixelBuffer(PixelBuffer&& o) noexcept
    : m_data(std::exchange(o.m_data, nullptr)), m_size(std::exchange(o.m_size, 0)) {}

PixelBuffer& PixelBuffer::operator=(PixelBuffer&& o) noexcept {
    if (this != &o) {
        reset();
        m_data = std::exchange(o.m_data, nullptr);
        m_size = std::exchange(o.m_size, 0);
    }
    return *this;
}

void PixelBuffer::reset() {
    if (!m_data) return;
    // munmap alone would do for the kernel (pages are zeroed before reuse), but the wipe
    // also covers a mapping that outlives its use by mistake.
    secure_wipe(m_data, m_size);
    ::munmap(m_data, m_size);
    m_data = nullptr;
    m_size = 0;
}

ScanImage ScanImage::make(int width, int height, int channels, int dpi) {
    ScanImage img;
    if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)) return img;
    img.width = width;
    img.height = height;
    img.channels = channels;
    img.dpi = dpi;
    img.stride = std::size_t(width) * std::size_t(channels);
    img.pixels = PixelBuffer(img.stride * std::size_t(height));
    if (img.pixels.empty()) img.width = img.height = 0;
    return img;
}

}  // namespace kiosk::copier
