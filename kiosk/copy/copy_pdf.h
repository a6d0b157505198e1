// A4 copy pages as PDF in wiped memory: the ID-card page (both sides at true size) and document pages, composed with cairo.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/secret.h"
#include "drivers/copier/copier.h"

namespace kiosk::copy {

/// A PDF for the printer. Its bytes are someone's papers: wiped when dropped.
using PdfBytes = std::vector<uint8_t, WipingAllocator<uint8_t>>;

inline constexpr double kA4WidthMm = 210.0, kA4HeightMm = 297.0;
/// Where the ID-card sides go: horizontally centred, the front's top edge kIdFrontTopMm
/// from the top of the page, the back kIdGapMm below the front (the layout service
/// halls use for 身份证复印件: both sides in the upper half, room below for a signature).
inline constexpr double kIdFrontTopMm = 40.0, kIdGapMm = 25.0;

/// One A4 page with the card's front above its back, each at true size (85.6 × 54 mm at
/// the image's dpi), and `watermark` (may be empty) repeated lightly across both sides.
/// Gray prints in grey (the PDF images are then DeviceGray).
Result<PdfBytes> idcard_page(const copier::ScanImage& front, const copier::ScanImage& back, std::string_view watermark,
                             copier::ColorMode mode);

/// Copiers whiten the paper and darken the print a little (background suppression): the
/// paper's grey and the sensor's noise would otherwise print as a grey cast, and the page
/// compresses to a fraction. In place, on every sample.
void clean_page(copier::ScanImage& page);

/// Document pages, one a scan, added as they are scanned so only one raw scan is held at
/// a time. Each page is placed at true size from the top-left corner of an A4 page.
class PagesPdf {
public:
    static Result<std::unique_ptr<PagesPdf>> create();
    ~PagesPdf();
    PagesPdf(const PagesPdf&) = delete;
    PagesPdf& operator=(const PagesPdf&) = delete;
    Status add(const copier::ScanImage& page, copier::ColorMode mode);
    int pages() const { return m_pages; }
    /// Ends the document; the PdfBytes (no page: InvalidInput). The object is spent.
    Result<PdfBytes> finish();

private:
    PagesPdf() = default;
    struct Cairo;
    std::unique_ptr<PdfBytes> m_out;  // before m_cairo: cairo writes into it until it is finished
    std::unique_ptr<Cairo> m_cairo;
    int m_pages = 0;
};

}  // namespace kiosk::copy
