// Mandarin readings of Han characters, read from Unihan (Debian's unicode-data) with ICU as fallback.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace kiosk::content {

/// Toneless ASCII readings ("hang", "xing") of Han characters.
///
/// Source (decided 2026-11, see docs/content.md): Unihan's kMandarin, kTGHZ2013 and kXHC1983
/// fields — the readings of modern standard Mandarin (通用规范汉字表, 现代汉语词典) — so a
/// polyphonic character like 行 gets both "xing" and "hang". kHanyuPinyin (Hanyu Da Zidian,
/// mostly classical readings) is used only for characters that have none of those. When the
/// Unihan file is missing, ICU's "Han-Latin; Latin-ASCII" transliterator gives one reading.
/// ü is indexed both as "v" (what pinyin keyboards type) and "u".
class PinyinSource {
public:
    /// Loads `unihan_readings` (Unihan_Readings.txt or .txt.bz2). An empty path tries the
    /// Debian locations. Fails only when neither Unihan nor ICU is usable.
    static Result<std::shared_ptr<PinyinSource>> load(const std::string& unihan_readings = {});
    /// A process-wide instance loaded on first use (thread-safe).
    static Result<std::shared_ptr<PinyinSource>> shared();

    /// Readings of one code point; empty for non-Han characters.
    std::vector<std::string> readings(char32_t cp) const;
    /// True when the readings come from Unihan (several per character), false for ICU only.
    bool has_unihan() const { return !m_table.empty(); }
    std::string source_name() const;

private:
    std::vector<std::string> icu_reading(char32_t cp) const;
    std::unordered_map<char32_t, std::vector<std::string>> m_table;
    std::string m_source;
};

/// UTF-8 → code points; invalid bytes become U+FFFD.
std::u32string utf8_to_u32(std::string_view s);
void append_utf8(std::string& out, char32_t cp);
bool is_han(char32_t cp);

}  // namespace kiosk::content
