// termios implementation of SerialPort: raw 8N1, poll-based timeouts, unplug detection.
#include "drivers/serial/serial_port.h"

#include "drivers/serial/baud_rates.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {
namespace {

using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

/// errno values that mean the device itself is gone (USB adapter pulled, pty master closed).
bool is_unplug_errno(int err) { return err == EIO || err == ENODEV || err == ENXIO || err == EBADF; }

int remaining_ms(steady::time_point deadline) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - steady::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

SerialPort::~SerialPort() { close(); }

SerialPort::SerialPort(SerialPort&& o) noexcept
    : m_fd(o.m_fd), m_baud(o.m_baud), m_unplugged(o.m_unplugged), m_path(std::move(o.m_path)) {
    o.m_fd = -1;
}

SerialPort& SerialPort::operator=(SerialPort&& o) noexcept {
    if (this != &o) {
        close();
        m_fd = o.m_fd;
        m_baud = o.m_baud;
        m_unplugged = o.m_unplugged;
        m_path = std::move(o.m_path);
        o.m_fd = -1;
    }
    return *this;
}

bool SerialPort::baud_supported(int baud) { return speed_for_baud(baud) != 0; }

Result<SerialPort> SerialPort::open(const std::string& path, int baud) {
    if (path.empty()) return make_error(Errc::InvalidInput, "serial: empty device path");
    if (!baud_supported(baud)) return make_error(Errc::InvalidInput, "serial: unsupported baud " + std::to_string(baud));
    int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        Errc code = (err == ENOENT || err == ENODEV || err == ENXIO) ? Errc::Unavailable : Errc::Io;
        return make_error(code, "serial: open " + path + ": " + std::strerror(err));
    }
    if (!isatty(fd)) {
        ::close(fd);
        return make_error(Errc::InvalidInput, "serial: " + path + " is not a terminal device");
    }
    // Exclusive use (tty_ioctl(4) TIOCEXCL): a second open of the port by another program
    // (a stray `cat`, a modem manager probing ttyUSB*) would take bytes of the card's frames
    // and could read a citizen's identity; it now fails with EBUSY (root excepted).
    if (::ioctl(fd, TIOCEXCL) != 0) {
        int err = errno;
        ::close(fd);
        return make_error(Errc::Io, "serial: exclusive use of " + path + ": " + std::strerror(err));
    }
    SerialPort port;
    port.m_fd = fd;
    port.m_path = path;
    TRY(port.set_baud(baud));
    return port;
}

Status SerialPort::set_baud(int baud) {
    if (m_fd < 0) return make_error(Errc::Io, "serial: port not open");
    speed_t sp = speed_for_baud(baud);
    if (sp == 0) return make_error(Errc::InvalidInput, "serial: unsupported baud " + std::to_string(baud));
    termios tio{};
    if (tcgetattr(m_fd, &tio) != 0) return failed("tcgetattr", errno);
    cfmakeraw(&tio);
    tio.c_cflag &= ~(PARENB | CSTOPB | CSIZE | CRTSCTS);
    tio.c_cflag |= CS8 | CLOCAL | CREAD;
    tio.c_iflag &= ~(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    cfsetispeed(&tio, sp);
    cfsetospeed(&tio, sp);
    if (tcsetattr(m_fd, TCSANOW, &tio) != 0) return failed("tcsetattr", errno);
    tcflush(m_fd, TCIFLUSH);
    m_baud = baud;
    return {};
}

Status SerialPort::failed(const char* what, int err) {
    if (is_unplug_errno(err)) {
        m_unplugged = true;
        return make_error(Errc::Unavailable, std::string("serial: ") + m_path + " vanished (" + what + ": " + std::strerror(err) + ")");
    }
    return make_error(Errc::Io, std::string("serial: ") + what + " " + m_path + ": " + std::strerror(err));
}

Result<std::size_t> SerialPort::read_some(std::span<std::uint8_t> buf, milliseconds timeout) {
    if (m_fd < 0) return make_error(Errc::Io, "serial: port not open");
    if (buf.empty()) return std::size_t{0};
    auto deadline = steady::now() + timeout;
    for (;;) {
        pollfd p{m_fd, POLLIN, 0};
        int rc = ::poll(&p, 1, remaining_ms(deadline));
        if (rc < 0) {
            if (errno == EINTR) continue;
            return failed("poll", errno).error();
        }
        if (rc == 0) return make_error(Errc::Timeout, "serial: no data from " + m_path);
        if (p.revents & POLLNVAL) return failed("poll", EBADF).error();
        // Data may still be buffered when HUP arrives: read it first; HUP alone is unplug.
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = ::read(m_fd, buf.data(), buf.size());
            if (n > 0) return static_cast<std::size_t>(n);
            if (n == 0 || (p.revents & (POLLHUP | POLLERR)))
                return failed("read", n == 0 ? ENODEV : (errno == EAGAIN ? ENODEV : errno)).error();
            if (errno == EAGAIN || errno == EINTR) continue;
            return failed("read", errno).error();
        }
    }
}

Status SerialPort::read_exact(std::span<std::uint8_t> buf, milliseconds timeout) {
    auto deadline = steady::now() + timeout;
    std::size_t got = 0;
    while (got < buf.size()) {
        auto n = read_some(buf.subspan(got), milliseconds(remaining_ms(deadline)));
        if (!n) return n.error();
        got += *n;
    }
    return {};
}

Status SerialPort::write_all(std::span<const std::uint8_t> data, milliseconds timeout) {
    if (m_fd < 0) return make_error(Errc::Io, "serial: port not open");
    auto deadline = steady::now() + timeout;
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(m_fd, data.data() + done, data.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN) return failed("write", errno);
        pollfd p{m_fd, POLLOUT, 0};
        int rc = ::poll(&p, 1, remaining_ms(deadline));
        if (rc == 0) return make_error(Errc::Timeout, "serial: write to " + m_path + " timed out");
        if (rc < 0 && errno != EINTR) return failed("poll", errno);
        if (rc > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL))) return failed("write", ENODEV);
    }
    return {};
}

void SerialPort::flush() {
    if (m_fd >= 0) tcflush(m_fd, TCIOFLUSH);
}

void SerialPort::drain() {
    if (m_fd >= 0) tcdrain(m_fd);
}

void SerialPort::close() {
    if (m_fd >= 0) {
        ::ioctl(m_fd, TIOCNXCL);  // the next owner (a restarted kiosk, kioskctl) may open it again
        ::close(m_fd);
    }
    m_fd = -1;
}

}  // namespace kiosk
