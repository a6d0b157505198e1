// ScrollView: clips and shifts its children, scrolls by drag and fling, routes taps to children.
#include "kiosk/ui/scroll_view.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {
/// Shifts a widget's bounds by dy for the duration of a call.
struct Shift {
    Widget* w;
    int dy;
    Shift(Widget* w_, int dy_) : w(w_), dy(dy_) { w->bounds.y += dy; }
    ~Shift() { w->bounds.y -= dy; }
};
}  // namespace

double ScrollView::max_offset() const { return std::max(0.0, double(m_content_bottom - (bounds.y + bounds.h))); }

void ScrollView::scroll_to(double offset) { m_scroll.scroll_to(offset, max_offset()); }

void ScrollView::draw(Canvas& c) {
    if (!visible) return;
    if (background.a) fill_rect(c.renderer, bounds, background);
    SDL_RenderSetClipRect(c.renderer, &bounds);
    int dy = -int(std::lround(m_scroll.offset()));
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
        int bar_y = bounds.y + int((bounds.h - bar_h) * (m_scroll.offset() / max_offset()));
        fill_rounded(c.renderer, {bounds.x + bounds.w - 14, bar_y, 10, bar_h}, 5, c.theme.disabled);
    }
}

Widget* ScrollView::child_at(int x, int y) const {
    int dy = -int(std::lround(m_scroll.offset()));
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
        m_scroll.press(e.y, e.time);
        m_down_x = e.x;
        return true;
    }
    if (!m_scroll.dragging()) return false;
    if (e.kind == K::Move) {
        m_scroll.drag(e.y, e.time, max_offset());
        return true;
    }
    if (e.kind == K::Cancel) {
        m_scroll.cancel();
        return true;
    }
    int down_y = m_scroll.press_y();
    if (m_scroll.release(e.time) && contains(bounds, e.x, e.y)) {
        if (Widget* w = child_at(m_down_x, down_y)) {
            // The child sees the whole tap at its shifted position.
            int dy = -int(std::lround(m_scroll.offset()));
            Shift s(w, dy);
            PointerEvent down = e;
            down.kind = K::Down;
            down.x = m_down_x;
            down.y = down_y;
            if (w->on_pointer(down)) w->on_pointer(e);
        }
    }
    return true;
}

bool ScrollView::tick(std::chrono::steady_clock::time_point now) { return m_scroll.tick(now, max_offset()); }

std::vector<Widget::Item> ScrollView::items() const {
    std::vector<Item> out;
    int dy = -int(std::lround(m_scroll.offset()));
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
