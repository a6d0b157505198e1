// In-memory simulated scanner.
#include "drivers/scanner/sim_scanner.h"

namespace kiosk::scanner {

ScannerState SimScanner::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

void SimScanner::start(ScanListener listener) {
    ScanListener l;
    ScanEvent ev{ScanEvent::Kind::StateChanged, {}, ScannerState::Ready, "sim scanner started"};
    {
        std::lock_guard lock(m_mutex);
        m_listener = std::move(listener);
        l = m_listener;
        ev.state = m_state;
    }
    if (l) l(ev);
}

void SimScanner::stop() {
    std::lock_guard lock(m_mutex);
    m_listener = nullptr;
}

bool SimScanner::inject(const std::string& text) {
    ScanListener l;
    {
        std::lock_guard lock(m_mutex);
        if (!m_listener || m_state != ScannerState::Ready) return false;
        l = m_listener;
    }
    // The listener is called outside the lock so it may call back into the scanner.
    l(ScanEvent{ScanEvent::Kind::Scanned, text, ScannerState::Ready, {}, std::chrono::steady_clock::now()});
    return true;
}

bool SimScanner::inject_unreadable(const std::string& message) {
    ScanListener l;
    {
        std::lock_guard lock(m_mutex);
        if (!m_listener || m_state != ScannerState::Ready) return false;
        l = m_listener;
    }
    l(ScanEvent{ScanEvent::Kind::Unreadable, {}, ScannerState::Ready, message, std::chrono::steady_clock::now()});
    return true;
}

void SimScanner::set_state(ScannerState s, const std::string& message) {
    ScanListener l;
    {
        std::lock_guard lock(m_mutex);
        if (m_state == s) return;
        m_state = s;
        l = m_listener;
    }
    if (l) l(ScanEvent{ScanEvent::Kind::StateChanged, {}, s, message});
}

}  // namespace kiosk::scanner
