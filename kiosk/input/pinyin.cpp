// libpinyin behind PinyinInput: options (initials, fuzzy pairs), the guide's phrases added in memory, candidate order.
#include "kiosk/input/pinyin.h"

#include <pinyin.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace kiosk::input {

namespace {

// Full pinyin with initials (PINYIN_INCOMPLETE), libpinyin's own spelling corrections
// (gn → ng, uen → un, …) and the fuzzy pairs citizens from the south and south-west confuse:
// z/zh, c/ch, s/sh, n/l, f/h, an/ang, en/eng, in/ing. Not g/k or l/r: those cost the common
// case more wrong candidates than they help (measured by hand on the guide's words).
constexpr pinyin_option_t kOptions = PINYIN_INCOMPLETE | PINYIN_CORRECT_ALL | USE_DIVIDED_TABLE | USE_RESPLIT_TABLE |
                                     DYNAMIC_ADJUST | PINYIN_AMB_C_CH | PINYIN_AMB_S_SH | PINYIN_AMB_Z_ZH |
                                     PINYIN_AMB_L_N | PINYIN_AMB_F_H | PINYIN_AMB_AN_ANG | PINYIN_AMB_EN_ENG |
                                     PINYIN_AMB_IN_ING;
// The count a primed phrase gets: far above any word of the system dictionary's unigram
// frequencies for the same pinyin, so 公积金 beats 国家级 for `gjj`.
constexpr gint kPrimedCount = 100000;
// Candidates looked at for primed phrases and for consumed(): the guide's phrases rank near
// the top after priming, and `sb` alone has over 2,000 candidates.
constexpr guint kScan = 300;
// Readings combinations of one phrase: 住房公积金缴存基数调整 has 18 (缴, 数, 调 have several).
constexpr size_t kMaxReadingCombinations = 64;
constexpr size_t kMaxPhraseChars = 16;  // libpinyin's MAX_PHRASE_LENGTH

std::u32string decode(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + len > s.size()) break;
        char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

void encode(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

bool is_han(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

size_t char_count(const std::string& s) { return decode(s).size(); }

/// Lower-case letters and ' only; nullopt for anything else.
bool normalise(std::string_view in, std::string& out) {
    out.clear();
    if (in.size() > PinyinInput::kMaxLetters) return false;
    for (char ch : in) {
        if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
        if (!((ch >= 'a' && ch <= 'z') || ch == '\'')) return false;
        out += ch;
    }
    return !out.empty() && out.find_first_not_of('\'') != std::string::npos;
}

/// A private folder with a user.conf holding the format lines of the system table.conf
/// ("binary format version:7", "model data version:14"); empty when it cannot be made.
std::string make_user_dir(const std::string& data_dir) {
    std::ifstream table(std::filesystem::path(data_dir) / "table.conf");
    std::string conf, line;
    while (std::getline(table, line))
        if (line.rfind("binary format version:", 0) == 0 || line.rfind("model data version:", 0) == 0) conf += line + "\n";
    if (conf.empty()) return {};
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/kiosk-pinyin-XXXXXX";
    if (!mkdtemp(tmpl.data())) return {};  // mode 0700
    std::ofstream out(tmpl + "/user.conf");
    out << conf;
    if (!out.flush()) {
        std::error_code ec;
        std::filesystem::remove_all(tmpl, ec);
        return {};
    }
    return tmpl;
}

}  // namespace

std::vector<std::string> han_runs(std::string_view text) {
    std::vector<std::string> out;
    std::string run;
    for (char32_t cp : decode(text)) {
        if (is_han(cp)) {
            encode(run, cp);
        } else if (!run.empty()) {
            out.push_back(std::move(run));
            run.clear();
        }
    }
    if (!run.empty()) out.push_back(std::move(run));
    return out;
}

struct PinyinInput::Impl {
    pinyin_context_t* context = nullptr;
    pinyin_instance_t* instance = nullptr;
    std::set<std::string> primed;
    // The guide's phrases by their whole pinyin and by their initials, without separators
    // ("budongchan", "bdc"): an exact match comes first whatever libpinyin ranks, and
    // phrases longer than libpinyin's 16 characters (国有建设用地使用权及房屋所有权首次登记)
    // are found at all.
    std::map<std::string, std::vector<std::string>> by_spelling;

    std::string user_dir;  ///< private, holds only user.conf; removed with the engine
    ~Impl() {
        if (instance) pinyin_free_instance(instance);
        if (context) pinyin_fini(context);  // never pinyin_save: nothing learnt is kept
        if (!user_dir.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(user_dir, ec);
        }
    }

    /// Parses `letters` (already normalised) and lists the candidates at the start.
    guint guess(const std::string& letters) {
        pinyin_reset(instance);
        pinyin_parse_more_full_pinyins(instance, letters.c_str());
        pinyin_guess_sentence(instance);
        pinyin_guess_candidates(instance, 0, SORT_BY_PHRASE_LENGTH_AND_FREQUENCY);
        guint n = 0;
        pinyin_get_n_candidate(instance, &n);
        return n;
    }

    std::string text_of(guint i, lookup_candidate_t** cand = nullptr) {
        lookup_candidate_t* c = nullptr;
        if (!pinyin_get_candidate(instance, i, &c)) return {};
        const gchar* s = nullptr;
        if (!pinyin_get_candidate_string(instance, c, &s) || !s) return {};
        if (cand) *cand = c;
        return s;
    }
};

PinyinInput::PinyinInput() : m(std::make_unique<Impl>()) {}
PinyinInput::~PinyinInput() = default;

Result<std::unique_ptr<PinyinInput>> PinyinInput::create(const std::string& data_dir) {
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::path(data_dir) / "pinyin_index.bin", ec))
        return make_error(Errc::NotFound, "libpinyin dictionaries not found in " + data_dir + " (install libpinyin-data)");
    std::unique_ptr<PinyinInput> p(new PinyinInput());
    // libpinyin wants a user directory whose user.conf names the dictionaries' format (without
    // one it prints "open …/user.conf failed" and starts its user tables empty). The engine
    // gets a private one (0700, in TMPDIR) holding only that file: the user tables stay in
    // memory, pinyin_save is never called, so nothing typed or primed is ever written, and the
    // folder goes with the engine.
    p->m->user_dir = make_user_dir(data_dir);
    p->m->context = pinyin_init(data_dir.c_str(), p->m->user_dir.empty() ? "/nonexistent/kiosk-pinyin-user"
                                                                          : p->m->user_dir.c_str());
    if (!p->m->context) return make_error(Errc::Io, "libpinyin could not load its dictionaries from " + data_dir);
    pinyin_set_options(p->m->context, kOptions);
    p->m->instance = pinyin_alloc_instance(p->m->context);
    if (!p->m->instance) return make_error(Errc::Io, "libpinyin could not make an input instance");
    return p;
}

