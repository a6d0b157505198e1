// Card detection on half-millimetre cells: the lid's level from the far edges, cells that differ from it, the longest card-sized runs of rows and columns.
#include "kiosk/copy/card_detect.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace kiosk::copy {

namespace {

/// A longest run of indices whose value is at least `min`: [begin, end).
std::pair<int, int> longest_run(const std::vector<int>& v, int min) {
    int best_b = 0, best_e = 0, b = -1;
    for (int i = 0; i <= int(v.size()); ++i) {
        bool in = i < int(v.size()) && v[size_t(i)] >= min;
        if (in && b < 0) b = i;
        if (!in && b >= 0) {
            if (i - b > best_e - best_b) best_b = b, best_e = i;
            b = -1;
        }
    }
    return {best_b, best_e};
}

int median(std::vector<int> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    return v[v.size() / 2];
}

}  // namespace

std::optional<CardBox> find_card(const copier::ScanImage& scan) {
    if (!scan.valid() || scan.dpi <= 0) return std::nullopt;
    // Cells of about half a millimetre: fast at 600 dpi, and their means smooth the sensor noise.
    const int cell = std::max(1, int(std::lround(scan.dpi / 50.8)));
    const int cw = scan.width / cell, ch = scan.height / cell;
    const double cell_mm = cell * 25.4 / scan.dpi;
    const double tol_mm = 4.0;
    if (cw * cell_mm < kCardHeightMm - tol_mm || ch * cell_mm < kCardHeightMm - tol_mm) return std::nullopt;
    std::vector<int> level(size_t(cw) * size_t(ch));
    for (int cy = 0; cy < ch; ++cy)
        for (int cx = 0; cx < cw; ++cx) {
            int sum = 0;
            for (int y = cy * cell; y < (cy + 1) * cell; ++y)
                for (int x = cx * cell; x < (cx + 1) * cell; ++x) sum += scan.grey(x, y);
            level[size_t(cy) * size_t(cw) + size_t(cx)] = sum / (cell * cell);
        }
    // The lid: the last 3 mm at the right and at the bottom (the card lies in the corner).
    const int edge = std::max(1, int(3.0 / cell_mm));
    std::vector<int> lid;
    for (int cy = 0; cy < ch; ++cy)
        for (int cx = 0; cx < cw; ++cx)
            if (cx >= cw - edge || cy >= ch - edge) lid.push_back(level[size_t(cy) * size_t(cw) + size_t(cx)]);
    const int bg = median(lid);
    std::vector<int> dev;
    for (int v : lid) dev.push_back(std::abs(v - bg));
    // Above the lid's own variation (4 × its median deviation), and never below 10 levels
    // (a pale card on a white lid differs by 20–30).
    const int threshold = std::max(10, 4 * median(dev) + 2);
    // A card of lid colour at its very edges would be invisible; an edge region that is
    // mostly "card" means the lid is not what the edges show (a dark, open lid; a page).
    int edge_fg = 0;
    for (int v : lid) edge_fg += std::abs(v - bg) > threshold;
    if (edge_fg * 4 > int(lid.size())) return std::nullopt;

    std::vector<int> cols(size_t(cw), 0), rows(size_t(ch), 0);
    for (int cy = 0; cy < ch; ++cy)
        for (int cx = 0; cx < cw; ++cx)
            if (std::abs(level[size_t(cy) * size_t(cw) + size_t(cx)] - bg) > threshold) ++cols[size_t(cx)], ++rows[size_t(cy)];
    for (bool rotated : {false, true}) {
        double want_w = rotated ? kCardHeightMm : kCardWidthMm, want_h = rotated ? kCardWidthMm : kCardHeightMm;
        // A column of the card is "card" over at least half the card's height (the rounded
        // corners and white print on the card stay well above that).
        auto [x0, x1] = longest_run(cols, int(want_h / cell_mm * 0.5));
        auto [y0, y1] = longest_run(rows, int(want_w / cell_mm * 0.5));
        double w_mm = (x1 - x0) * cell_mm, h_mm = (y1 - y0) * cell_mm;
        // A card lying askew has the right extent at half height but spills beyond it
        // lower down: its corners. Counting columns and rows that are card over a tenth
        // of the card shows the spill; an askew card would be copied with corners cut off.
        auto [ax0, ax1] = longest_run(cols, std::max(2, int(want_h / cell_mm * 0.1)));
        auto [ay0, ay1] = longest_run(rows, std::max(2, int(want_w / cell_mm * 0.1)));
        bool square = (ax1 - ax0) * cell_mm <= want_w + tol_mm && (ay1 - ay0) * cell_mm <= want_h + tol_mm;
        if (square && std::abs(w_mm - want_w) <= tol_mm && std::abs(h_mm - want_h) <= tol_mm) {
            CardBox b;
            b.x = x0 * cell;
            b.y = y0 * cell;
            b.width = (x1 - x0) * cell;
            b.height = (y1 - y0) * cell;
            b.rotated = rotated;
            b.found = true;
            return b;
        }
    }
    return std::nullopt;
}

CardBox corner_box(const copier::ScanImage& scan) {
    CardBox b;
    b.width = int(std::lround(kCardWidthMm / 25.4 * scan.dpi));
    b.height = int(std::lround(kCardHeightMm / 25.4 * scan.dpi));
    return b;
}

copier::ScanImage crop_card(const copier::ScanImage& scan, const CardBox& box) {
    const int out_w = int(std::lround(kCardWidthMm / 25.4 * scan.dpi)), out_h = int(std::lround(kCardHeightMm / 25.4 * scan.dpi));
    auto out = copier::ScanImage::make(out_w, out_h, scan.channels, scan.dpi);
    if (!out.valid() || !scan.valid()) return out;
    std::memset(out.pixels.data(), 0xFF, out.pixels.size());
    // The source box of the true size, centred on what was found.
    const int src_w = box.rotated ? out_h : out_w, src_h = box.rotated ? out_w : out_h;
    const int sx0 = box.x + (box.width - src_w) / 2, sy0 = box.y + (box.height - src_h) / 2;
    const size_t px = size_t(scan.channels);
    for (int y = 0; y < out_h; ++y) {
        uint8_t* dst = out.row(y);
        for (int x = 0; x < out_w; ++x) {
            // Rotated: the card's top edge was at the scan's left (turn it clockwise).
            int sx = box.rotated ? sx0 + y : sx0 + x;
            int sy = box.rotated ? sy0 + (src_h - 1 - x) : sy0 + y;
            if (sx < 0 || sy < 0 || sx >= scan.width || sy >= scan.height) continue;
            std::memcpy(dst + size_t(x) * px, scan.row(sy) + size_t(sx) * px, px);
        }
    }
    return out;
}

}  // namespace kiosk::copy
