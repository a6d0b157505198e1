// Pinyin input with libpinyin: full pinyin, initials, fuzzy pairs, phrases, primed with the service guide's vocabulary.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kiosk::input {

/// Where Debian's libpinyin-data puts the system dictionaries.
inline constexpr const char* kLibpinyinData = "/usr/lib/x86_64-linux-gnu/libpinyin/data";

/// Toneless readings of one code point ("hang", "xing"); empty for non-Han characters. The app
/// passes content::PinyinSource's (Unihan), so the engine and the guide's search agree.
using ReadingsOf = std::function<std::vector<std::string>(char32_t)>;

/// A pinyin input method for the kiosk's search fields. Not thread-safe: one instance, used on
/// the UI thread (a lookup takes a few milliseconds; BENCHMARKS.md, "Pinyin").
///
/// - Full pinyin (`shebao` → 社保), initials (`sb` → 社保), and mixes (`shebaok`).
/// - Fuzzy pairs for the common regional confusions, both ways: z/zh, c/ch, s/sh, n/l, f/h,
///   an/ang, en/eng, in/ing (`sebao` → 社保).
/// - Phrases from libpinyin's system dictionary, and the guide's own vocabulary (prime()):
///   a primed phrase whose whole pinyin was typed comes first.
/// - Nothing is learnt and nothing is written: libpinyin's user directory is a private
///   folder holding only its format file (user.conf), removed with the engine; no training
///   and no save, so what one citizen typed cannot surface for the next.
class PinyinInput {
public:
    static Result<std::unique_ptr<PinyinInput>> create(const std::string& data_dir = kLibpinyinData);
    /// libpinyin's private user folder (for tests: it holds user.conf and nothing else).
    const std::string& user_dir() const;
    ~PinyinInput();
    PinyinInput(const PinyinInput&) = delete;
    PinyinInput& operator=(const PinyinInput&) = delete;

    /// Adds the app's phrases (item and department names, aliases, places): each run of Han
    /// characters in a phrase is one phrase, under every combination of its characters'
    /// readings (at most 64, for polyphonic characters such as 行, 调 and 数). Up to 16
    /// characters they go into libpinyin's user dictionary (in memory); every length is also
    /// kept by its whole pinyin and its initials, so typing exactly that comes first.
    /// Returns how many phrases were added. Call again when the content changes; earlier
    /// phrases stay.
    size_t prime(const std::vector<std::string>& phrases, const ReadingsOf& readings);
    size_t primed_count() const;

    /// Candidates for the letters typed so far (a–z and ' as a syllable separator; upper case
    /// is folded), best first, at most `max`; empty for no letters or anything else typed.
    std::vector<std::string> candidates(std::string_view letters, size_t max = 20);
    /// How many of `letters` the candidate `chosen` stands for: all of them for a whole
    /// phrase, fewer when the citizen took the first word of a longer input (`shebaoka`, 社保
    /// → 6: `ka` stays to be typed on). 0 when `chosen` is not a candidate of `letters`.
    size_t consumed(std::string_view letters, const std::string& chosen);

    /// Longest input accepted, in letters: longer than any item name's pinyin.
    static constexpr size_t kMaxLetters = 64;

private:
    PinyinInput();
    struct Impl;
    std::unique_ptr<Impl> m;
};

/// The Han runs of a text: "住房公积金提取（购买自住住房）" → 住房公积金提取, 购买自住住房.
std::vector<std::string> han_runs(std::string_view text);

}  // namespace kiosk::input
