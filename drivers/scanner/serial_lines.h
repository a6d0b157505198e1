// Serial scanner byte stream → codes: terminators, stale half-codes, length cap, charset conversion.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace kiosk::scanner {

/// What ends a code on the wire (scanner.terminator).
enum class Terminator { CR, LF, CRLF, TAB };
/// What the scanner sends (scanner.charset). GB18030 is what older Chinese models send.
enum class Charset { Utf8, Gb18030 };

Result<Terminator> parse_terminator(std::string_view name);  ///< "CR", "LF", "CRLF", "TAB"
Result<Charset> parse_charset(std::string_view name);        ///< "UTF-8", "GB18030"
const char* terminator_name(Terminator);
const char* charset_name(Charset);
/// The bytes of a terminator: "\r", "\n", "\r\n", "\t".
std::string_view terminator_bytes(Terminator);

/// Converts a scanner's bytes to UTF-8. UTF-8 input is passed through unchanged (the
/// payload rules check it); GB18030 goes through iconv and fails with InvalidInput on a
/// byte sequence GB18030 does not define.
Result<std::string> to_utf8(std::string_view raw, Charset from);
/// The reverse, for the simulator and tests.
Result<std::string> from_utf8(std::string_view utf8, Charset to);

/// A half-code that has not been finished within this long is a misread (the scanner was
/// unplugged mid-code, or line noise): real scanners send a whole code in one burst, a few
/// ms even at 9600 baud for 1 KiB (about 1 s), so 1.5 s leaves room for the longest code.
inline constexpr std::chrono::milliseconds kSerialStaleGap{1500};
/// Longest raw code kept before the rest is dropped up to the next terminator: 4 bytes a
/// character is the worst case for a 1024-byte payload in GB18030.
inline constexpr std::size_t kMaxRawCodeBytes = 4096;

/// Splits a byte stream into codes. CR, LF and CRLF are treated alike (a scanner set to
/// CRLF that sends CR, or the reverse, still works; empty lines are skipped); TAB splits on
/// TAB only. Pure: time comes in with the bytes.
class LineAssembler {
public:
    explicit LineAssembler(Terminator t, std::chrono::milliseconds stale_gap = kSerialStaleGap);
    /// Feeds bytes received at `t`; returns the codes they complete (terminators removed).
    std::vector<std::string> feed(std::string_view bytes, Clock::time_point t);
    /// Forgets a half-received code (the port was reopened).
    void reset();
    bool has_partial() const { return !m_buf.empty() || m_overflow; }
    /// How many half-codes or over-long codes were thrown away.
    std::size_t dropped() const { return m_dropped; }

private:
    bool is_end(char c) const;
    Terminator m_term;
    std::chrono::milliseconds m_stale_gap;
    std::string m_buf;
    bool m_overflow = false;
    std::optional<Clock::time_point> m_last;
    std::size_t m_dropped = 0;
};

}  // namespace kiosk::scanner
