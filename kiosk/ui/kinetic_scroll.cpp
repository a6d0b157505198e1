// KineticScroll implementation.
#include "kiosk/ui/kinetic_scroll.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {
// A finger moving less than this between down and up is a tap, not a drag (about 3 mm).
constexpr int kTapSlopPx = 12;
// Fling decay per second: velocity falls to ~5% in one second, like a phone list.
constexpr double kFlingDecayPerSecond = 0.05;
constexpr double kMinFlingSpeed = 40.0;  // px/s below which the list stops
}  // namespace

void KineticScroll::press(int y, time_point t) {
    m_dragging = true;
    m_moved = false;
    m_velocity = 0;
    m_down_y = m_last_y = y;
    m_last_time = t;
}

void KineticScroll::drag(int y, time_point t, double max) {
    if (!m_dragging) return;
    if (std::abs(y - m_down_y) > kTapSlopPx) m_moved = true;
    if (m_moved) {
        double dt = std::chrono::duration<double>(t - m_last_time).count();
        double dy = y - m_last_y;
        m_offset = std::clamp(m_offset - dy, 0.0, max);
        if (dt > 0) m_velocity = 0.6 * (-dy / dt) + 0.4 * m_velocity;  // smoothed
    }
    m_last_y = y;
    m_last_time = t;
}

bool KineticScroll::release(time_point t) {
    bool tap = m_dragging && !m_moved;
    m_dragging = false;
    if (tap || std::abs(m_velocity) < kMinFlingSpeed) m_velocity = 0;
    m_last_tick = t;
    return tap;
}

void KineticScroll::cancel() {
    m_dragging = false;
    m_velocity = 0;
}

bool KineticScroll::tick(time_point now, double max) {
    if (m_dragging || m_velocity == 0) {
        m_last_tick = now;
        return false;
    }
    double dt = std::min(0.1, std::chrono::duration<double>(now - m_last_tick).count());
    m_last_tick = now;
    if (dt <= 0) return true;
    m_offset += m_velocity * dt;
    m_velocity *= std::pow(kFlingDecayPerSecond, dt);
    if (m_offset <= 0 || m_offset >= max) {
        m_offset = std::clamp(m_offset, 0.0, max);
        m_velocity = 0;
    }
    if (std::abs(m_velocity) < kMinFlingSpeed) m_velocity = 0;
    return m_velocity != 0;
}

void KineticScroll::scroll_to(double offset, double max) {
    m_offset = std::clamp(offset, 0.0, max);
    m_velocity = 0;
}

void KineticScroll::clamp(double max) { m_offset = std::clamp(m_offset, 0.0, max); }

}  // namespace kiosk::ui
