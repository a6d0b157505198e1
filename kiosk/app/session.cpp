// Session phases and the wipe.
#include "session.h"

#include "drivers/idcard/idcard_reader.h"

namespace kiosk {

void Session::touch() {
    m_last_touch = m_clock.now();
    if (m_phase == Phase::Countdown) m_phase = Phase::Active;
}

void Session::begin() {
    touch();
    if (m_phase == Phase::Idle) m_phase = Phase::Active;
    if (!m_wipe_freed) m_wipe_freed.emplace();
}

void Session::keep() {
    m_phase = Phase::Active;
    m_last_touch = m_clock.now();
}

void Session::hold(bool on) {
    if (on && (m_phase == Phase::Idle || m_held)) return;
    if (!on && !m_held) return;
    m_held = on;
    if (on) {
        m_hold_start = m_clock.now();
        if (m_phase == Phase::Countdown) m_phase = Phase::Active;
    } else {
        m_last_touch = m_clock.now();
    }
}

int Session::countdown_left() const {
    if (m_phase != Phase::Countdown) return 0;
    auto left = m_timeouts.countdown - (m_clock.now() - m_countdown_start);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(left).count();
    return ms <= 0 ? 0 : int((ms + 999) / 1000);
}

bool Session::update() {
    auto now = m_clock.now();
    if (m_held) {
        if (now - m_hold_start < m_timeouts.hold_max) return false;
        hold(false);  // lapsed: the normal idle rules apply from here
    }
    if (m_phase == Phase::Active && now - m_last_touch >= m_timeouts.idle) {
        m_phase = Phase::Countdown;
        m_countdown_start = now;
    }
    if (m_phase == Phase::Countdown && now - m_countdown_start >= m_timeouts.countdown) return true;
    return false;
}

bool Session::attract_due() const { return m_phase == Phase::Idle && m_clock.now() - m_last_touch >= m_timeouts.attract; }

void Session::wipe() {
    if (identity) identity->wipe();
    identity.reset();
    login_token.wipe();
    input_mode.clear();  // the tab chosen (手写, 拼音, …) is the citizen's: the next one starts afresh
    for (auto& w : m_wipers) w();
    m_wipers.clear();
    m_phase = Phase::Idle;
    m_held = false;
    m_last_touch = m_clock.now();
    ++m_wipes;
    m_wipe_freed.reset();
}

}  // namespace kiosk
