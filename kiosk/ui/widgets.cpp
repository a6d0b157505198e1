// Label, Button, ProgressBar, TextField and Dialog.
#include "widgets.h"

#include "base/secret.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace kiosk::ui {

// ---- Label ---------------------------------------------------------------------------
Label::Label(std::string text, int px, SDL_Color color, Weight w, Align a)
    : m_text(std::move(text)), m_px(px), m_color(color), m_weight(w), m_align(a) {}

const std::vector<std::string>& Label::lines(TextRenderer& tr, int width) {
    if (width != m_cached_width) {
        m_lines = wrap_text(tr.fonts().get(m_px, m_weight), m_text, std::max(1, width - 2 * padding));
        if (max_lines > 0 && int(m_lines.size()) > max_lines) {
            m_lines.resize(size_t(max_lines));
            m_lines.back() += "…";
        }
        m_cached_width = width;
    }
    return m_lines;
}

int Label::measure_height(TextRenderer& tr, int width) {
    return int(lines(tr, width).size()) * tr.line_height(m_px, m_weight) + 2 * padding;
}

void Label::draw(Canvas& c) {
    if (!visible) return;
    if (background) fill_rounded(c.renderer, bounds, 16, *background);
    int lh = c.text.line_height(m_px, m_weight);
    int y = bounds.y + padding;
    const auto& ls = lines(c.text, bounds.w);
    // Cut: an ellipsised last line, or lines that run below the bounds (a few pixels of a
    // font's descent below are not a cut).
    text_cut = !m_text.empty() && ((max_lines > 0 && !ls.empty() && ls.back().size() >= 3 &&
                                    ls.back().compare(ls.back().size() - 3, 3, "…") == 0 &&
                                    m_text.find("…") == std::string::npos) ||
                                   int(ls.size()) * lh + 2 * padding > bounds.h + lh / 4);
    for (const auto& line : ls) {
        int x = bounds.x + padding;
        if (m_align != Align::Left) {
            int w = c.text.measure(line, m_px, m_weight).x;
            x = m_align == Align::Center ? bounds.x + (bounds.w - w) / 2 : bounds.x + bounds.w - padding - w;
        }
        c.text.draw(line, m_px, m_weight, m_color, x, y);
        y += lh;
    }
}

// ---- Button --------------------------------------------------------------------------
Button::Button(std::string label, std::function<void()> on_tap, ButtonStyle style)
    : m_label(std::move(label)), m_on_tap(std::move(on_tap)), m_style(style) {}

bool Button::on_pointer(const PointerEvent& e) {
    switch (e.kind) {
    case PointerEvent::Kind::Down:
        if (!contains(bounds, e.x, e.y)) return false;
        m_pressed = enabled;
        return true;
    case PointerEvent::Kind::Move:
        if (m_pressed && !contains(bounds, e.x, e.y)) m_pressed = false;
        return true;
    case PointerEvent::Kind::Up: {
        bool fire = m_pressed && contains(bounds, e.x, e.y);
        m_pressed = false;
        if (fire) activate();
        return true;
    }
    case PointerEvent::Kind::Cancel:
        m_pressed = false;
        return true;
    }
    return false;
}

