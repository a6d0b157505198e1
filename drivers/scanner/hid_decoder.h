// Keyboard-wedge scanner key events → text (US layout, Shift, terminators, stale half-codes): a pure function of (code, value, time).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::scanner {

/// A wedge scanner types about one key every 1–20 ms; a gap longer than this inside a code
/// means the rest of the code was lost (scanner unplugged, or a person pressing keys on a
/// grabbed keyboard), so the half-code is dropped. Well under the ~1 s between two scans.
inline constexpr std::chrono::milliseconds kHidStaleGap{300};
/// Longest code kept; the rest up to the terminator is dropped.
inline constexpr std::size_t kHidMaxCodeChars = 2048;

/// Linux input key codes (linux/input-event-codes.h) of the default terminators:
/// KEY_ENTER, KEY_KPENTER, KEY_TAB (docs/scanner.md, "How scanners reach the kiosk").
inline const std::vector<uint16_t> kDefaultHidTerminators = {28, 96, 15};

struct HidDecoded {
    enum class Kind { Code, Dropped } kind;
    std::string text;         ///< Code: the text typed (ASCII)
    std::string why;          ///< Dropped: "unmapped key", "too long"
};

/// Feed every EV_KEY event of the scanner in order; a terminator key-down yields the code.
/// Key-down (value 1) types, key-up (0) only releases Shift, auto-repeat (2) is ignored.
/// Keys that have no US-layout meaning (Alt+numpad sequences, function keys) make the
/// code Dropped rather than silently wrong.
class HidDecoder {
public:
    explicit HidDecoder(std::vector<uint16_t> terminators = kDefaultHidTerminators,
                        std::chrono::milliseconds stale_gap = kHidStaleGap);

    std::optional<HidDecoded> feed(uint16_t code, int32_t value, std::chrono::steady_clock::time_point t);
    /// Forgets a half-typed code and the modifier state (after SYN_DROPPED or a reopen).
    void reset();
    std::size_t stale_dropped() const { return m_stale_dropped; }

private:
    std::vector<uint16_t> m_terminators;
    std::chrono::milliseconds m_stale_gap;
    std::string m_buf;
    bool m_left_shift = false, m_right_shift = false, m_caps = false, m_alt = false;
    bool m_bad = false;
    const char* m_bad_why = "";
    std::optional<std::chrono::steady_clock::time_point> m_last;
    std::size_t m_stale_dropped = 0;
};

/// The character a key types on a US layout (0 when it types none).
char us_key_char(uint16_t code, bool shift);

}  // namespace kiosk::scanner
