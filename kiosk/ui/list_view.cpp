// ListView: rows that scroll by drag, keep moving after a fling, and stop at the ends.
#include <algorithm>
#include <cmath>

#include "widgets.h"

namespace kiosk::ui {

namespace {
// A finger moving less than this between down and up is a tap, not a drag (about 3 mm).
constexpr int kTapSlopPx = 12;
// Fling decay per second: velocity falls to ~5% in one second, like a phone list.
constexpr double kFlingDecayPerSecond = 0.05;
constexpr double kMinFlingSpeed = 40.0;  // px/s below which the list stops
}  // namespace

ListView::ListView(int row_height) : m_row_height(row_height) {}

void ListView::set_rows(std::vector<Row> rows) {
    m_rows = std::move(rows);
    m_offset = std::clamp(m_offset, 0.0, max_offset());
    m_velocity = 0;
}

double ListView::max_offset() const { return std::max(0.0, double(m_rows.size()) * m_row_height - bounds.h); }

void ListView::scroll_to(double offset) {
    m_offset = std::clamp(offset, 0.0, max_offset());
    m_velocity = 0;
}

bool ListView::on_pointer(const PointerEvent& e) {
    using K = PointerEvent::Kind;
    if (e.kind == K::Down) {
        if (!contains(bounds, e.x, e.y)) return false;
        m_dragging = true;
        m_moved = false;
        m_velocity = 0;
        m_down_y = m_last_y = e.y;
        m_last_time = e.time;
        int idx = int((e.y - bounds.y + m_offset) / m_row_height);
        m_down_row = idx >= 0 && idx < int(m_rows.size()) ? idx : -1;
        return true;
    }
    if (!m_dragging) return false;
    if (e.kind == K::Move) {
        if (std::abs(e.y - m_down_y) > kTapSlopPx) m_moved = true;
        if (m_moved) {
            double dt = std::chrono::duration<double>(e.time - m_last_time).count();
            double dy = e.y - m_last_y;
            m_offset = std::clamp(m_offset - dy, 0.0, max_offset());
            if (dt > 0) m_velocity = 0.6 * (-dy / dt) + 0.4 * m_velocity;  // smoothed
        }
        m_last_y = e.y;
        m_last_time = e.time;
        return true;
    }
    if (e.kind == K::Up) {
        m_dragging = false;
        if (!m_moved && m_down_row >= 0 && contains(bounds, e.x, e.y)) {
            m_velocity = 0;
            if (m_rows[size_t(m_down_row)].on_tap) m_rows[size_t(m_down_row)].on_tap();
        } else if (std::abs(m_velocity) < kMinFlingSpeed) {
            m_velocity = 0;
        }
        m_last_tick = e.time;
        return true;
    }
    m_dragging = false;
    m_velocity = 0;
    return true;
}

bool ListView::tick(std::chrono::steady_clock::time_point now) {
    if (m_dragging || m_velocity == 0) {
        m_last_tick = now;
        return false;
    }
    double dt = std::chrono::duration<double>(now - m_last_tick).count();
    m_last_tick = now;
    if (dt <= 0) return true;
    dt = std::min(dt, 0.1);
    m_offset += m_velocity * dt;
    m_velocity *= std::pow(kFlingDecayPerSecond, dt);
    if (m_offset <= 0 || m_offset >= max_offset()) {
        m_offset = std::clamp(m_offset, 0.0, max_offset());
        m_velocity = 0;
    }
    if (std::abs(m_velocity) < kMinFlingSpeed) m_velocity = 0;
    return m_velocity != 0;
}

bool ListView::tap_row(const std::string& title) {
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].title != title) continue;
        double top = double(i) * m_row_height;
        if (top < m_offset || top + m_row_height > m_offset + bounds.h) scroll_to(top);
        if (m_rows[i].on_tap) m_rows[i].on_tap();
        return true;
    }
    return false;
}

