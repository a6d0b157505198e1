// systemd service notifications (sd_notify): READY=1 after the first frame, WATCHDOG=1 from the
// UI loop while it is healthy, STATUS= lines for `systemctl status`. Inert without NOTIFY_SOCKET.
#pragma once

#include <chrono>
#include <string>

namespace kiosk {

class SystemdNotifier {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    /// Reads NOTIFY_SOCKET / WATCHDOG_USEC / WATCHDOG_PID through libsystemd. Outside systemd
    /// (no NOTIFY_SOCKET) every call below does nothing.
    SystemdNotifier();

    /// After the first frame was presented: READY=1 (once; later calls do nothing).
    void ready();
    /// Called by the UI loop after every frame() with whether the event queue was drained
    /// (nothing posted by another thread waited longer than half the watchdog period). Pings
    /// WATCHDOG=1 at half the period systemd set (WatchdogSec=), only when both hold: a UI thread
    /// that hangs, or a flood it cannot keep up with, stops the pings and systemd restarts it.
    void frame_done(bool queue_drained, TimePoint now = std::chrono::steady_clock::now());
    /// STATUS=text, sent when it changed.
    void status(const std::string& text);

    bool watchdog_enabled() const { return m_interval.count() > 0; }
    /// Half of WatchdogSec (how often frame_done pings); zero when the watchdog is off.
    std::chrono::microseconds ping_interval() const { return m_interval; }
    bool is_ready() const { return m_ready; }

private:
    bool m_active = false;  // NOTIFY_SOCKET set
    bool m_ready = false;
    std::chrono::microseconds m_interval{0};
    TimePoint m_last_ping{};
    std::string m_last_status;
};

}  // namespace kiosk
