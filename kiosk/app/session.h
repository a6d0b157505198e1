// The citizen's session: idle timer, the "are you still there" countdown, and the wipe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/secret.h"

namespace kiosk::idcard {
struct Identity;
}

namespace kiosk {

struct SessionTimeouts {
    std::chrono::seconds idle{60};       ///< no touch this long → countdown (config session.idle_timeout_s)
    std::chrono::seconds countdown{10};  ///< countdown length before the wipe (session.countdown_s)
    std::chrono::seconds attract{300};   ///< idle on the home screen → attract screen (session.attract_after_s)
};

class Session {
public:
    enum class Phase { Idle, Active, Countdown };

    Session(const Clock& clock, SessionTimeouts t) : m_clock(clock), m_timeouts(t), m_last_touch(clock.now()) {}

    /// Any touch, key or scan: the citizen is here.
    void touch();
    /// A citizen has started using the kiosk (left the home screen, placed a card, scanned).
    void begin();
    bool active() const { return m_phase != Phase::Idle; }
    Phase phase() const { return m_phase; }
    /// Seconds left in the countdown (rounded up), 0 when not counting down.
    int countdown_left() const;
    /// Advances the phase from the clock. Returns true when the session has just expired
    /// (the caller wipes and goes home).
    bool update();
    /// True when the home screen has been idle long enough for the attract screen.
    bool attract_due() const;
    /// Continue after the countdown.
    void keep();

    /// Registers something to wipe at the end of the session (screens' personal data).
    void on_wipe(std::function<void()> fn) { m_wipers.push_back(std::move(fn)); }
    /// Drops every piece of personal data and returns to Idle.
    void wipe();

    /// The identity read from the card for this session (personal data), or null.
    std::shared_ptr<idcard::Identity> identity;
    /// An app login token scanned for this session (personal data).
    Secret login_token;
    std::string language;     ///< current UI language
    bool large_text = false;
    int wipe_count() const { return m_wipes; }

private:
    const Clock& m_clock;
    SessionTimeouts m_timeouts;
    Clock::time_point m_last_touch;
    Clock::time_point m_countdown_start{};
    Phase m_phase = Phase::Idle;
    std::vector<std::function<void()>> m_wipers;
    int m_wipes = 0;
    /// While a citizen is here, every C++ block the UI thread frees is zeroed: typed case
    /// numbers, scanned login codes and the screens' copies pass through plain strings of
    /// the UI and the widgets. Only during a session, so the attract loop pays nothing.
    std::optional<WipeFreedOnThisThread> m_wipe_freed;
};

}  // namespace kiosk