std::vector<Widget::Item> ListView::items() const {
    std::vector<Item> out;
    int first = int(m_offset / m_row_height);
    for (int i = std::max(0, first); i < int(m_rows.size()); ++i) {
        int y = bounds.y + int(i * m_row_height - m_offset);
        if (y >= bounds.y + bounds.h) break;
        const Row& r = m_rows[size_t(i)];
        std::string t = r.title;
        if (!r.subtitle.empty()) t += "\n" + r.subtitle;
        if (!r.badge.empty()) t += "\n" + r.badge;
        out.push_back({t, {bounds.x, y, bounds.w, m_row_height}, bool(r.on_tap), true});
    }
    if (m_rows.empty() && !empty_text.empty()) out.push_back({empty_text, bounds, false, true});
    return out;
}

void ListView::draw(Canvas& c) {
    if (!visible) return;
    const Theme& t = c.theme;
    SDL_Rect clip = bounds;
    SDL_RenderSetClipRect(c.renderer, &clip);
    fill_rect(c.renderer, bounds, t.card);
    if (m_rows.empty() && !empty_text.empty()) {
        auto s = c.text.measure(empty_text, t.body(), Weight::Regular);
        c.text.draw(empty_text, t.body(), Weight::Regular, t.muted, bounds.x + (bounds.w - s.x) / 2, bounds.y + t.px(60));
    }
    int first = int(m_offset / m_row_height);
    int pad = t.px(32);
    for (int i = std::max(0, first); i < int(m_rows.size()); ++i) {
        int y = bounds.y + int(i * m_row_height - m_offset);
        if (y >= bounds.y + bounds.h) break;
        const Row& r = m_rows[size_t(i)];
        int badge_w = 0;
        if (!r.badge.empty()) {
            auto bs = c.text.measure(r.badge, t.small(), Weight::Regular);
            badge_w = bs.x + pad;
            c.text.draw(r.badge, t.small(), Weight::Regular, t.primary, bounds.x + bounds.w - pad - bs.x,
                        y + (m_row_height - bs.y) / 2);
        }
        int th = c.text.line_height(t.body(), Weight::Regular);
        int sh = r.subtitle.empty() ? 0 : c.text.line_height(t.small(), Weight::Regular);
        int ty = y + (m_row_height - th - sh) / 2;
        // Titles longer than the row are cut with an ellipsis; the item page shows them whole.
        std::string title = r.title;
        int avail = bounds.w - 2 * pad - badge_w;
        TTF_Font* f = c.text.fonts().get(t.body(), Weight::Regular);
        if (text_width(f, title) > avail) {
            auto lines = wrap_text(f, title, avail - text_width(f, "…"));
            title = lines.empty() ? title : lines[0] + "…";
        }
        c.text.draw(title, t.body(), Weight::Regular, t.text, bounds.x + pad, ty);
        if (!r.subtitle.empty()) {
            std::string sub = r.subtitle;
            TTF_Font* fs = c.text.fonts().get(t.small(), Weight::Regular);
            if (text_width(fs, sub) > avail) {
                auto lines = wrap_text(fs, sub, avail - text_width(fs, "…"));
                sub = lines.empty() ? sub : lines[0] + "…";
            }
            c.text.draw(sub, t.small(), Weight::Regular, t.muted, bounds.x + pad, ty + th);
        }
        fill_rect(c.renderer, {bounds.x + pad, y + m_row_height - 1, bounds.w - 2 * pad, 1}, t.border);
    }
    // Scroll indicator, so a citizen sees there is more below.
    if (max_offset() > 0) {
        int bar_h = std::max(40, int(bounds.h * double(bounds.h) / (bounds.h + max_offset())));
        int bar_y = bounds.y + int((bounds.h - bar_h) * (m_offset / max_offset()));
        fill_rounded(c.renderer, {bounds.x + bounds.w - 12, bar_y, 8, bar_h}, 4, t.disabled);
    }
    SDL_RenderSetClipRect(c.renderer, nullptr);
}

}  // namespace kiosk::ui
