// Test data: realistic scans of the glass corner made here (a card-sized rounded rectangle on a lid, sensor noise, print on the card).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "drivers/copier/scan_image.h"

namespace kiosk::copy::test {

struct Glass {
    double area_w_mm = 105, area_h_mm = 74;  ///< the scanned corner
    int dpi = 300;
    int channels = 3;
    int lid = 238;                           ///< the lid's level (white lid)
    int card = 208;                          ///< the card's base level
    double card_x_mm = 4, card_y_mm = 3;
    double card_w_mm = 85.6, card_h_mm = 54; ///< swap for a card on its long edge
    double radius_mm = 3.2;
    double angle_deg = 0;                    ///< askew
    bool print = true;                       ///< dark text and a photo on the card
    bool has_card = true;
    int noise = 4;                           ///< ± sensor noise
};

inline copier::ScanImage make_scan(const Glass& g) {
    int w = int(std::lround(g.area_w_mm / 25.4 * g.dpi)), h = int(std::lround(g.area_h_mm / 25.4 * g.dpi));
    auto img = copier::ScanImage::make(w, h, g.channels, g.dpi);
    const double mm = 25.4 / g.dpi, a = g.angle_deg * M_PI / 180;
    const double cx = g.card_x_mm + g.card_w_mm / 2, cy = g.card_y_mm + g.card_h_mm / 2;
    uint32_t seed = 7;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            // Into the card's own coordinates (turned back by the angle), from its top-left.
            double dx = x * mm - cx, dy = y * mm - cy;
            double u = dx * std::cos(a) + dy * std::sin(a) + g.card_w_mm / 2, v = -dx * std::sin(a) + dy * std::cos(a) + g.card_h_mm / 2;
            int level = g.lid;
            if (g.has_card && u >= 0 && v >= 0 && u < g.card_w_mm && v < g.card_h_mm) {
                double qx = std::fmin(std::fmax(u, g.radius_mm), g.card_w_mm - g.radius_mm);
                double qy = std::fmin(std::fmax(v, g.radius_mm), g.card_h_mm - g.radius_mm);
                if ((u - qx) * (u - qx) + (v - qy) * (v - qy) <= g.radius_mm * g.radius_mm) {
                    level = g.card;
                    bool wide = g.card_w_mm > g.card_h_mm;
                    double lu = wide ? u : v, lv = wide ? v : u;  // along the card's long side
                    if (g.print && lu > 58 && lu < 80 && lv > 9 && lv < 40) level = 110;                       // photo
                    else if (g.print && lu > 6 && lu < 50 && lv > 8 && lv < 46 && std::fmod(lv, 6.5) < 2.4 &&
                             int(lu / 2.5) % 4 != 0) level = 45;                                                 // text
                }
            }
            seed = seed * 1103515245u + 12345u;
            int n = int((seed >> 16) % unsigned(2 * g.noise + 1)) - g.noise;
            uint8_t v8 = uint8_t(std::clamp(level + n, 0, 255));
            uint8_t* p = img.row(y) + size_t(x) * size_t(g.channels);
            for (int c = 0; c < g.channels; ++c) p[c] = v8;
        }
    return img;
}

}  // namespace kiosk::copy::test