size_t PinyinInput::prime(const std::vector<std::string>& phrases, const ReadingsOf& readings) {
    import_iterator_t* it = pinyin_begin_add_phrases(m->context, USER_DICTIONARY);
    if (!it) return 0;
    size_t added = 0;
    for (const auto& phrase : phrases)
        for (const auto& run : han_runs(phrase)) {
            std::u32string cps = decode(run);
            if (cps.size() < 2 || cps.size() > kMaxLetters || m->primed.count(run)) continue;
            std::vector<std::vector<std::string>> each;
            bool known = true;
            for (char32_t cp : cps) {
                auto r = readings(cp);
                r.erase(std::remove_if(r.begin(), r.end(), [](const std::string& s) { return s.empty(); }), r.end());
                if (r.empty()) known = false;
                each.push_back(std::move(r));
            }
            if (!known) continue;
            // Every combination of readings, in mixed-radix order, up to the cap.
            std::vector<size_t> pick(each.size(), 0);
            for (size_t combo = 0; combo < kMaxReadingCombinations; ++combo) {
                std::string pinyin, whole, initials;
                for (size_t i = 0; i < each.size(); ++i) {
                    const std::string& syl = each[i][pick[i]];
                    pinyin += (i ? "'" : "") + syl;
                    whole += syl;
                    initials += syl[0];
                }
                if (cps.size() <= kMaxPhraseChars) pinyin_iterator_add_phrase(it, run.c_str(), pinyin.c_str(), kPrimedCount);
                for (const std::string* key : {&whole, &initials}) {
                    auto& list = m->by_spelling[*key];
                    if (std::find(list.begin(), list.end(), run) == list.end()) list.push_back(run);
                }
                size_t i = 0;
                for (; i < pick.size(); ++i) {
                    if (++pick[i] < each[i].size()) break;
                    pick[i] = 0;
                }
                if (i == pick.size()) break;
            }
            m->primed.insert(run);
            ++added;
        }
    pinyin_end_add_phrases(it);
    return added;
}

size_t PinyinInput::primed_count() const { return m->primed.size(); }
const std::string& PinyinInput::user_dir() const { return m->user_dir; }

std::vector<std::string> PinyinInput::candidates(std::string_view letters, size_t max) {
    std::string in;
    if (!normalise(letters, in) || max == 0) return {};
    guint n = m->guess(in);
    // libpinyin's order: its best sentence for the whole input, then phrases from the start,
    // longest first, by frequency. A primed phrase as long as that sentence (the whole input
    // in characters) goes first: an item or place name beats any general word.
    std::vector<std::string> all, front;
    std::set<std::string> seen;
    std::string key = in;
    key.erase(std::remove(key.begin(), key.end(), '\''), key.end());
    if (auto exact = m->by_spelling.find(key); exact != m->by_spelling.end())
        for (const auto& p : exact->second)
            if (seen.insert(p).second) front.push_back(p);
    size_t whole = 0;
    for (guint i = 0; i < n && i < kScan; ++i) {
        std::string s = m->text_of(i);
        if (s.empty() || !seen.insert(s).second) continue;
        if (i == 0) whole = char_count(s);
        if (m->primed.count(s) && char_count(s) == whole) front.push_back(s);
        else all.push_back(s);
        if (all.size() >= max && i >= 2 * max) break;  // enough, and past where primed ones sit
    }
    front.insert(front.end(), all.begin(), all.end());
    if (front.size() > max) front.resize(max);
    return front;
}

size_t PinyinInput::consumed(std::string_view letters, const std::string& chosen) {
    std::string in;
    if (!normalise(letters, in) || chosen.empty()) return 0;
    std::string key = in;
    key.erase(std::remove(key.begin(), key.end(), '\''), key.end());
    if (auto exact = m->by_spelling.find(key); exact != m->by_spelling.end())
        if (std::find(exact->second.begin(), exact->second.end(), chosen) != exact->second.end()) return in.size();
    guint n = m->guess(in);
    for (guint i = 0; i < n && i < kScan; ++i) {
        lookup_candidate_t* c = nullptr;
        if (m->text_of(i, &c) != chosen) continue;
        // The offset after the choice is a position in the letters typed (libpinyin's key
        // matrix is indexed by input position).
        int end = pinyin_choose_candidate(m->instance, 0, c);
        pinyin_reset(m->instance);
        if (end <= 0) return 0;
        return std::min(size_t(end), in.size());
    }
    return 0;
}

}  // namespace kiosk::input
