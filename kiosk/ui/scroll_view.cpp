// ScrollView: clips and shifts its children, scrolls by drag and fling, routes taps to children.
#include "kiosk/ui/scroll_view.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {
constexpr int kTapSlopPx = 12;                  // about 3 mm: less is a tap, more a drag
constexpr double kFlingDecayPerSecond = 0.05;   // like ListView
constexpr double kMinFlingSpeed = 40.0;

/// Shifts a widget's bounds by dy for the duration of a call.
struct Shift {
    Widget* w;
    int dy;
    Shift(Widget* w_, int dy_) : w(w_), dy(dy_) { w->bounds.y += dy; }
    ~Shift() { w->bounds.y -= dy; }
};
}  // namespace

double ScrollView::max_offset() const { return std::max(0.0, double(m_content_bottom - (bounds.y + bounds.h))); }

void ScrollView::scroll_to(double offset) {
    m_offset = std::clamp(offset, 0.0, max_offset());
    m_velocity = 0;
}

void ScrollView::draw(Canvas& c) {
    if (!visible) return;
    if (background.a) fill_rect(c.renderer, bounds, background);
    SDL_RenderSetClipRect(c.renderer, &bounds);
    int dy = -int(std::lround(m_offset));
    for (auto& w : m_children) {
        if (!w->visible) continue;
        int top = w->bounds.y + dy, bottom = top + w->bounds.h;
        if (bottom <= bounds.y || top >= bounds.y + bounds.h) continue;
        Shift s(w.get(), dy);
        w->draw(c);
        SDL_RenderSetClipRect(c.renderer, &bounds);  // a child may have reset the clip
    }
    SDL_RenderSetClipRect(c.renderer, nullptr);
    if (max_offset() > 0) {  // scroll indicator: there is more below
        int bar_h = std::max(60, int(bounds.h * double(bounds.h) / (bounds.h + max_offset())));
        int bar_y = bounds.y + int((bounds.h - bar_h) * (m_offset / max_offset()));
        fill_rounded(c.renderer, {bounds.x + bounds.w - 14, bar_y, 10, bar_h}, 5, c.theme.disabled);
    }
}

Widget* ScrollView::child_at(int x, int y) const {
    int dy = -int(std::lround(m_offset));
    for (auto it = m_children.rbegin(); it != m_children.rend(); ++it) {
        Widget* w = it->get();
        if (!w->visible || !w->tappable()) continue;
        SDL_Rect r = w->bounds;
        r.y += dy;
        if (contains(r, x, y)) return w;
    }
    return nullptr;
}

bool ScrollView::on_pointer(const PointerEvent& e) {
    using K = PointerEvent::Kind;
    if (e.kind == K::Down) {
        if (!contains(bounds, e.x, e.y)) return false;
        m_dragging = true;
        m_moved = false;
        m_velocity = 0;
        m_down_x = e.x;
        m_down_y = m_last_y = e.y;
        m_last_time = e.time;
        return true;
    }
    if (!m_dragging) return false;
    if (e.kind == K::Move) {
        if (std::abs(e.y - m_down_y) > kTapSlopPx) m_moved = true;
        if (m_moved) {
            double dt = std::chrono::duration<double>(e.time - m_last_time).count();
            double dy = e.y - m_last_y;
            m_offset = std::clamp(m_offset - dy, 0.0, max_offset());
            if (dt > 0) m_velocity = 0.6 * (-dy / dt) + 0.4 * m_velocity;
        }
        m_last_y = e.y;
        m_last_time = e.time;
        return true;
    }
    m_dragging = false;
    if (e.kind == K::Up && !m_moved && contains(bounds, e.x, e.y)) {
        m_velocity = 0;
        if (Widget* w = child_at(m_down_x, m_down_y)) {
            // The child sees the whole tap at its shifted position.
            int dy = -int(std::lround(m_offset));
            Shift s(w, dy);
            PointerEvent down = e;
            down.kind = K::Down;
            down.x = m_down_x;
            down.y = m_down_y;
            if (w->on_pointer(down)) w->on_pointer(e);
        }
    } else if (e.kind == K::Cancel || std::abs(m_velocity) < kMinFlingSpeed) {
        m_velocity = 0;
    }
    m_last_tick = e.time;
    return true;
}

bool ScrollView::tick(std::chrono::steady_clock::time_point now) {
    if (m_dragging || m_velocity == 0) {
        m_last_tick = now;
        return false;
    }
    double dt = std::min(0.1, std::chrono::duration<double>(now - m_last_tick).count());
    m_last_tick = now;
    if (dt <= 0) return true;
    m_offset += m_velocity * dt;
    m_velocity *= std::pow(kFlingDecayPerSecond, dt);
    if (m_offset <= 0 || m_offset >= max_offset()) {
        m_offset = std::clamp(m_offset, 0.0, max_offset());
        m_velocity = 0;
    }
    if (std::abs(m_velocity) < kMinFlingSpeed) m_velocity = 0;
    return m_velocity != 0;
}

std::vector<Widget::Item> ScrollView::items() const {
    std::vector<Item> out;
    int dy = -int(std::lround(m_offset));
    auto in_view = [&](const SDL_Rect& r) {
        int cy = r.y + r.h / 2;  // a script taps the centre: it must be inside the panel
        return r.h > 0 && cy >= bounds.y && cy < bounds.y + bounds.h;
    };
    for (const auto& w : m_children) {
        if (!w->visible) continue;
        auto sub = w->items();
        if (!sub.empty()) {
            for (auto it : sub) {
                it.bounds.y += dy;
                if (in_view(it.bounds)) out.push_back(std::move(it));
            }
            continue;
        }
        std::string t = w->text();
        SDL_Rect r = w->bounds;
        r.y += dy;
        if (t.empty() || !in_view(r)) continue;
        out.push_back({t, r, w->tappable(), w->enabled});
    }
    return out;
}

}  // namespace kiosk::ui
