// ScrollView: a vertical scrolling panel of child widgets (item pages, hall info) with drag and fling.
#pragma once

#include <memory>
#include <vector>

#include "kiosk/ui/kinetic_scroll.h"
#include "kiosk/ui/widget.h"

namespace kiosk::ui {

/// Children are placed in content coordinates: as if the panel were scrolled to the top (their
/// bounds are screen coordinates at offset 0). The panel clips them to its bounds, shifts them
/// by the scroll offset, and routes a tap (not a drag) to the child under the finger. For the
/// UI dump and script taps it reports the children that are visible, at their shifted bounds.
class ScrollView : public Widget {
public:
    const char* type() const override { return "scroll"; }
    void draw(Canvas&) override;
    bool on_pointer(const PointerEvent&) override;
    bool tick(std::chrono::steady_clock::time_point) override;
    std::vector<Item> items() const override;

    template <class W, class... A>
    W* add(A&&... a) {
        auto w = std::make_unique<W>(std::forward<A>(a)...);
        W* raw = w.get();
        m_children.push_back(std::move(w));
        return raw;
    }
    /// The bottom of the content (screen y at offset 0); sets how far the panel scrolls.
    void set_content_bottom(int y) { m_content_bottom = y; }
    double max_offset() const;
    double offset() const { return m_scroll.offset(); }
    void scroll_to(double offset);
    SDL_Color background{0, 0, 0, 0};  ///< alpha 0: transparent

private:
    Widget* child_at(int x, int y) const;  ///< screen coordinates
    std::vector<WidgetPtr> m_children;
    int m_content_bottom = 0;
    KineticScroll m_scroll;
    int m_down_x = 0;
};

}  // namespace kiosk::ui