void Button::draw(Canvas& c) {
    if (!visible) return;
    const Theme& t = c.theme;
    SDL_Color bg = t.card, fg = t.text;
    switch (m_style) {
    case ButtonStyle::Primary: bg = t.primary, fg = t.primary_text; break;
    case ButtonStyle::Danger: bg = t.error_text, fg = t.primary_text; break;
    case ButtonStyle::Header: bg = t.header_button, fg = t.header_text; break;
    default: break;
    }
    if (!enabled) bg = m_style == ButtonStyle::Secondary || m_style == ButtonStyle::Tile ? t.background : t.disabled,
                  fg = m_style == ButtonStyle::Secondary || m_style == ButtonStyle::Tile ? t.disabled : t.card;
    if (m_pressed) bg = SDL_Color{Uint8(bg.r * 0.85), Uint8(bg.g * 0.85), Uint8(bg.b * 0.85), 0xFF};
    int radius = m_style == ButtonStyle::Tile ? 24 : 16;
    if (m_style == ButtonStyle::Secondary || m_style == ButtonStyle::Tile || m_style == ButtonStyle::Header) {
        // A face with a visible edge (theme.h: control_border, 3:1 or more on the screen).
        SDL_Color edge = m_style == ButtonStyle::Header ? t.header_button_border : enabled ? t.control_border : t.disabled;
        fill_rounded(c.renderer, bounds, radius, edge);
        SDL_Rect inner{bounds.x + 2, bounds.y + 2, bounds.w - 4, bounds.h - 4};
        fill_rounded(c.renderer, inner, radius - 2, bg);
    } else {
        fill_rounded(c.renderer, bounds, radius, bg);
    }
    int px = label_px ? label_px : (m_style == ButtonStyle::Tile ? t.title() : t.body());
    Weight w = m_style == ButtonStyle::Tile || m_style == ButtonStyle::Primary ? Weight::Bold : Weight::Regular;
    if (m_style == ButtonStyle::Tile) {
        // Tile: a pictogram on a coloured disc above a bold label and a small subtitle, the
        // whole group centred; a tile too short for that (portrait with many services) puts the
        // disc at the left of the words instead. A label too wide or too tall for its room
        // (landscape with large text, long English names) steps down in size, to small text at
        // the least.
        int pad = t.px(16);
        int sub_px = t.small();
        int sub_h = sublabel.empty() ? 0 : c.text.line_height(sub_px, Weight::Regular);
        auto fit_label = [&](int room_w, int room_h) {
            int size = label_px ? label_px : t.title();
            auto too_big = [&](int sz) {
                auto s = c.text.measure(m_label, sz, w);
                return s.x > room_w || s.y > room_h;
            };
            while (size > t.small() && too_big(size)) size -= 4;
            return size;
        };
        // Stacked when a disc of a readable size fits above the words, else side by side.
        int full = fit_label(bounds.w - 2 * pad, bounds.h - pad);
        int stacked = icon == Icon::None ? 0 : std::min(t.px(100), bounds.h - c.text.measure(m_label, full, w).y - sub_h - 3 * pad);
        int side = icon == Icon::None ? 0 : std::min(t.px(100), bounds.h - 2 * pad);
        bool beside = stacked < t.px(56) && side >= t.px(48) && bounds.w >= bounds.h * 3 / 2;
        int disc = beside ? side : stacked >= t.px(56) ? stacked : 0;  // a dot too small to read is clutter
        SDL_Rect text_box = bounds;
        if (beside) {
            text_box = {bounds.x + pad + disc, bounds.y, bounds.w - pad - disc, bounds.h};
            px = fit_label(text_box.w - 2 * pad, bounds.h - pad);
        } else {
            px = full;
        }
        auto ls = c.text.measure(m_label, px, w);
        text_cut = ls.x > text_box.w - 2 * pad || ls.y > bounds.h;
        SDL_Point ss{0, 0};
        // A tile too short for the subtitle drops it rather than spilling out of its border.
        bool show_sub = !sublabel.empty() && ls.y + sub_h + 2 * pad <= bounds.h;
        if (show_sub) {
            while (sub_px > t.px(24) && c.text.measure(sublabel, sub_px, Weight::Regular).x > text_box.w - 2 * pad) sub_px -= 2;
            ss = c.text.measure(sublabel, sub_px, Weight::Regular);
        }
        SDL_Color disc_colour = enabled ? accent : t.disabled;
        int total = (beside ? 0 : disc + (disc ? pad : 0)) + ls.y + ss.y;
        int y = bounds.y + (bounds.h - total) / 2;
        m_icon_box = {0, 0, 0, 0};
        if (disc > 0) {
            int cx = beside ? bounds.x + pad + disc / 2 : bounds.x + bounds.w / 2;
            int cy = beside ? bounds.y + bounds.h / 2 : y + disc / 2;
            fill_circle(c.renderer, cx, cy, disc / 2, disc_colour);
            int inner = disc * 62 / 100;  // the pictogram inside the disc, clear of its edge
            m_icon_box = {cx - inner / 2, cy - inner / 2, inner, inner};
            draw_icon(c.renderer, icon, m_icon_box, t.card, disc_colour);
            if (!beside) y += disc + pad;
        }
        c.text.draw(m_label, px, w, fg, text_box.x + (text_box.w - ls.x) / 2, y);
        if (show_sub)
            c.text.draw(sublabel, sub_px, Weight::Regular, enabled ? t.muted : t.disabled, text_box.x + (text_box.w - ss.x) / 2,
                        y + ls.y);
        return;
    }
    auto ls = c.text.measure(m_label, px, w);
    int total = ls.y;
    text_cut = ls.x > bounds.w - 8 || ls.y > bounds.h;
    SDL_Point ss{0, 0};
    if (!sublabel.empty()) {
        ss = c.text.measure(sublabel, t.small(), Weight::Regular);
        total += ss.y;
    }
    int y = bounds.y + (bounds.h - total) / 2;
    c.text.draw(m_label, px, w, fg, bounds.x + (bounds.w - ls.x) / 2, y);
    if (!sublabel.empty())
        c.text.draw(sublabel, t.small(), Weight::Regular, fg, bounds.x + (bounds.w - ss.x) / 2, y + ls.y);
}

