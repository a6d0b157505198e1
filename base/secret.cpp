// Wiping and masking of personal data.
#include "secret.h"

#include <string.h>

#include <vector>

namespace kiosk {

void secure_wipe(void* p, std::size_t n) {
    if (p && n) explicit_bzero(p, n);
}

namespace {
// Splits UTF-8 into code-point substrings (malformed bytes count as one character each).
std::vector<std::string_view> utf8_chars(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}
}  // namespace

std::string mask_name(std::string_view name) {
    auto chars = utf8_chars(name);
    bool latin = !chars.empty() && chars[0].size() == 1;
    std::string out;
    if (latin) {
        bool word_start = true;
        for (auto c : chars) {
            if (c == " " || c == "," || c == "-" || c == ".") {
                out += c;
                word_start = true;
            } else {
                out += word_start ? std::string(c) : std::string("*");
                word_start = false;
            }
        }
        return out;
    }
    if (chars.size() <= 1) return chars.empty() ? "" : "*";
    if (chars.size() == 2) return std::string(chars[0]) + "*";
    out = chars.front();
    for (std::size_t i = 1; i + 1 < chars.size(); ++i) out += "*";
    out += chars.back();
    return out;
}

std::string mask_middle(std::string_view text, std::size_t head, std::size_t tail) {
    auto chars = utf8_chars(text);
    if (chars.size() <= head + tail) return std::string(chars.size(), '*');
    std::string out;
    for (std::size_t i = 0; i < chars.size(); ++i)
        out += (i < head || i >= chars.size() - tail) ? std::string(chars[i]) : std::string("*");
    return out;
}

std::string mask_id_number(std::string_view id) { return mask_middle(id, 4, 4); }

}  // namespace kiosk
