// Font lookup, ICU line breaking and the rendered-line cache.
#include "text.h"

#include <fontconfig/fontconfig.h>
#include <unicode/brkiter.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <unicode/unistr.h>

#include "base/log.h"
#include "base/secret.h"

namespace kiosk::ui {

Result<FontFace> find_font(const std::string& pattern) {
    // One fontconfig configuration for the process: loading it reads every font cache,
    // the largest part of start-up after the window.
    static FcConfig* config = FcInitLoadConfigAndFonts();
    if (!config) return make_error(Errc::NotFound, "fontconfig could not be initialised");
    FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(pattern.c_str()));
    FcConfigSubstitute(config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern* match = FcFontMatch(config, pat, &res);
    FontFace face;
    if (match) {
        FcChar8* file = nullptr;
        int index = 0;
        FcChar8* family = nullptr;
        if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) face.file = reinterpret_cast<char*>(file);
        if (FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch) face.index = index;
        // fontconfig always returns something; make sure it can draw Chinese.
        FcCharSet* cs = nullptr;
        bool has_cjk = FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch && FcCharSetHasChar(cs, 0x4E2D);
        if (FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch)
            LOG_DEBUG("text") << "font for '" << pattern << "': " << reinterpret_cast<char*>(family) << " " << face.file
                              << " #" << face.index;
        if (!has_cjk) face.file.clear();
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pat);
    if (face.file.empty())
        return make_error(Errc::NotFound, "no font with Chinese glyphs for '" + pattern + "' (install fonts-noto-cjk)");
    return face;
}

Result<std::unique_ptr<FontLibrary>> FontLibrary::create(const std::string& cache_file) {
    std::unique_ptr<FontLibrary> lib(new FontLibrary());
    bool cached = false;
    if (!cache_file.empty()) {
        std::ifstream in(cache_file);
        FontFace r, b;
        if (in >> std::quoted(r.file) >> r.index >> std::quoted(b.file) >> b.index && std::filesystem::exists(r.file) &&
            std::filesystem::exists(b.file)) {
            lib->m_regular = r;
            lib->m_bold = b;
            cached = true;
        }
    }
    if (!cached) {
        lib->m_regular = TRY(find_font("Noto Sans CJK SC:lang=zh-cn"));
        auto bold = find_font("Noto Sans CJK SC:lang=zh-cn:weight=bold");
        lib->m_bold = bold ? bold.value() : lib->m_regular;
        if (!cache_file.empty()) {
            std::ofstream out(cache_file);
            out << std::quoted(lib->m_regular.file) << " " << lib->m_regular.index << " " << std::quoted(lib->m_bold.file)
                << " " << lib->m_bold.index << "\n";
        }
    }
    if (!TTF_WasInit() && TTF_Init() != 0) return make_error(Errc::Internal, std::string("TTF_Init: ") + TTF_GetError());
    return lib;
}

FontLibrary::~FontLibrary() {
    for (auto& o : m_open)
        if (o.font) TTF_CloseFont(o.font);
}

TTF_Font* FontLibrary::get(int px, Weight w) {
    Open& o = m_open[w == Weight::Bold ? 1 : 0];
    if (!o.font) {
        const FontFace& face = w == Weight::Bold ? m_bold : m_regular;
        o.font = TTF_OpenFontIndex(face.file.c_str(), px, face.index);
        if (!o.font) {
            LOG_ERROR("text") << "cannot open " << face.file << ": " << TTF_GetError();
            return nullptr;
        }
        ++m_opens;
        TTF_SetFontHinting(o.font, TTF_HINTING_LIGHT);
        o.px = px;
    } else if (o.px != px) {
        if (TTF_SetFontSize(o.font, px) != 0) {
            LOG_ERROR("text") << "cannot set the font size " << px << ": " << TTF_GetError();
            return nullptr;
        }
        o.px = px;
    }
    return o.font;
}

int text_width(TTF_Font* font, const std::string& text) {
    int w = 0, h = 0;
    if (font && !text.empty()) TTF_SizeUTF8(font, text.c_str(), &w, &h);
    return w;
}

namespace {
// Byte offsets of UTF-16 indices, so ICU's break positions map back onto the UTF-8 string.
std::vector<int32_t> utf16_to_utf8_offsets(const std::string& s) {
    std::vector<int32_t> map;
    map.reserve(s.size() + 1);
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        map.push_back(int32_t(i));
        if (len == 4) map.push_back(int32_t(i));  // a surrogate pair is two UTF-16 units
        i += len;
    }
    map.push_back(int32_t(s.size()));
    return map;
}

std::string rtrim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s;
}

// Wraps one paragraph (no '\n').
void wrap_paragraph(TTF_Font* font, const std::string& para, int max_width, std::vector<std::string>& out) {
    if (para.empty() || text_width(font, para) <= max_width) {
        out.push_back(para);
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    static thread_local std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createLineInstance(icu::Locale::getSimplifiedChinese(), status));
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(para);
    it->setText(u);
    auto offsets = utf16_to_utf8_offsets(para);
    std::vector<size_t> breaks;  // allowed break positions (UTF-8 byte offsets)
    for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next())
        breaks.push_back(size_t(offsets[std::min<size_t>(size_t(p), offsets.size() - 1)]));

    size_t line_start = 0;
    size_t last_fit = 0;  // best break seen that still fits
    for (size_t bi = 1; bi < breaks.size(); ++bi) {
        size_t b = breaks[bi];
        std::string candidate = rtrim(para.substr(line_start, b - line_start));
        if (text_width(font, candidate) <= max_width) {
            last_fit = b;
            continue;
        }
        if (last_fit > line_start) {
            out.push_back(rtrim(para.substr(line_start, last_fit - line_start)));
            line_start = last_fit;
            --bi;  // re-test this break on the new line
            last_fit = line_start;
            continue;
        }
        // One segment is wider than the line: cut it by characters.
        auto seg_offsets = utf16_to_utf8_offsets(para.substr(line_start, b - line_start));
        size_t cut = 0;
        for (size_t k = 1; k < seg_offsets.size(); ++k) {
            size_t end = size_t(seg_offsets[k]);
            if (text_width(font, para.substr(line_start, end)) > max_width) break;
            cut = end;
        }
        if (cut == 0) cut = size_t(seg_offsets.size() > 1 ? seg_offsets[1] : 1);
        out.push_back(para.substr(line_start, cut));
        line_start += cut;
        last_fit = line_start;
        --bi;
    }
    if (line_start < para.size()) out.push_back(rtrim(para.substr(line_start)));
}
}  // namespace

