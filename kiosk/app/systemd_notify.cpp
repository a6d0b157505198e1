// sd_notify wrapper for the kiosk's UI loop: readiness, watchdog pings, status lines.
#include "systemd_notify.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>

#include "base/log.h"

namespace kiosk {

SystemdNotifier::SystemdNotifier() {
    const char* sock = std::getenv("NOTIFY_SOCKET");
    m_active = sock && *sock;
    uint64_t usec = 0;
    // sd_watchdog_enabled checks WATCHDOG_PID against this process: a child that inherits the
    // environment does not ping for its parent. Ping at half the period, as sd_watchdog_enabled(3)
    // advises, so one slow frame does not cost a restart.
    if (m_active && sd_watchdog_enabled(0, &usec) > 0 && usec > 0) m_interval = std::chrono::microseconds(usec / 2);
    if (m_active)
        LOG_INFO("systemd") << "notify socket set; watchdog "
                            << (m_interval.count() ? "every " + std::to_string(m_interval.count() / 1000) + " ms" : "off");
}

void SystemdNotifier::ready() {
    if (m_ready) return;
    m_ready = true;
    if (!m_active) return;
    sd_notify(0, "READY=1");
    m_last_ping = std::chrono::steady_clock::now();
}

void SystemdNotifier::frame_done(bool queue_drained, TimePoint now) {
    if (!m_active || !m_ready || m_interval.count() == 0 || !queue_drained) return;
    if (now - m_last_ping < m_interval) return;
    sd_notify(0, "WATCHDOG=1");
    m_last_ping = now;
}

void SystemdNotifier::status(const std::string& text) {
    if (!m_active || text == m_last_status) return;
    m_last_status = text;
    sd_notify(0, ("STATUS=" + text).c_str());
}

}  // namespace kiosk
