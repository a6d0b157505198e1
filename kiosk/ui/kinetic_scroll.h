// KineticScroll: the drag-and-fling arithmetic shared by ListView and ScrollView.
#pragma once

#include <chrono>

namespace kiosk::ui {

/// Vertical scrolling by finger: a press that moves less than the tap slop is a tap; a drag
/// moves the offset with the finger; on release the list keeps moving at the finger's speed
/// and slows like a phone list, stopping at either end.
class KineticScroll {
public:
    using time_point = std::chrono::steady_clock::time_point;
    void press(int y, time_point t);
    /// Follows the finger; `max` is the largest offset (content height - view height).
    void drag(int y, time_point t, double max);
    /// Ends the touch; returns true when it was a tap (the finger did not move).
    bool release(time_point t);
    void cancel();
    /// Advances a fling; returns true while still moving (the caller needs another frame).
    bool tick(time_point now, double max);
    void scroll_to(double offset, double max);
    /// Keeps the offset valid after the content changed size.
    void clamp(double max);

    double offset() const { return m_offset; }
    bool dragging() const { return m_dragging; }
    bool moved() const { return m_moved; }
    int press_y() const { return m_down_y; }

private:
    double m_offset = 0;
    double m_velocity = 0;  // px per second
    bool m_dragging = false, m_moved = false;
    int m_down_y = 0, m_last_y = 0;
    time_point m_last_time{}, m_last_tick{};
};

}  // namespace kiosk::ui
