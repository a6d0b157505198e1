// VT_LOCKSWITCH on /dev/tty0 for the kiosk on the console (see console_lock.h).
#include "console_lock.h"

#include <fcntl.h>
#include <linux/vt.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/log.h"

namespace kiosk {

bool ConsoleSwitchLock::lock() {
    if (m_fd >= 0) return true;
    int fd = ::open("/dev/tty0", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        LOG_WARN("console") << "cannot open /dev/tty0 to lock VT switching: " << std::strerror(errno);
        return false;
    }
    if (::ioctl(fd, VT_LOCKSWITCH, 1) != 0) {
        LOG_WARN("console") << "VT_LOCKSWITCH: " << std::strerror(errno)
                            << " (the unit grants CAP_SYS_TTY_CONFIG; Ctrl+Alt+Fn still switches consoles)";
        ::close(fd);
        return false;
    }
    m_fd = fd;
    LOG_INFO("console") << "virtual-terminal switching locked";
    return true;
}

ConsoleSwitchLock::~ConsoleSwitchLock() {
    if (m_fd < 0) return;
    ::ioctl(m_fd, VT_UNLOCKSWITCH, 1);
    ::close(m_fd);
}

}  // namespace kiosk
