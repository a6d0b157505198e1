// The SAM protocol over a serial port: one request, one reply; baud probing; resync after faults.
#pragma once

#include <chrono>
#include <span>
#include <string>

#include "base/result.h"
#include "drivers/serial/serial_port.h"
#include "drivers/idcard/sam_frame.h"

namespace kiosk::idcard {

struct TransportOptions {
    std::string path;                                   ///< e.g. /dev/idcard
    int baud = 0;                                       ///< 0: probe kProbeBauds in order
    std::chrono::milliseconds reply_timeout{1000};      ///< for the first byte of a reply
    std::chrono::milliseconds probe_timeout{300};       ///< per baud rate while probing
};

/// The rates a reader is probed at, fastest first (docs/idcard.md, "Link").
inline constexpr int kProbeBauds[] = {115200, 57600, 38400, 19200, 9600};

class SamTransport {
public:
    /// Opens the port and finds the rate the SAM answers `11 FF` at (or checks the given
    /// one). Unavailable when the device is absent; Timeout when nothing answers.
    static Result<SamTransport> open(const TransportOptions& options);

    /// Sends one request and waits for its reply. Protocol for a bad checksum or malformed
    /// reply, Timeout for none or a truncated one (the link is then resynchronised before the
    /// next request), Unavailable when the device vanished.
    Result<sam::Reply> transact(sam::Command cmd, std::span<const std::uint8_t> args = {});
    Result<sam::Reply> transact(sam::Command cmd, std::chrono::milliseconds reply_timeout);

    /// SW3 of the last SAM-status reply (0x90 when the SAM is fine).
    std::uint8_t sam_status() const { return m_sam_status; }
    /// Asks the SAM for its status again and returns its SW3.
    Result<std::uint8_t> check_sam();
    int baud() const { return m_port.baud(); }
    bool unplugged() const { return m_port.unplugged(); }
    const std::string& path() const { return m_port.path(); }
    /// Bytes dropped while looking for a preamble since open (garbage on the line).
    std::size_t discarded() const { return m_parser.discarded(); }

private:
    Result<sam::Reply> exchange(sam::Command cmd, std::span<const std::uint8_t> args, std::chrono::milliseconds timeout);
    void resync();
    SerialPort m_port;
    sam::FrameParser m_parser;
    TransportOptions m_options;
    std::uint8_t m_sam_status = 0;
    bool m_dirty = false;
};

}  // namespace kiosk::idcard
