// Wedge scanner typing into the kiosk window: tells a scanned code from a person typing by key timing (pure; the UI feeds it).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace kiosk::scanner {

/// One key as the UI saw it, with no SDL type: the UI maps SDL_TEXTINPUT to Text (with
/// the character) and SDLK_RETURN / SDLK_KP_ENTER / SDLK_TAB key-downs to Enter / Tab;
/// anything else (Backspace, arrows) is Other with the UI's own keycode.
struct WedgeKey {
    enum class Kind { Text, Enter, Tab, Other } kind = Kind::Text;
    std::string text;                 ///< Text: the UTF-8 the key typed
    int32_t keycode = 0;              ///< the UI's keycode, handed back untouched with typing
    std::chrono::milliseconds time{}; ///< event timestamp (SDL's ms ticks are fine)
};

/// What the wedge hands back to the UI.
struct WedgeOutput {
    enum class Kind { Scanned, Typing } kind;
    std::string code;              ///< Scanned: the code, terminator removed
    std::vector<WedgeKey> keys;    ///< Typing: keys to deliver to the focused widget, in order
};

struct WedgeOptions {
    /// Keys closer than this belong to one scan: scanners send keys < 50 ms apart, people
    /// type at 100–300 ms a key (docs/scanner.md, "How scanners reach the kiosk"). Config: scanner.wedge_max_gap_ms.
    std::chrono::milliseconds max_gap{50};
    /// Fewer characters than this before Enter is typing (a fast double tap plus Enter),
    /// never a scan: the shortest code the kiosk accepts (a URL) is longer.
    std::size_t min_length = 6;
    /// More bytes than this at scanner speed is no code the kiosk reads (a QR code holds at
    /// most 2,953 bytes, ISO/IEC 18004 version 40-L) but a stuck key or a device flooding the
    /// window: what is held is dropped, and so is the rest of the burst, up to its Enter or
    /// a gap. Keeps the buffer bounded for a kiosk that runs for months.
    std::size_t max_length = 4096;
};

/// Holds keys while they come in at scanner speed. Held keys go back as Typing as soon as
/// a gap shows a person (on the next key, or on poll() once max_gap has passed), so a
/// person's typing is delayed by at most max_gap plus one frame.
class WindowWedge {
public:
    explicit WindowWedge(WedgeOptions options = {});
    /// Feeds one key; returns what is now decided (may be empty while keys are held).
    std::vector<WedgeOutput> feed(const WedgeKey& key);
    /// Call every frame with the current time: releases held keys as typing once the gap
    /// since the last key exceeds max_gap.
    std::vector<WedgeOutput> poll(std::chrono::milliseconds now);
    bool holding() const { return !m_held.empty(); }
    /// Bytes of text held now (never more than max_length).
    std::size_t held_bytes() const { return m_held_bytes; }
    /// Bursts dropped for exceeding max_length since the start.
    std::size_t overflows() const { return m_overflows; }

private:
    std::vector<WedgeOutput> release_as_typing();
    void drop_held();
    WedgeOptions m_opt;
    std::vector<WedgeKey> m_held;
    std::size_t m_held_bytes = 0;
    std::size_t m_overflows = 0;
    bool m_discarding = false;        ///< inside a burst that overflowed: swallow it to its end
    std::chrono::milliseconds m_last{};  ///< time of the last key seen (held or swallowed)
};

}  // namespace kiosk::scanner
