// TextEntry: tabs, candidate row, writing pad with ink, pinyin / digit / letter keys; the state it keeps is wiped.
#include "kiosk/ui/text_entry.h"

#include <SDL_ttf.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <nlohmann/json.hpp>

namespace kiosk::ui {

namespace {

const char* const kPinyinRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
const char* const kLetterRows[] = {"1234567890", "QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM"};
const char* const kDigitRows[] = {"123", "456", "789", "-0"};
constexpr size_t kMaxCandidates = 40;  // more than anyone pages through

void wipe(std::string& s) {
    secure_wipe(s.data(), s.capacity());
    s.clear();
}

}  // namespace

const char* entry_mode_name(EntryMode m) {
    switch (m) {
    case EntryMode::Handwriting: return "handwriting";
    case EntryMode::Pinyin: return "pinyin";
    case EntryMode::Digits: return "digits";
    case EntryMode::Letters: return "letters";
    }
    return "handwriting";
}

bool entry_mode_from_name(const std::string& name, EntryMode& out) {
    for (EntryMode m : {EntryMode::Handwriting, EntryMode::Pinyin, EntryMode::Digits, EntryMode::Letters})
        if (name == entry_mode_name(m)) {
            out = m;
            return true;
        }
    return false;
}

TextEntry::TextEntry(std::shared_ptr<const InputEngines> engines, std::vector<EntryMode> modes, EntryMode mode,
                     TextEntryLabels labels, const Theme& theme, TextRenderer& text)
    : m_engines(std::move(engines)), m_modes(std::move(modes)), m_mode(mode), m_labels(std::move(labels)),
      m_theme(theme), m_text(text) {
    if (m_modes.empty()) m_modes = {EntryMode::Letters};
    if (std::find(m_modes.begin(), m_modes.end(), m_mode) == m_modes.end()) m_mode = m_modes.front();
}

TextEntry::~TextEntry() {
    // Not the target: the screen may have destroyed its field first.
    drop_lookup();
    clear_ink();
    wipe_candidates();
}

void TextEntry::wipe_candidates() {
    for (auto& c : m_candidates) wipe(c);
    m_candidates.clear();
    wipe(m_last_committed);
    m_page_start = 0;
    m_replaceable = false;
}

void TextEntry::clear_ink() {
    if (m_ticket_ink) drop_lookup();
    for (auto& s : m_ink) secure_wipe(s.data(), s.size() * sizeof(PadPoint));
    m_ink.clear();
    m_drawing = false;
    m_pending = false;
}

void TextEntry::set_candidates(std::vector<std::string> c) {
    wipe_candidates();
    if (c.size() > kMaxCandidates) c.resize(kMaxCandidates);
    m_candidates = std::move(c);
}

void TextEntry::set_mode(EntryMode m) {
    if (m == m_mode) return;
    commit_pending();
    clear_ink();
    wipe_candidates();
    // Letters typed in pinyin stay in the field as they are: a search reads them as pinyin.
    if (!m_composition.empty() && target) {
        std::string letters(m_composition.begin(), m_composition.end());
        target->set_composition({});
        target->insert(letters);
        wipe(letters);
    }
    secure_wipe(m_composition.data(), m_composition.size());
    m_composition.clear();
    drop_lookup();
    m_mode = m;
    if (on_mode) on_mode(m);
}

// ---- layout --------------------------------------------------------------------------

namespace {
int gap_of(const Theme& t) { return std::max(6, t.px(10)); }
int tab_height(const Theme& t) { return std::max(t.min_target(), t.px(84)); }
int row_height(const Theme& t) { return std::max(t.min_target(), t.px(100)); }
}  // namespace

int TextEntry::min_height(const Theme& t) {
    return tab_height(t) + row_height(t) + 2 * gap_of(t) + int(kPadMinCm * t.px_per_cm + 0.5f);
}

SDL_Rect TextEntry::pad_rect() const {
    for (const auto& c : layout())
        if (c.role == Role::Key && c.label.empty()) return c.rect;
    return {0, 0, 0, 0};
}

std::vector<TextEntry::Cell> TextEntry::layout() const {
    const Theme& t = m_theme;
    std::vector<Cell> out;
    const int gap = gap_of(t);
    // Too little height for the 8 cm pad (landscape, large text, a printer banner below): the
    // tabs and the candidate row shrink to the 1.5 cm target before the pad does.
    const bool compact = bounds.h < min_height(t);
    const int tab_h = compact ? t.min_target() : tab_height(t);
    int y = bounds.y;
    // Tabs: only when the field allows more than one mode.
    if (m_modes.size() > 1) {
        int n = int(m_modes.size());
        int w = (bounds.w - gap * (n - 1)) / n;
        for (int i = 0; i < n; ++i) {
            EntryMode m = m_modes[size_t(i)];
            const std::string& label = m == EntryMode::Handwriting ? m_labels.handwriting
                                       : m == EntryMode::Pinyin    ? m_labels.pinyin
                                       : m == EntryMode::Digits    ? m_labels.digits
                                                                   : m_labels.letters;
            out.push_back({Role::Tab, label, {bounds.x + i * (w + gap), y, i == n - 1 ? bounds.w - i * (w + gap) : w, tab_h}, i});
        }
        y += tab_h + gap;
    }
    // Candidate row.
    if (m_mode == EntryMode::Handwriting || m_mode == EntryMode::Pinyin) {
        const int row_h = compact ? t.min_target() : row_height(t);
        int x = bounds.x, right = bounds.x + bounds.w;
        int px = compact ? t.body() : t.title();
        if (m_mode == EntryMode::Pinyin && !m_composition.empty()) {
            // The letters typed, small, at the start of the row (not a target).
            std::string letters(m_composition.begin(), m_composition.end());
            int w = m_text.measure(letters, t.small(), Weight::Regular).x + 2 * gap;
            out.push_back({Role::Space, letters, {x, y, w, row_h}, -1});
            x += w + gap;
        }
        int more_w = std::max(t.min_target(), m_text.measure(m_labels.more, t.body(), Weight::Regular).x + 2 * t.px(16));
        size_t i = m_page_start < m_candidates.size() ? m_page_start : 0;
        for (; i < m_candidates.size(); ++i) {
            int w = std::max(row_h, m_text.measure(m_candidates[i], px, Weight::Regular).x + 2 * t.px(20));
            bool last = i + 1 == m_candidates.size();
            int room = right - x - (last ? 0 : more_w + gap);
            if (w > room) break;
            out.push_back({Role::Candidate, m_candidates[i], {x, y, w, row_h}, int(i)});
            x += w + gap;
        }
        m_page_end = i;
        if (m_candidates.size() > 0 && (i < m_candidates.size() || m_page_start > 0))
            out.push_back({Role::More, m_labels.more, {right - more_w, y, more_w, row_h}, 0});
        y += row_h + gap;
    }
    const int bottom = bounds.y + bounds.h;
    const int body_h = bottom - y;
    if (m_mode == EntryMode::Handwriting) {
        // The pad, square, with 重写 / 删除 / 确定 in a column beside it.
        int col_w = std::max(t.min_target() * 2, t.px(190));
        int side = std::min(body_h, bounds.w - col_w - gap);
        int x0 = bounds.x + (bounds.w - side - gap - col_w) / 2;
        out.push_back({Role::Key, "", {x0, y, side, side}, 0});  // the pad: a key with no label
        int bx = x0 + side + gap;
        int bh = (side - 2 * gap) / 3;
        out.push_back({Role::Rewrite, m_labels.rewrite, {bx, y, col_w, bh}, 0});
        out.push_back({Role::Delete, m_labels.del, {bx, y + bh + gap, col_w, bh}, 0});
        out.push_back({Role::Done, m_labels.done, {bx, y + 2 * (bh + gap), col_w, side - 2 * (bh + gap)}, 0});
        return out;
    }
    // Key grids: rows of equal keys; the last row holds 删除 and 确定 (and ' in pinyin).
    std::vector<std::string> rows;
    if (m_mode == EntryMode::Pinyin) rows.assign(std::begin(kPinyinRows), std::end(kPinyinRows));
    else if (m_mode == EntryMode::Digits) rows.assign(std::begin(kDigitRows), std::end(kDigitRows));
    else rows.assign(std::begin(kLetterRows), std::end(kLetterRows));
    int nrows = int(rows.size()) + 1;
    int kh = (body_h - gap * (nrows - 1)) / nrows;
    size_t widest = 0;
    for (auto& r : rows) widest = std::max(widest, r.size());
    int kw = (bounds.w - gap * (int(widest) - 1)) / int(widest);
    if (m_mode == EntryMode::Digits) kw = std::min(kw, std::max(t.min_target(), t.px(200)));
    for (int r = 0; r < int(rows.size()); ++r) {
        int n = int(rows[size_t(r)].size());
        int x0 = bounds.x + (bounds.w - (n * kw + (n - 1) * gap)) / 2;
        for (int i = 0; i < n; ++i)
            out.push_back({Role::Key, std::string(1, rows[size_t(r)][size_t(i)]), {x0 + i * (kw + gap), y + r * (kh + gap), kw, kh}, 0});
    }
    int ly = y + int(rows.size()) * (kh + gap);
    int lh = bottom - ly;
    if (m_mode == EntryMode::Pinyin) {
        int third = (bounds.w - 2 * gap) / 3;
        out.push_back({Role::Delete, m_labels.del, {bounds.x, ly, third, lh}, 0});
        out.push_back({Role::Key, "'", {bounds.x + third + gap, ly, third, lh}, 0});
        out.push_back({Role::Done, m_labels.done, {bounds.x + 2 * (third + gap), ly, bounds.w - 2 * (third + gap), lh}, 0});
    } else {
        int half = (bounds.w - gap) / 2;
        out.push_back({Role::Delete, m_labels.del, {bounds.x, ly, half, lh}, 0});
        out.push_back({Role::Done, m_labels.done, {bounds.x + half + gap, ly, bounds.w - half - gap, lh}, 0});
    }
    return out;
}

std::vector<Widget::Item> TextEntry::items() const {
    std::vector<Item> out;
    for (const auto& c : layout()) {
        if (c.role == Role::Key && c.label.empty()) {
            bool ready = handwriting_ready();
            out.push_back({ready ? (m_ink.empty() ? m_labels.pad_hint : std::string()) : m_labels.not_ready, c.rect, false, true});
            continue;
        }
        bool tappable = c.role != Role::Space;
        out.push_back({c.label, c.rect, tappable, true});
    }
    return out;
}

void TextEntry::dump(nlohmann::json& out) const {
    size_t before = out.size();
    Widget::dump(out);
    if (out.size() == before) return;  // not visible
    out.back()["mode"] = entry_mode_name(m_mode);
    out.back()["candidates"] = m_candidates;
}

std::optional<SDL_Rect> TextEntry::candidate_rect(const std::string& text) {
    auto it = std::find(m_candidates.begin(), m_candidates.end(), text);
    if (it == m_candidates.end()) return std::nullopt;
    size_t index = size_t(it - m_candidates.begin());
    layout();
    if (index < m_page_start || index >= m_page_end) {
        // Page to it as a citizen would: 更多 until it shows (or around once).
        for (size_t guard = 0; guard < m_candidates.size() && (index < m_page_start || index >= m_page_end); ++guard) {
            m_page_start = m_page_end >= m_candidates.size() ? 0 : m_page_end;
            layout();
        }
    }
    for (const auto& c : layout())
        if (c.role == Role::Candidate && size_t(c.index) == index) return c.rect;
    return std::nullopt;
}

// ---- input ---------------------------------------------------------------------------

bool TextEntry::on_pointer(const PointerEvent& e) {
    using K = PointerEvent::Kind;
    if (m_drawing) {
        SDL_Rect pad = pad_rect();
        float x = float(std::clamp(e.x, pad.x, pad.x + pad.w - 1)), y = float(std::clamp(e.y, pad.y, pad.y + pad.h - 1));
        if (e.kind == K::Move) {
            m_ink.back().push_back({x, y});
        } else if (e.kind == K::Up) {
            m_ink.back().push_back({x, y});
            m_drawing = false;
            m_last_stroke = e.time;
            recognise();
        } else if (e.kind == K::Cancel) {
            secure_wipe(m_ink.back().data(), m_ink.back().size() * sizeof(PadPoint));
            m_ink.pop_back();
            m_drawing = false;
        }
        return true;
    }
    auto cells = layout();
    if (e.kind == K::Down) {
        m_pressed = -1;
        if (!contains(bounds, e.x, e.y)) return false;
        for (size_t i = 0; i < cells.size(); ++i)
            if (contains(cells[i].rect, e.x, e.y)) m_pressed = int(i);
        if (m_pressed >= 0 && cells[size_t(m_pressed)].role == Role::Key && cells[size_t(m_pressed)].label.empty()) {
            m_pressed = -1;
            if (!handwriting_ready()) return true;
            // A new character starts: what the pause put in is settled.
            if (!m_pending && m_replaceable) wipe_candidates();
            m_ink.push_back({{float(e.x), float(e.y)}});
            m_drawing = true;
        }
        return true;
    }
    if (e.kind == K::Up && m_pressed >= 0) {
        size_t i = size_t(m_pressed);
        m_pressed = -1;
        if (i < cells.size() && contains(cells[i].rect, e.x, e.y)) press(cells[i]);
        return true;
    }
    if (e.kind == K::Cancel) m_pressed = -1;
    return m_pressed >= 0;
}

void TextEntry::press(const Cell& c) {
    switch (c.role) {
    case Role::Tab: set_mode(m_modes[size_t(c.index)]); break;
    case Role::Candidate: choose(size_t(c.index)); break;
    case Role::More: m_page_start = m_page_end >= m_candidates.size() ? 0 : m_page_end; break;
    case Role::Rewrite:
        clear_ink();
        wipe_candidates();
        break;
    case Role::Delete:
        if (m_mode == EntryMode::Handwriting && !m_ink.empty()) {
            // Ink on the pad: 删除 takes the last stroke back, as a pen's undo.
            secure_wipe(m_ink.back().data(), m_ink.back().size() * sizeof(PadPoint));
            m_ink.pop_back();
            if (m_ink.empty()) clear_ink(), wipe_candidates();
            else recognise();
        } else if (m_mode == EntryMode::Pinyin && !m_composition.empty()) {
            m_composition.back() = 0;
            m_composition.pop_back();
            update_pinyin();
        } else {
            wipe_candidates();
            if (target) target->backspace();
        }
        break;
    case Role::Done:
        commit_pending();
        if (m_mode == EntryMode::Pinyin && !m_composition.empty() && target) {
            std::string letters(m_composition.begin(), m_composition.end());
            secure_wipe(m_composition.data(), m_composition.size());
            m_composition.clear();
            target->set_composition({});
            target->insert(letters);
            wipe(letters);
            wipe_candidates();
        }
        if (on_done) on_done();
        break;
    case Role::Key:
        if (c.label.empty()) break;
        if (m_mode == EntryMode::Pinyin) {
            if (m_composition.size() < 64) m_composition += c.label;
            update_pinyin();
        } else if (target) {
            target->insert(c.label);
        }
        break;
    case Role::Space: break;
    }
}

void TextEntry::choose(size_t index) {
    if (index >= m_candidates.size() || !target) return;
    std::string chosen = m_candidates[index];
    if (m_mode == EntryMode::Handwriting) {
        if (m_pending) {
            target->insert(chosen);
        } else if (m_replaceable) {
            // The pause already put the first candidate in: this one replaces it.
            target->backspace();
            target->insert(chosen);
        }
        clear_ink();
        wipe_candidates();
    } else if (m_mode == EntryMode::Pinyin) {
        std::string letters(m_composition.begin(), m_composition.end());
        size_t used = m_engines && m_engines->pinyin_consumed ? m_engines->pinyin_consumed(letters, chosen) : letters.size();
        if (used == 0) used = letters.size();
        WipedString rest(m_composition.begin() + long(std::min(used, m_composition.size())), m_composition.end());
        secure_wipe(m_composition.data(), m_composition.size());
        m_composition = std::move(rest);
        wipe(letters);
        target->set_composition({});
        target->insert(chosen);
        update_pinyin();
    }
    wipe(chosen);
}

bool TextEntry::handwriting_ready() const {
    if (!m_engines || !m_engines->recognize) return false;
    return !m_engines->handwriting_ready || m_engines->handwriting_ready();
}

namespace {

/// The copy of the ink a lookup works on: wiped when the job is done or dropped.
struct InkCopy {
    std::vector<PadStroke> strokes;
    ~InkCopy() {
        for (auto& s : strokes) secure_wipe(s.data(), s.size() * sizeof(PadPoint));
    }
};

}  // namespace

void TextEntry::look_up(bool ink, std::function<std::vector<std::string>()> job) {
    drop_lookup();
    if (!m_engines || !m_engines->worker) {
        set_candidates(job());
        if (ink) m_pending = true;
        return;
    }
    m_ticket = m_engines->worker->post(std::move(job));
    m_ticket_ink = ink;
}

void TextEntry::drop_lookup() {
    if (m_ticket && m_engines && m_engines->worker) m_engines->worker->cancel(m_ticket);
    m_ticket = 0;
    m_ticket_ink = false;
}

bool TextEntry::collect_lookup() {
    if (!m_ticket) return false;
    std::vector<std::string> out;
    switch (m_engines->worker->take(m_ticket, out)) {
    case InputWorker::State::Pending: return true;
    case InputWorker::State::Done: {
        bool ink = m_ticket_ink;
        m_ticket = 0;
        m_ticket_ink = false;
        set_candidates(std::move(out));
        if (ink) m_pending = true;
        return false;
    }
    case InputWorker::State::Gone:
        // Another field's lookup took the worker (or the session was wiped): ask again.
        m_ticket = 0;
        if (m_ticket_ink) recognise();
        else if (!m_composition.empty()) update_pinyin();
        return m_ticket != 0;
    }
    return false;
}

void TextEntry::recognise() {
    if (!handwriting_ready() || m_ink.empty()) return;
    auto copy = std::make_shared<InkCopy>();
    copy->strokes = m_ink;
    look_up(true, [fn = m_engines->recognize, copy] { return fn(copy->strokes); });
}

void TextEntry::commit_pending() {
    if (m_mode != EntryMode::Handwriting || !m_pending) return;
    m_pending = false;
    clear_ink();
    if (m_candidates.empty() || !target) return;
    target->insert(m_candidates.front());
    m_last_committed = m_candidates.front();
    m_replaceable = true;
}

void TextEntry::update_pinyin() {
    if (m_composition.empty() || !m_engines || !m_engines->pinyin) {
        drop_lookup();
        wipe_candidates();
    } else {
        auto letters = std::make_shared<WipedString>(m_composition);
        look_up(false, [fn = m_engines->pinyin, letters] {
            std::string l(letters->begin(), letters->end());
            auto out = fn(l);
            wipe(l);
            return out;
        });
    }
    show_composition();
}

void TextEntry::show_composition() {
    if (target) target->set_composition(std::string(m_composition.begin(), m_composition.end()));
}

bool TextEntry::tick(std::chrono::steady_clock::time_point now) {
    bool had = m_ticket != 0;
    if (collect_lookup()) return true;  // keep frames coming until the answer is in
    if (had) return true;               // the answer came: draw it
    if (!m_seen_ready && handwriting_ready()) {
        // The engines came while the citizen was already typing: show what they make of it.
        m_seen_ready = true;
        if (m_mode == EntryMode::Pinyin && !m_composition.empty()) update_pinyin();
        return true;
    }
    if (m_mode == EntryMode::Handwriting && m_pending && !m_drawing && now - m_last_stroke >= kCommitPause) {
        commit_pending();
        return true;
    }
    return m_pending;  // keep frames coming until the pause has passed
}

// ---- drawing -------------------------------------------------------------------------

namespace {
/// A label of ASCII punctuation only (`'`, `-`, `,`): letters, digits and Han characters
/// fill the line's body and are centred by their line box, which keeps a row's baselines even.
bool is_mark(const std::string& label) {
    return !label.empty() && std::all_of(label.begin(), label.end(), [](char ch) {
        auto u = static_cast<unsigned char>(ch);
        return u < 0x80 && std::ispunct(u);
    });
}

/// Rows of the line box (from its top, as TextRenderer::draw places it) that hold the ink of
/// an ASCII label, [first, last); the whole line box when the font does not say.
std::pair<int, int> ink_rows(TextRenderer& text, const std::string& label, int px, Weight w) {
    TTF_Font* f = text.fonts().get(px, w);
    int top = INT_MAX, bottom = INT_MIN;
    if (f)
        for (unsigned char ch : label) {
            int minx, maxx, miny, maxy, advance;
            if (TTF_GlyphMetrics32(f, ch, &minx, &maxx, &miny, &maxy, &advance) != 0 || maxy <= miny) continue;
            top = std::min(top, TTF_FontAscent(f) - maxy);
            bottom = std::max(bottom, TTF_FontAscent(f) - miny);
        }
    if (top >= bottom) return {0, text.line_height(px, w)};
    return {top, bottom};
}
}  // namespace

void TextEntry::draw(Canvas& c) {
    if (!visible) return;
    const Theme& t = c.theme;
    auto cells = layout();
    for (size_t i = 0; i < cells.size(); ++i) {
        const Cell& k = cells[i];
        if (k.role == Role::Key && k.label.empty()) {
            // The pad: a white square with a 田字格 guide in light dashes, the ink in dark blue.
            fill_rounded(c.renderer, k.rect, 16, t.control_border);
            fill_rounded(c.renderer, {k.rect.x + 3, k.rect.y + 3, k.rect.w - 6, k.rect.h - 6}, 14, t.card);
            SDL_Color guide = t.background;
            int cx = k.rect.x + k.rect.w / 2, cy = k.rect.y + k.rect.h / 2;
            for (int d = k.rect.x + 20; d < k.rect.x + k.rect.w - 20; d += 24) fill_rect(c.renderer, {d, cy - 1, 12, 3}, guide);
            for (int d = k.rect.y + 20; d < k.rect.y + k.rect.h - 20; d += 24) fill_rect(c.renderer, {cx - 1, d, 3, 12}, guide);
            bool ready = handwriting_ready();
            if (!ready || m_ink.empty()) {
                const std::string& hint = ready ? m_labels.pad_hint : m_labels.not_ready;
                int hpx = t.body();
                auto s = c.text.measure(hint, hpx, Weight::Regular);
                const int room = k.rect.w - 2 * t.px(16);
                while (s.x > room && hpx > t.small()) s = c.text.measure(hint, hpx -= 2, Weight::Regular);
                // Still too wide (English in a small pad): two lines, split at the middle space.
                std::vector<std::string> lines{hint};
                size_t mid = hint.size() / 2, sp = hint.rfind(' ', mid);
                if (s.x > room && (sp == std::string::npos || hint.find(' ', mid) - mid < mid - sp)) sp = hint.find(' ', mid);
                if (s.x > room && sp != std::string::npos) lines = {hint.substr(0, sp), hint.substr(sp + 1)};
                int ly = k.rect.y + k.rect.h - t.px(24);
                for (auto l = lines.rbegin(); l != lines.rend(); ++l) {
                    auto ls = c.text.measure(*l, hpx, Weight::Regular);
                    if (ls.x > k.rect.w) text_cut = true;
                    ly -= ls.y;
                    c.text.draw(*l, hpx, Weight::Regular, t.muted, k.rect.x + std::max(t.px(16), (k.rect.w - ls.x) / 2), ly);
                }
            }
            int r = std::max(3, int(t.px_per_cm * 0.15f));  // a 3 mm pen
            for (const auto& stroke : m_ink)
                for (size_t p = 0; p < stroke.size(); ++p) {
                    PadPoint a = stroke[p], b = p + 1 < stroke.size() ? stroke[p + 1] : stroke[p];
                    float len = std::hypot(b.x - a.x, b.y - a.y);
                    int steps = std::max(1, int(2 * len / float(r)));  // dots half a radius apart: a solid line
                    for (int s = 0; s < steps; ++s)
                        fill_circle(c.renderer, int(a.x + (b.x - a.x) * s / steps), int(a.y + (b.y - a.y) * s / steps), r, t.text);
                }
            continue;
        }
        bool selected = k.role == Role::Tab && m_modes[size_t(k.index)] == m_mode;
        bool primary = k.role == Role::Done || selected;
        bool first_candidate = k.role == Role::Candidate && k.index == 0;
        SDL_Color bg = primary ? t.primary : (int(i) == m_pressed ? t.border : t.card);
        SDL_Color fg = primary ? t.primary_text : t.text;
        if (k.role == Role::Space) {
            auto s = c.text.measure(k.label, t.small(), Weight::Regular);
            c.text.draw(k.label, t.small(), Weight::Regular, t.muted, k.rect.x + (k.rect.w - s.x) / 2, k.rect.y + (k.rect.h - s.y) / 2);
            continue;
        }
        fill_rounded(c.renderer, k.rect, 12, first_candidate ? t.primary : t.control_border);
        int inset = first_candidate ? 4 : 2;
        fill_rounded(c.renderer, {k.rect.x + inset, k.rect.y + inset, k.rect.w - 2 * inset, k.rect.h - 2 * inset}, 10, bg);
        int px = k.role == Role::Candidate || k.role == Role::Key ? t.title() : t.body();
        Weight w = k.role == Role::Key || primary ? Weight::Bold : Weight::Regular;
        auto s = c.text.measure(k.label, px, w);
        while ((s.x > k.rect.w - 8 || s.y > k.rect.h) && px > t.small()) s = c.text.measure(k.label, px -= 4, w);
        if (s.x > k.rect.w || s.y > k.rect.h) text_cut = true;
        int y = k.rect.y + (k.rect.h - s.y) / 2;
        if (is_mark(k.label)) {
            // A mark such as `'` sits at the top of its line box: centre its ink, not the box.
            auto [top, bottom] = ink_rows(c.text, k.label, px, w);
            y = k.rect.y + (k.rect.h - (bottom - top)) / 2 - top;
        }
        c.text.draw(k.label, px, w, fg, k.rect.x + (k.rect.w - s.x) / 2, y);
    }
}

}  // namespace kiosk::ui
