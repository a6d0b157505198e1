// SimCopier: draws what lies on the glass (a card-sized rounded rectangle on a lid, or a page of text lines) at the requested dpi.
#include "drivers/copier/sim_copier.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace kiosk::copier {

std::array<uint8_t, 64> sim_marker(std::string_view seed) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a, then xorshift64*
    for (unsigned char c : seed) h = (h ^ c) * 1099511628211ull;
    std::array<uint8_t, 64> out{};
    for (auto& b : out) {
        h ^= h >> 12, h ^= h << 25, h ^= h >> 27;
        b = uint8_t((h * 2685821657736338717ull) >> 56);
    }
    return out;
}

namespace {

void put(ScanImage& img, int x, int y, uint8_t r, uint8_t g, uint8_t b) {
    uint8_t* p = img.row(y) + size_t(x) * size_t(img.channels);
    if (img.channels == 1) p[0] = uint8_t((r * 77 + g * 150 + b * 29) >> 8);
    else p[0] = r, p[1] = g, p[2] = b;
}

/// Inside a rounded rectangle (mm coordinates).
bool in_rounded(double x, double y, double l, double t, double w, double h, double radius) {
    if (x < l || y < t || x >= l + w || y >= t + h) return false;
    double cx = std::clamp(x, l + radius, l + w - radius), cy = std::clamp(y, t + radius, t + h - radius);
    return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
}

/// Text-like bars: rows of dark strokes with gaps, as printed lines look at scan resolution.
bool in_text(double x, double y, double l, double t, double w, double h, double line, int seed) {
    if (x < l || y < t || x >= l + w || y >= t + h) return false;
    double ly = std::fmod(y - t, line);
    if (ly > line * 0.45) return false;
    int word = int((x - l) / 2.2);
    return ((word * 7 + int((y - t) / line) * 3 + seed) % 5) != 0;
}

}  // namespace

SimCopier::SimCopier(Options o) : m_options(std::move(o)) {
    m_status.state = CopierState::Ready;
    m_status.device = "sim";
}

CopierStatus SimCopier::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void SimCopier::set_listener(CopierListener l) {
    CopierStatus now;
    {
        std::lock_guard lock(m_mutex);
        m_listener = l;
        now = m_status;
    }
    if (l) l(now);
}

void SimCopier::set_state(CopierState s, const std::string& message) {
    CopierListener l;
    CopierStatus now;
    {
        std::lock_guard lock(m_mutex);
        bool changed = m_status.state != s;
        m_status.state = s;
        m_status.message = message;
        if (!changed) return;
        l = m_listener;
        now = m_status;
    }
    if (l) l(now);
}

Status SimCopier::set_condition(const std::string& c) {
    if (c == "ok") {
        {
            std::lock_guard lock(m_mutex);
            m_gone_next = m_no_card = false;
        }
        set_state(CopierState::Ready, "");
    } else if (c == "no-device") set_state(CopierState::NoDevice, "simulated: unplugged");
    else if (c == "cover-open") set_state(CopierState::CoverOpen, "simulated: cover open");
    else if (c == "jammed") set_state(CopierState::Jammed, "simulated: jammed");
    else if (c == "busy") set_state(CopierState::Busy, "simulated: busy");
    else if (c == "gone-next") {
        std::lock_guard lock(m_mutex);
        m_gone_next = true;
    } else if (c == "no-card") {
        std::lock_guard lock(m_mutex);
        m_no_card = true;
    } else return make_error(Errc::InvalidInput, "unknown copier condition '" + c + "'");
    return {};
}