std::vector<std::string> wrap_text(TTF_Font* font, const std::string& text, int max_width) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (;;) {
        size_t nl = text.find('\n', start);
        wrap_paragraph(font, text.substr(start, nl == std::string::npos ? std::string::npos : nl - start), max_width, lines);
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return lines;
}

TextRenderer::TextRenderer(SDL_Renderer* r, FontLibrary& fonts, size_t capacity)
    : m_renderer(r), m_fonts(fonts), m_capacity(capacity) {}

TextRenderer::~TextRenderer() { clear(); }

void TextRenderer::clear() {
    // Cached lines may show personal data (a masked name is still a partial name): the keys
    // are wiped, not just freed, when a session ends.
    for (auto& [k, v] : m_cache) {
        SDL_DestroyTexture(v.first.texture);
        secure_wipe(const_cast<char*>(k.data()), k.size());
    }
    for (auto& k : m_lru) secure_wipe(k.data(), k.size());
    for (auto& [k, v] : m_sizes) secure_wipe(const_cast<char*>(k.data()), k.size());
    m_cache.clear();
    m_lru.clear();
    m_sizes.clear();
}

int TextRenderer::line_height(int px, Weight w) {
    auto key = std::make_pair(px, w);
    if (auto it = m_line_heights.find(key); it != m_line_heights.end()) return it->second;
    TTF_Font* f = m_fonts.get(px, w);
    int h = f ? TTF_FontLineSkip(f) : px;
    if (f) m_line_heights[key] = h;
    return h;
}

namespace {
/// Zeroes a cache key when it goes out of scope: keys hold the text drawn (a typed case
/// number, a name on a confirmation screen), and a key is built and freed for every line of
/// every frame, so freed keys would otherwise litter the heap with what was on screen.
struct WipeKeyOnExit {
    std::string& key;
    ~WipeKeyOnExit() { secure_wipe(key.data(), key.capacity()); }
};
}  // namespace

SDL_Point TextRenderer::measure(const std::string& text, int px, Weight w) {
    if (text.empty()) return {0, line_height(px, w)};
    std::string key;
    WipeKeyOnExit wipe_key{key};
    key.reserve(text.size() + 8);
    key.append(std::to_string(px)).push_back(w == Weight::Bold ? 'b' : 'r');
    key.append(text);
    if (auto it = m_sizes.find(key); it != m_sizes.end()) return it->second;
    TTF_Font* f = m_fonts.get(px, w);
    int tw = 0, th = 0;
    if (f) TTF_SizeUTF8(f, text.c_str(), &tw, &th);
    SDL_Point size{tw, th ? th : line_height(px, w)};
    // A bound, not an LRU: what a screen measures is a few hundred strings; a full cache is
    // wiped and refilled.
    if (m_sizes.size() >= 4 * m_capacity) {
        for (auto& [k, v] : m_sizes) secure_wipe(const_cast<char*>(k.data()), k.size());
        m_sizes.clear();
    }
    if (f) m_sizes.emplace(std::move(key), size);
    return size;
}

SDL_Point TextRenderer::draw(const std::string& text, int px, Weight w, SDL_Color c, int x, int y) {
    if (text.empty()) return {0, line_height(px, w)};
    std::string key;
    WipeKeyOnExit wipe_key{key};
    key.reserve(text.size() + 16);
    key.append(std::to_string(px)).push_back(w == Weight::Bold ? 'b' : 'r');
    key.append(reinterpret_cast<const char*>(&c), sizeof c).append(text);
    auto it = m_cache.find(key);
    if (it == m_cache.end()) {
        TTF_Font* f = m_fonts.get(px, w);
        if (!f) return {0, 0};
        SDL_Surface* s = TTF_RenderUTF8_Blended(f, text.c_str(), c);
        if (!s) return {0, 0};
        Entry e{SDL_CreateTextureFromSurface(m_renderer, s), s->w, s->h};
        SDL_FreeSurface(s);
        if (!e.texture) return {0, 0};
        if (m_lru.size() >= m_capacity) {
            auto old = m_cache.find(m_lru.back());
            SDL_DestroyTexture(old->second.first.texture);
            secure_wipe(const_cast<char*>(old->first.data()), old->first.size());
            m_cache.erase(old);
            secure_wipe(m_lru.back().data(), m_lru.back().size());
            m_lru.pop_back();
        }
        m_lru.push_front(key);
        it = m_cache.emplace(key, std::make_pair(e, m_lru.begin())).first;
    } else {
        m_lru.splice(m_lru.begin(), m_lru, it->second.second);
    }
    const Entry& e = it->second.first;
    SDL_Rect dst{x, y, e.w, e.h};
    SDL_RenderCopy(m_renderer, e.texture, nullptr, &dst);
    return {e.w, e.h};
}

}  // namespace kiosk::ui
