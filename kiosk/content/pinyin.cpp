// PinyinSource: parses Unihan readings (plain or bzip2) and falls back on ICU's transliterator.
#include "kiosk/content/pinyin.h"

#include <bzlib.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace kiosk::content {

std::u32string utf8_to_u32(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        bool bad = false;
        for (int k = 1; k < n; ++k) {
            unsigned char cc = s[i + k];
            if ((cc & 0xC0) != 0x80) bad = true;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (bad) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += n;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

bool is_han(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x323AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF);
}

namespace {

/// "xíng" → {"xing"}; "lǜ" → {"lv", "lu"}. Returns empty for anything unexpected.
std::vector<std::string> strip_tone(std::string_view syllable) {
    std::string v, u;
    bool has_umlaut = false;
    for (char32_t cp : utf8_to_u32(syllable)) {
        char base = 0;
        if (cp < 0x80) {
            base = char(cp);
        } else {
            switch (cp) {
                case U'ā': case U'á': case U'ǎ': case U'à': base = 'a'; break;
                case U'ē': case U'é': case U'ě': case U'è': case U'ê': base = 'e'; break;
                case U'ī': case U'í': case U'ǐ': case U'ì': base = 'i'; break;
                case U'ō': case U'ó': case U'ǒ': case U'ò': base = 'o'; break;
                case U'ū': case U'ú': case U'ǔ': case U'ù': base = 'u'; break;
                case U'ü': case U'ǖ': case U'ǘ': case U'ǚ': case U'ǜ': base = '#'; break;
                case U'ń': case U'ň': case U'ǹ': base = 'n'; break;
                case U'ḿ': base = 'm'; break;
                default: return {};
            }
        }
        if (base == '#') {
            has_umlaut = true;
            v.push_back('v');
            u.push_back('u');
        } else if (base >= 'a' && base <= 'z') {
            v.push_back(base);
            u.push_back(base);
        } else {
            return {};
        }
    }
    if (v.empty()) return {};
    if (has_umlaut) return {v, u};
    return {v};
}

void add_unique(std::vector<std::string>& list, const std::string& r) {
    if (std::find(list.begin(), list.end(), r) == list.end()) list.push_back(r);
}

bool read_all(const std::string& path, std::string& out) {
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".bz2") == 0) {
        FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) return false;
        int err = 0;
        BZFILE* bz = BZ2_bzReadOpen(&err, f, 0, 0, nullptr, 0);
        if (err != BZ_OK) {
            std::fclose(f);
            return false;
        }
        char buf[1 << 16];
        while (err == BZ_OK) {
            int n = BZ2_bzRead(&err, bz, buf, sizeof buf);
            if (n > 0) out.append(buf, size_t(n));
        }
        BZ2_bzReadClose(&err, bz);
        std::fclose(f);
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

}  // namespace

Result<std::shared_ptr<PinyinSource>> PinyinSource::load(const std::string& unihan_readings) {
    auto src = std::make_shared<PinyinSource>();
    std::vector<std::string> candidates;
    if (!unihan_readings.empty()) {
        candidates.push_back(unihan_readings);
    } else {
        candidates = {"/usr/share/unicode/Unihan_Readings.txt", "/usr/share/unicode/Unihan_Readings.txt.bz2"};
    }
    std::string text;
    for (const auto& c : candidates) {
        if (std::filesystem::exists(c) && read_all(c, text)) {
            src->m_source = c;
            break;
        }
    }
    if (!unihan_readings.empty() && src->m_source.empty())
        return make_error(Errc::NotFound, "cannot read Unihan readings " + unihan_readings);

    // Fields by priority: modern readings first; classical kHanyuPinyin only as a last resort.
    std::unordered_map<char32_t, std::vector<std::string>> fallback;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        if (line.size() < 8 || line[0] != 'U') continue;
        size_t t1 = line.find('\t');
        size_t t2 = line.find('\t', t1 + 1);
        if (t1 == std::string_view::npos || t2 == std::string_view::npos) continue;
        std::string_view field = line.substr(t1 + 1, t2 - t1 - 1);
        bool modern = field == "kMandarin" || field == "kTGHZ2013" || field == "kXHC1983";
        if (!modern && field != "kHanyuPinyin") continue;
        char32_t cp = char32_t(std::strtoul(std::string(line.substr(2, t1 - 2)).c_str(), nullptr, 16));
        auto& list = modern ? src->m_table[cp] : fallback[cp];
        // Values: "xíng" / "0442.080:háng 0443.050:hàng" / "20811.060:háng,xìng".
        std::string_view value = line.substr(t2 + 1);
        size_t i = 0;
        while (i <= value.size()) {
            size_t j = value.find_first_of(" ,", i);
            if (j == std::string_view::npos) j = value.size();
            std::string_view tok = value.substr(i, j - i);
            if (auto colon = tok.find(':'); colon != std::string_view::npos) tok = tok.substr(colon + 1);
            for (auto& r : strip_tone(tok)) add_unique(list, r);
            i = j + 1;
        }
    }
    for (auto& [cp, list] : fallback)
        if (!src->m_table.count(cp)) src->m_table[cp] = std::move(list);
    if (src->m_table.empty()) {
        // FIXME: without unicode-data only one reading per character (ICU's most common one).
        if (src->icu_reading(U'中').empty())
            return make_error(Errc::Unavailable, "no pinyin source: neither Unihan readings nor ICU Han-Latin");
        src->m_source = "ICU Han-Latin";
    }
    return src;
}

Result<std::shared_ptr<PinyinSource>> PinyinSource::shared() {
    static std::mutex mutex;
    static std::shared_ptr<PinyinSource> instance;
    std::lock_guard lock(mutex);
    if (!instance) instance = TRY(load());
    return instance;
}

std::string PinyinSource::source_name() const { return m_source; }

std::vector<std::string> PinyinSource::readings(char32_t cp) const {
    if (!is_han(cp)) return {};
    if (auto it = m_table.find(cp); it != m_table.end() && !it->second.empty()) return it->second;
    return icu_reading(cp);
}

std::vector<std::string> PinyinSource::icu_reading(char32_t cp) const {
    // One transliterator per thread: icu::Transliterator is not thread-safe.
    thread_local std::unique_ptr<icu::Transliterator> tr = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(
            icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) t.reset();
        return t;
    }();
    if (!tr) return {};
    icu::UnicodeString s = icu::UnicodeString(static_cast<UChar32>(cp));
    tr->transliterate(s);
    std::string out;
    s.toUTF8String(out);
    std::string clean;
    for (char c : out)
        if (c >= 'a' && c <= 'z') clean.push_back(c);
        else if (c >= 'A' && c <= 'Z') clean.push_back(char(c - 'A' + 'a'));
    if (clean.empty()) return {};
    return {clean};
}

}  // namespace kiosk::content
