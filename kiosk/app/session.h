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
    std::chrono::seconds hold_max{1800}; ///< longest a hold stops the countdown (session.print_hold_max_s)
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
    /// How long since the last touch, key or scan.
    Clock::duration idle_for() const { return m_clock.now() - m_last_touch; }
    /// True when the home screen has been idle long enough for the attract screen.
    bool attract_due() const;
    /// Continue after the countdown.
    void keep();
    /// A task the citizen is waiting for is under way (a print sending, printing, or paused for
    /// paper, a jam or an open door): while held there is no countdown and no expiry, so a
    /// citizen who waits as told is not wiped. Released, the idle time starts again from then
    /// (time to take the paper). A hold longer than hold_max lapses: a printer that never
    /// answers must not keep personal data on screen for ever. Only an active session holds;
    /// the wipe releases it.
    void hold(bool on);
    bool held() const { return m_held; }

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
    /// The text-entry tab the citizen chose ("handwriting", "pinyin", …); empty: the default.
    std::string input_mode;
    int wipe_count() const { return m_wipes; }

private:
    const Clock& m_clock;
    SessionTimeouts m_timeouts;
    Clock::time_point m_last_touch;
    Clock::time_point m_countdown_start{};
    Phase m_phase = Phase::Idle;
    bool m_held = false;
    Clock::time_point m_hold_start{};
    std::vector<std::function<void()>> m_wipers;
    int m_wipes = 0;
    /// While a citizen is here, every C++ block the UI thread frees is zeroed: typed case
    /// numbers, scanned login codes and the screens' copies pass through plain strings of
    /// the UI and the widgets. Only during a session, so the attract loop pays nothing.
    std::optional<WipeFreedOnThisThread> m_wipe_freed;
};

}  // namespace kiosk