Result<ScanImage> SimCopier::scan(const ScanRequest& r) {
    if (r.dpi < 50 || r.dpi > 1200) return make_error(Errc::InvalidInput, "dpi must be 50..1200");
    if (r.width_mm <= 0 || r.height_mm <= 0 || r.x_mm < 0 || r.y_mm < 0 || r.x_mm + r.width_mm > glass_width_mm() + 0.5 ||
        r.y_mm + r.height_mm > glass_height_mm() + 0.5)
        return make_error(Errc::InvalidInput, "scan area outside the glass");
    bool gone, no_card;
    int n;
    {
        std::lock_guard lock(m_mutex);
        switch (m_status.state) {
        case CopierState::NoDevice: return make_error(Errc::DeviceNotReady, "no scanner");
        case CopierState::CoverOpen: return make_error(Errc::DeviceNotReady, "cover open");
        case CopierState::Jammed: return make_error(Errc::DeviceNotReady, "jammed");
        case CopierState::Busy: return make_error(Errc::DeviceNotReady, "busy");
        default: break;
        }
        gone = m_gone_next;
        m_gone_next = false;
        no_card = m_no_card;
        n = ++m_scans;
    }
    set_state(CopierState::Busy, "scanning");
    if (m_options.scan_time.count() > 0) std::this_thread::sleep_for(m_options.scan_time / (gone ? 2 : 1));
    if (gone) {
        set_state(CopierState::NoDevice, "simulated: gone mid-scan");
        return make_error(Errc::HardwareError, "the scanner went away mid-scan");
    }
    int w = int(std::lround(r.width_mm / 25.4 * r.dpi)), h = int(std::lround(r.height_mm / 25.4 * r.dpi));
    auto img = ScanImage::make(w, h, r.mode == ColorMode::Color ? 3 : 1, r.dpi);
    if (!img.valid()) {
        set_state(CopierState::Ready, "");
        return make_error(Errc::Internal, "no memory for the scan");
    }
    // Small areas are the ID-card corner: a card on the lid. Larger ones are a page.
    bool card = r.width_mm <= 130 && r.height_mm <= 100;
    const double mm = 25.4 / r.dpi;
    const double cl = m_options.card_x_mm, ct = m_options.card_y_mm, cw = 85.6, ch = 54.0;
    bool front = n % 2 == 1;
    uint32_t noise = 12345u + uint32_t(n);
    for (int y = 0; y < h; ++y) {
        double gy = r.y_mm + y * mm;
        for (int x = 0; x < w; ++x) {
            double gx = r.x_mm + x * mm;
            noise = noise * 1103515245u + 12345u;
            int jitter = int((noise >> 16) % 7) - 3;  // sensor noise
            uint8_t R, G, B;
            if (card && !no_card) {
                if (in_rounded(gx, gy, cl, ct, cw, ch, 3.2)) {
                    // Card base: pale blue-grey; front: photo at the right, text at the left;
                    // back: the emblem at the left and two lines at the bottom.
                    R = 196, G = 212, B = 226;
                    double lx = gx - cl, ly = gy - ct;
                    if (front && lx > 56 && lx < 82 && ly > 8 && ly < 42) R = 120, G = 110, B = 105;
                    else if (front && in_text(lx, ly, 6, 6, 44, 40, 6.5, n)) R = G = B = 40;
                    else if (!front && (lx - 16) * (lx - 16) + (ly - 16) * (ly - 16) < 100) R = 200, G = 40, B = 40;
                    else if (!front && in_text(lx, ly, 10, 38, 66, 12, 6, n)) R = G = B = 40;
                } else {
                    R = G = B = 238;  // the lid
                }
            } else {
                R = G = B = 250;  // paper
                if (!card && in_text(gx, gy, 25, 30, 160, 230, 7, n)) R = G = B = 30;
            }
            put(img, x, y, uint8_t(std::clamp(R + jitter, 0, 255)), uint8_t(std::clamp(G + jitter, 0, 255)),
                uint8_t(std::clamp(B + jitter, 0, 255)));
        }
    }
    if (!m_options.marker_seed.empty()) {
        auto marker = sim_marker(m_options.marker_seed);
        int y = card ? std::clamp(int((ct + ch / 2 - r.y_mm) / mm), 0, h - 1) : h / 2;
        int x0 = card ? std::clamp(int((cl + 10 - r.x_mm) / mm), 0, w - 1) : w / 4;
        size_t room = img.stride - size_t(x0) * size_t(img.channels);
        std::copy_n(marker.begin(), std::min(room, marker.size()), img.row(y) + size_t(x0) * size_t(img.channels));
    }
    set_state(CopierState::Ready, "");
    return img;
}

}  // namespace kiosk::copier
