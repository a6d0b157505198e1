// ListView: rows that scroll by drag, keep moving after a fling, and stop at the ends.
#include <algorithm>
#include <cmath>

#include "widgets.h"

namespace kiosk::ui {

ListView::ListView(int row_height) : m_row_height(row_height) {}

void ListView::set_rows(std::vector<Row> rows) {
    m_rows = std::move(rows);
    m_scroll.scroll_to(m_scroll.offset(), max_offset());
}

double ListView::max_offset() const { return std::max(0.0, double(m_rows.size()) * m_row_height - bounds.h); }

void ListView::scroll_to(double offset) { m_scroll.scroll_to(offset, max_offset()); }

bool ListView::on_pointer(const PointerEvent& e) {
    using K = PointerEvent::Kind;
    if (e.kind == K::Down) {
        if (!contains(bounds, e.x, e.y)) return false;
        m_scroll.press(e.y, e.time);
        int idx = int((e.y - bounds.y + m_scroll.offset()) / m_row_height);
        m_down_row = idx >= 0 && idx < int(m_rows.size()) ? idx : -1;
        return true;
    }
    if (!m_scroll.dragging()) return false;
    if (e.kind == K::Move) {
        m_scroll.drag(e.y, e.time, max_offset());
        return true;
    }
    if (e.kind == K::Up) {
        bool tap = m_scroll.release(e.time);
        if (tap && m_down_row >= 0 && contains(bounds, e.x, e.y) && m_rows[size_t(m_down_row)].on_tap)
            m_rows[size_t(m_down_row)].on_tap();
        return true;
    }
    m_scroll.cancel();
    return true;
}

bool ListView::tick(std::chrono::steady_clock::time_point now) { return m_scroll.tick(now, max_offset()); }

bool ListView::tap_row(const std::string& title) {
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].title != title) continue;
        double top = double(i) * m_row_height;
        double offset = m_scroll.offset();
        if (top < offset || top + m_row_height > offset + bounds.h) scroll_to(top);
        if (m_rows[i].on_tap) m_rows[i].on_tap();
        return true;
    }
    return false;
}

std::vector<Widget::Item> ListView::items() const {
    std::vector<Item> out;
    int first = int(m_scroll.offset() / m_row_height);
    for (int i = std::max(0, first); i < int(m_rows.size()); ++i) {
        int y = bounds.y + int(i * m_row_height - m_scroll.offset());
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
    int first = int(m_scroll.offset() / m_row_height);
    int pad = t.px(32);
    for (int i = std::max(0, first); i < int(m_rows.size()); ++i) {
        int y = bounds.y + int(i * m_row_height - m_scroll.offset());
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
        // Measured through the renderer's cache: the face is shared by all sizes, and
        // measuring directly every frame would reload its glyphs at each size change.
        if (c.text.measure(title, t.body(), Weight::Regular).x > avail) {
            int ellipsis = c.text.measure("…", t.body(), Weight::Regular).x;
            auto lines = wrap_text(c.text.fonts().get(t.body(), Weight::Regular), title, avail - ellipsis);
            title = lines.empty() ? title : lines[0] + "…";
        }
        c.text.draw(title, t.body(), Weight::Regular, t.text, bounds.x + pad, ty);
        if (!r.subtitle.empty()) {
            std::string sub = r.subtitle;
            if (c.text.measure(sub, t.small(), Weight::Regular).x > avail) {
                int ellipsis = c.text.measure("…", t.small(), Weight::Regular).x;
                auto lines = wrap_text(c.text.fonts().get(t.small(), Weight::Regular), sub, avail - ellipsis);
                sub = lines.empty() ? sub : lines[0] + "…";
            }
            c.text.draw(sub, t.small(), Weight::Regular, t.muted, bounds.x + pad, ty + th);
        }
        fill_rect(c.renderer, {bounds.x + pad, y + m_row_height - 1, bounds.w - 2 * pad, 1}, t.border);
    }
    // Scroll indicator, so a citizen sees there is more below.
    if (max_offset() > 0) {
        int bar_h = std::max(40, int(bounds.h * double(bounds.h) / (bounds.h + max_offset())));
        int bar_y = bounds.y + int((bounds.h - bar_h) * (m_scroll.offset() / max_offset()));
        fill_rounded(c.renderer, {bounds.x + bounds.w - 12, bar_y, 8, bar_h}, 4, t.disabled);
    }
    SDL_RenderSetClipRect(c.renderer, nullptr);
}

}  // namespace kiosk::ui
