// Locks virtual-terminal switching (Ctrl+Alt+Fn, chvt) while a production kiosk owns the console.
#pragma once

namespace kiosk {

/// On the console (SDL's KMSDRM driver) the kernel and SDL both switch virtual terminals on
/// Ctrl+Alt+Fn, which would leave a citizen at a login prompt. VT_LOCKSWITCH refuses every switch
/// until released; it needs CAP_SYS_TTY_CONFIG (the packaged unit grants it). Released when the
/// object goes away, so a stopped kiosk gives the console back.
class ConsoleSwitchLock {
public:
    ConsoleSwitchLock() = default;
    ~ConsoleSwitchLock();
    ConsoleSwitchLock(const ConsoleSwitchLock&) = delete;
    ConsoleSwitchLock& operator=(const ConsoleSwitchLock&) = delete;

    /// Locks switching; false (with the reason logged) when the console or the capability is missing.
    bool lock();
    bool locked() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

}  // namespace kiosk
