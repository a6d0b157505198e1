// Text: Noto Sans CJK SC found through fontconfig, ICU line breaking, and a cache of rendered lines.
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>

#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace kiosk::ui {

enum class Weight { Regular, Bold };

struct FontFace {
    std::string file;
    int index = 0;
};

/// Asks fontconfig for `pattern` (e.g. "Noto Sans CJK SC:lang=zh-cn"); the face index matters
/// because the CJK collection's face 0 is Japanese.
Result<FontFace> find_font(const std::string& pattern);

/// The two faces (regular, bold), each file opened and parsed once; sizes are set on the open
/// face. Opening Noto Sans CJK (a 20 MB collection of 65,000 glyphs) once per size cost about
/// 4 ms of CPU each at start-up, for four sizes on the home screen alone (issue #18).
class FontLibrary {
public:
    /// Finds the fonts through fontconfig. With `cache_file`, the faces found are remembered
    /// there and reused while the font files still exist: loading fontconfig's configuration
    /// is the slowest step of start-up (about 25 ms of the 100 ms budget).
    static Result<std::unique_ptr<FontLibrary>> create(const std::string& cache_file = {});
    ~FontLibrary();
    /// The face of weight `w`, set to `px` pixels. The pointer stays valid, but its size is
    /// only `px` until the next get() of the same weight at another size: use it at once,
    /// on the UI thread (the only thread that draws).
    TTF_Font* get(int px, Weight w);
    /// How many times a font file was opened (tests: once per weight).
    int opens() const { return m_opens; }

private:
    FontLibrary() = default;
    FontFace m_regular, m_bold;
    struct Open {
        TTF_Font* font = nullptr;
        int px = 0;
    };
    Open m_open[2];  // indexed by Weight
    int m_opens = 0;
};

/// Splits UTF-8 text into lines no wider than `max_width` pixels, breaking only where ICU's
/// line-break rules allow (between CJK characters, at spaces, never before "，。" and the like).
/// Explicit '\n' starts a new line. A single unbreakable run wider than the line is cut by
/// characters.
std::vector<std::string> wrap_text(TTF_Font* font, const std::string& text, int max_width);

/// Width in pixels of a single line.
int text_width(TTF_Font* font, const std::string& text);

/// Rendered lines as textures, keyed by font, colour and text, with LRU eviction: a list of
/// 40 Chinese rows is drawn from cached textures instead of being shaped every frame.
class TextRenderer {
public:
    TextRenderer(SDL_Renderer* r, FontLibrary& fonts, size_t capacity = 512);
    ~TextRenderer();
    FontLibrary& fonts() { return m_fonts; }
    /// Draws one line with its top-left at (x, y); returns its size.
    SDL_Point draw(const std::string& text, int px, Weight w, SDL_Color color, int x, int y);
    /// Size of one line, from a cache: measuring again at another size would reload every
    /// glyph of the shared face (a size change empties SDL_ttf's glyph cache).
    SDL_Point measure(const std::string& text, int px, Weight w);
    int line_height(int px, Weight w);
    void clear();
    size_t cached() const { return m_lru.size(); }

private:
    struct Entry {
        SDL_Texture* texture;
        int w, h;
    };
    SDL_Renderer* m_renderer;
    FontLibrary& m_fonts;
    size_t m_capacity;
    std::list<std::string> m_lru;  // most recent first
    std::unordered_map<std::string, std::pair<Entry, std::list<std::string>::iterator>> m_cache;
    std::unordered_map<std::string, SDL_Point> m_sizes;  // measure(); emptied when it grows too big
    std::map<std::pair<int, Weight>, int> m_line_heights;
};

}  // namespace kiosk::ui
