// A raw 8N1 serial port on termios: open at a baud rate, read with a timeout, write, detect unplug.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/result.h"

namespace kiosk {

/// One serial device (a tty, USB-serial adapter or pseudo-terminal slave), opened raw:
/// 8 data bits, no parity, 1 stop bit, no flow control, no line discipline.
///
/// Errors: a vanished device (EIO, ENODEV, ENXIO, POLLHUP/POLLERR) is reported as
/// Errc::Unavailable and marks the port unplugged(); a read that gets nothing in time is
/// Errc::Timeout; other failures are Errc::Io. Not thread-safe: one owner at a time.
class SerialPort {
public:
    SerialPort() = default;
    ~SerialPort();
    SerialPort(const SerialPort&) = delete;
    SerialPort& operator=(const SerialPort&) = delete;
    SerialPort(SerialPort&& o) noexcept;
    SerialPort& operator=(SerialPort&& o) noexcept;

    /// Opens `path` raw 8N1 at `baud` (one of the standard rates 1200 … 921600).
    static Result<SerialPort> open(const std::string& path, int baud);
    /// True when `baud` is a rate termios can set.
    static bool baud_supported(int baud);

    /// Changes the rate of an open port (drops pending input).
    Status set_baud(int baud);
    int baud() const { return m_baud; }
    const std::string& path() const { return m_path; }
    bool is_open() const { return m_fd >= 0; }
    /// True once a read or write saw the device vanish; the port must be reopened.
    bool unplugged() const { return m_unplugged; }

    /// Reads up to `buf.size()` bytes; waits at most `timeout` for the first byte, then
    /// returns what is available. Returns the count (>0), or Timeout / Unavailable / Io.
    Result<std::size_t> read_some(std::span<std::uint8_t> buf, std::chrono::milliseconds timeout);
    /// Reads exactly `buf.size()` bytes within `timeout` in total.
    Status read_exact(std::span<std::uint8_t> buf, std::chrono::milliseconds timeout);
    /// Writes every byte (waits for the output buffer as needed, at most `timeout`).
    Status write_all(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
    /// Discards pending input and output (tcflush).
    void flush();
    /// Waits until every written byte has left the port (tcdrain).
    void drain();
    void close();
    /// The file descriptor, for poll() loops of the owner; -1 when closed.
    int fd() const { return m_fd; }

private:
    Status failed(const char* what, int err);
    int m_fd = -1;
    int m_baud = 0;
    bool m_unplugged = false;
    std::string m_path;
};

}  // namespace kiosk