void Button::dump(nlohmann::json& out) const {
    Widget::dump(out);
    if (!visible || icon == Icon::None || m_icon_box.w <= 0 || out.empty()) return;
    // Which pictogram was drawn and where (tests look at its pixels).
    out.back()["icon"] = icon_name(icon);
    out.back()["icon_bounds"] = {m_icon_box.x, m_icon_box.y, m_icon_box.w, m_icon_box.h};
}

// ---- ProgressBar ---------------------------------------------------------------------
void ProgressBar::draw(Canvas& c) {
    if (!visible) return;
    const Theme& t = c.theme;
    auto cs = c.text.measure(m_caption, t.body(), Weight::Regular);
    c.text.draw(m_caption, t.body(), Weight::Regular, t.text, bounds.x + (bounds.w - cs.x) / 2, bounds.y);
    SDL_Rect track{bounds.x, bounds.y + cs.y + t.px(16), bounds.w, t.px(28)};
    fill_rounded(c.renderer, track, track.h / 2, t.border);
    if (fraction >= 0) {
        SDL_Rect bar = track;
        bar.w = int(track.w * std::clamp(fraction, 0.0, 1.0));
        if (bar.w > 0) fill_rounded(c.renderer, bar, track.h / 2, t.primary);
    } else {
        // Indeterminate: a segment sweeping across, driven by the (virtual) clock.
        double phase = std::fmod(std::chrono::duration<double>(c.now.time_since_epoch()).count(), 1.6) / 1.6;
        int seg = track.w / 4;
        SDL_Rect bar{track.x + int((track.w + seg) * phase) - seg, track.y, seg, track.h};
        int x0 = std::max(bar.x, track.x), x1 = std::min(bar.x + bar.w, track.x + track.w);
        if (x1 > x0) fill_rounded(c.renderer, {x0, bar.y, x1 - x0, bar.h}, track.h / 2, t.primary);
    }
}

// ---- TextField -----------------------------------------------------------------------
bool TextField::on_pointer(const PointerEvent& e) {
    if (e.kind == PointerEvent::Kind::Down && !contains(bounds, e.x, e.y)) return false;
    if (e.kind == PointerEvent::Kind::Up && contains(bounds, e.x, e.y)) {
        focused = true;
        if (on_focus) on_focus();
    }
    return true;
}

TextField::~TextField() { clear(); }

