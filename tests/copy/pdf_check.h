// Test helper: what a PDF looks like on paper, through poppler-utils (pdfinfo, pdftoppm): page size, page count, dark rectangles in mm.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "run_process.h"

namespace kiosk::copy::test {

struct PdfInfo {
    int pages = 0;
    double width_pt = 0, height_pt = 0;
};

inline PdfInfo pdf_info(const std::string& path) {
    PdfInfo i;
    auto r = kiosk::test::run_process({"/usr/bin/pdfinfo", path});
    auto p = r.output.find("Pages:");
    if (p != std::string::npos) i.pages = std::atoi(r.output.c_str() + p + 6);
    p = r.output.find("Page size:");
    if (p != std::string::npos) std::sscanf(r.output.c_str() + p + 10, " %lf x %lf", &i.width_pt, &i.height_pt);
    return i;
}

/// A box in millimetres from the page's top-left corner.
struct BoxMm {
    double x = 0, y = 0, w = 0, h = 0;
};

/// Page 1 drawn in grey at `dpi`; the boxes around horizontal bands of pixels darker than
/// `below` (bands separated by at least one clear row), each band's left-right extent.
inline std::vector<BoxMm> dark_boxes(const std::string& pdf, const std::string& tmp_prefix, int dpi = 150, int below = 128) {
    std::vector<BoxMm> out;
    auto r = kiosk::test::run_process({"/usr/bin/pdftoppm", "-gray", "-r", std::to_string(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, tmp_prefix});
    if (r.exit_code != 0) return out;
    std::string pgm = kiosk::test::read_file(tmp_prefix + ".pgm");
    int w = 0, h = 0, maxv = 0, n = 0;
    if (std::sscanf(pgm.c_str(), "P5 %d %d %d%n", &w, &h, &maxv, &n) != 3 || w <= 0 || h <= 0) return out;
    const unsigned char* px = reinterpret_cast<const unsigned char*>(pgm.data()) + n + 1;
    if (pgm.size() < size_t(n + 1) + size_t(w) * size_t(h)) return out;
    int band_top = -1, l = w, rgt = -1;
    for (int y = 0; y <= h; ++y) {
        int rl = w, rr = -1;
        if (y < h)
            for (int x = 0; x < w; ++x)
                if (px[size_t(y) * size_t(w) + size_t(x)] < below) rl = std::min(rl, x), rr = std::max(rr, x);
        if (rr >= 0) {
            if (band_top < 0) band_top = y, l = w, rgt = -1;
            l = std::min(l, rl), rgt = std::max(rgt, rr);
        } else if (band_top >= 0) {
            double k = 25.4 / dpi;
            out.push_back({l * k, band_top * k, (rgt - l + 1) * k, (y - band_top) * k});
            band_top = -1;
        }
    }
    return out;
}

}  // namespace kiosk::copy::test
