// US-layout key decoding for keyboard-wedge scanners (pure; fed recorded or live evdev events).
#include "drivers/scanner/hid_decoder.h"

#include <linux/input-event-codes.h>

#include <algorithm>

namespace kiosk::scanner {

char us_key_char(uint16_t code, bool shift) {
    struct Key {
        uint16_t code;
        char plain, shifted;
    };
    static constexpr Key keys[] = {
        {KEY_1, '1', '!'},         {KEY_2, '2', '@'},          {KEY_3, '3', '#'},         {KEY_4, '4', '$'},
        {KEY_5, '5', '%'},         {KEY_6, '6', '^'},          {KEY_7, '7', '&'},         {KEY_8, '8', '*'},
        {KEY_9, '9', '('},         {KEY_0, '0', ')'},          {KEY_MINUS, '-', '_'},     {KEY_EQUAL, '=', '+'},
        {KEY_Q, 'q', 'Q'},         {KEY_W, 'w', 'W'},          {KEY_E, 'e', 'E'},         {KEY_R, 'r', 'R'},
        {KEY_T, 't', 'T'},         {KEY_Y, 'y', 'Y'},          {KEY_U, 'u', 'U'},         {KEY_I, 'i', 'I'},
        {KEY_O, 'o', 'O'},         {KEY_P, 'p', 'P'},          {KEY_LEFTBRACE, '[', '{'}, {KEY_RIGHTBRACE, ']', '}'},
        {KEY_A, 'a', 'A'},         {KEY_S, 's', 'S'},          {KEY_D, 'd', 'D'},         {KEY_F, 'f', 'F'},
        {KEY_G, 'g', 'G'},         {KEY_H, 'h', 'H'},          {KEY_J, 'j', 'J'},         {KEY_K, 'k', 'K'},
        {KEY_L, 'l', 'L'},         {KEY_SEMICOLON, ';', ':'},  {KEY_APOSTROPHE, '\'', '"'}, {KEY_GRAVE, '`', '~'},
        {KEY_BACKSLASH, '\\', '|'}, {KEY_Z, 'z', 'Z'},         {KEY_X, 'x', 'X'},         {KEY_C, 'c', 'C'},
        {KEY_V, 'v', 'V'},         {KEY_B, 'b', 'B'},          {KEY_N, 'n', 'N'},         {KEY_M, 'm', 'M'},
        {KEY_COMMA, ',', '<'},     {KEY_DOT, '.', '>'},        {KEY_SLASH, '/', '?'},     {KEY_SPACE, ' ', ' '},
        // Keypad: scanners configured for "numeric keypad" output send these (NumLock assumed on).
        {KEY_KP0, '0', '0'},       {KEY_KP1, '1', '1'},        {KEY_KP2, '2', '2'},       {KEY_KP3, '3', '3'},
        {KEY_KP4, '4', '4'},       {KEY_KP5, '5', '5'},        {KEY_KP6, '6', '6'},       {KEY_KP7, '7', '7'},
        {KEY_KP8, '8', '8'},       {KEY_KP9, '9', '9'},        {KEY_KPDOT, '.', '.'},     {KEY_KPMINUS, '-', '-'},
        {KEY_KPPLUS, '+', '+'},    {KEY_KPASTERISK, '*', '*'}, {KEY_KPSLASH, '/', '/'},
    };
    for (const Key& k : keys)
        if (k.code == code) return shift ? k.shifted : k.plain;
    return 0;
}

HidDecoder::HidDecoder(std::vector<uint16_t> terminators, std::chrono::milliseconds stale_gap)
    : m_terminators(std::move(terminators)), m_stale_gap(stale_gap) {}

void HidDecoder::reset() {
    m_buf.clear();
    m_bad = false;
    m_left_shift = m_right_shift = m_caps = m_alt = false;
    m_last.reset();
}

std::optional<HidDecoded> HidDecoder::feed(uint16_t code, int32_t value, std::chrono::steady_clock::time_point t) {
    // Modifiers follow both edges; everything else types on key-down only.
    if (code == KEY_LEFTSHIFT) return m_left_shift = value != 0, std::nullopt;
    if (code == KEY_RIGHTSHIFT) return m_right_shift = value != 0, std::nullopt;
    if (code == KEY_LEFTALT || code == KEY_RIGHTALT) {
        // Alt+numpad is how wedges "type" non-ASCII; it depends on the host's code page and
        // cannot be decoded reliably (spec), so a code that uses it is dropped.
        m_alt = value != 0;
        return std::nullopt;
    }
    if (code == KEY_LEFTCTRL || code == KEY_RIGHTCTRL || code == KEY_LEFTMETA || code == KEY_RIGHTMETA)
        return std::nullopt;
    if (value != 1) return std::nullopt;
    if (code == KEY_CAPSLOCK) return m_caps = !m_caps, std::nullopt;

    if (m_last && t - *m_last > m_stale_gap && (!m_buf.empty() || m_bad)) {
        ++m_stale_dropped;
        m_buf.clear();
        m_bad = false;
    }
    m_last = t;

    if (std::find(m_terminators.begin(), m_terminators.end(), code) != m_terminators.end()) {
        std::optional<HidDecoded> out;
        if (m_bad) out = HidDecoded{HidDecoded::Kind::Dropped, {}, m_bad_why};
        else if (!m_buf.empty()) out = HidDecoded{HidDecoded::Kind::Code, std::move(m_buf), {}};
        m_buf.clear();
        m_bad = false;
        return out;
    }
    if (m_bad) return std::nullopt;
    bool shift = m_left_shift || m_right_shift;
    bool letter = (code >= KEY_Q && code <= KEY_P) || (code >= KEY_A && code <= KEY_L) || (code >= KEY_Z && code <= KEY_M);
    if (letter && m_caps) shift = !shift;
    char c = m_alt ? 0 : us_key_char(code, shift);
    if (c == 0) {
        m_bad = true;
        m_bad_why = m_alt ? "alt-numpad sequence" : "unmapped key";
        m_buf.clear();
    } else if (m_buf.size() >= kHidMaxCodeChars) {
        m_bad = true;
        m_bad_why = "too long";
        m_buf.clear();
    } else {
        m_buf.push_back(c);
    }
    return std::nullopt;
}

}  // namespace kiosk::scanner