void TextField::insert(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        unsigned char u = static_cast<unsigned char>(s[i]);
        size_t len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
        if (i + len > s.size()) break;
        // m_max counts characters, so a field of 40 takes 40 Han characters as well.
        size_t chars = 0;
        for (unsigned char c : m_value) chars += (c & 0xC0) != 0x80;
        if (chars >= m_max) break;
        if (len == 1) {
            char ch = s[i];
            if (u < 0x20 || u == 0x7f) {  // never accept control characters
                ++i;
                continue;
            }
            if (uppercase && ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
            if (lowercase && ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
            m_value.push_back(ch);
        } else {
            m_value.append(s, i, len);
        }
        i += len;
    }
    if (on_change) on_change();
}

void TextField::backspace() {
    // One character, not one byte: 删除 after 社 takes the whole 社.
    while (!m_value.empty()) {
        unsigned char c = static_cast<unsigned char>(m_value.back());
        m_value.back() = 0;
        m_value.pop_back();
        if ((c & 0xC0) != 0x80) break;
    }
    if (on_change) on_change();
}

void TextField::clear() {
    secure_wipe(m_value.data(), m_value.size());
    m_value.clear();
    secure_wipe(m_composition.data(), m_composition.size());
    m_composition.clear();
}

void TextField::set_composition(const std::string& letters) {
    secure_wipe(m_composition.data(), m_composition.size());
    m_composition.assign(letters.begin(), letters.end());
    if (on_change) on_change();
}

void TextField::draw(Canvas& c) {
    if (!visible) return;
    const Theme& t = c.theme;
    fill_rounded(c.renderer, bounds, 12, focused ? t.primary : t.control_border);
    fill_rounded(c.renderer, {bounds.x + 3, bounds.y + 3, bounds.w - 6, bounds.h - 6}, 10, t.card);
    int px = t.title();
    bool empty = m_value.empty() && m_composition.empty();
    std::string value = this->value(), comp = composition();
    const std::string& shown = empty ? m_placeholder : value;
    // A placeholder wider than a half-width field (landscape) steps down to body size.
    while (empty && px > t.body() && c.text.measure(shown, px, Weight::Regular).x > bounds.w - t.px(36)) px -= 4;
    auto s = c.text.measure(shown.empty() ? comp : shown, px, Weight::Regular);
    int x = bounds.x + t.px(24);
    int y = bounds.y + (bounds.h - s.y) / 2;
    int end = x;
    if (!shown.empty()) {
        c.text.draw(shown, px, Weight::Regular, empty ? t.muted : t.text, x, y);
        end = x + c.text.measure(shown, px, Weight::Regular).x;
    }
    if (!empty && !comp.empty()) {
        // The pinyin being composed: underlined, in the accent colour, after the value.
        auto cs = c.text.measure(comp, px, Weight::Regular);
        c.text.draw(comp, px, Weight::Regular, t.primary, end, y);
        fill_rect(c.renderer, {end, y + cs.y - 4, cs.x, 3}, t.primary);
        end += cs.x;
    }
    text_cut = end > bounds.x + bounds.w - t.px(12);
    if (focused) {
        int cx = empty ? x : end + 4;
        fill_rect(c.renderer, {cx, y + 6, 4, s.y - 12}, t.primary);
    }
    secure_wipe(value.data(), value.size());
    secure_wipe(comp.data(), comp.size());
}

// ---- Dialog --------------------------------------------------------------------------
Dialog::Dialog(std::string title, std::string message) : m_title(std::move(title)), m_message_text(std::move(message)) {}

void Dialog::add_button(std::string label, std::function<void()> on_tap, ButtonStyle style) {
    m_buttons.push_back(std::make_unique<Button>(std::move(label), std::move(on_tap), style));
}

void Dialog::layout(TextRenderer& tr, const Theme& t, SDL_Rect screen) {
    m_screen = screen;
    bounds = screen;  // modal: takes every touch
    int w = std::min(screen.w - 2 * t.margin(), t.px(900));
    int pad = t.px(48);
    m_title_label = std::make_unique<Label>(m_title, t.title(), t.text, Weight::Bold, Align::Center);
    m_message = std::make_unique<Label>(m_message_text, t.body(), t.text, Weight::Regular, Align::Center);
    int th = m_title_label->measure_height(tr, w - 2 * pad);
    int mh = m_message->measure_height(tr, w - 2 * pad);
    int bh = t.button_height();
    int h = pad + th + t.px(24) + mh + t.px(40) + int(m_buttons.size()) * (bh + t.px(20)) + pad;
    m_panel = {screen.x + (screen.w - w) / 2, screen.y + (screen.h - h) / 2, w, h};
    int y = m_panel.y + pad;
    m_title_label->bounds = {m_panel.x + pad, y, w - 2 * pad, th};
    y += th + t.px(24);
    m_message->bounds = {m_panel.x + pad, y, w - 2 * pad, mh};
    y += mh + t.px(40);
    for (auto& b : m_buttons) {
        b->bounds = {m_panel.x + pad, y, w - 2 * pad, bh};
        y += bh + t.px(20);
    }
}

void Dialog::draw(Canvas& c) {
    if (!visible) return;
    fill_rect(c.renderer, m_screen, c.theme.dim);
    fill_rounded(c.renderer, m_panel, 28, c.theme.card);
    if (m_title_label) m_title_label->draw(c);
    if (m_message) m_message->draw(c);
    for (auto& b : m_buttons) b->draw(c);
}

bool Dialog::on_pointer(const PointerEvent& e) {
    for (auto& b : m_buttons)
        if (b->on_pointer(e) && e.kind == PointerEvent::Kind::Down) return true;
    return true;  // modal: nothing behind it gets the touch
}

std::vector<Widget::Item> Dialog::items() const {
    std::vector<Item> out;
    out.push_back({m_message_text, m_message ? m_message->bounds : SDL_Rect{}, false, true});
    for (const auto& b : m_buttons) out.push_back({b->text(), b->bounds, b->tappable(), b->enabled});
    return out;
}

}  // namespace kiosk::ui
