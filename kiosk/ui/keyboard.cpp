// Keyboard: letters and digits in big keys, for case numbers and query codes.
#include "widgets.h"

namespace kiosk::ui {

namespace {
const char* const kRows[] = {"1234567890", "QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM"};
}

Keyboard::Keyboard() = default;

std::vector<Keyboard::Key> Keyboard::layout() const {
    std::vector<Key> keys;
    const int rows = 5;
    int gap = 8;
    int kh = (bounds.h - gap * (rows - 1)) / rows;
    int kw = (bounds.w - gap * 9) / 10;
    for (int r = 0; r < 4; ++r) {
        std::string row = kRows[r];
        int n = int(row.size());
        int x0 = bounds.x + (bounds.w - (n * kw + (n - 1) * gap)) / 2;
        for (int i = 0; i < n; ++i)
            keys.push_back({std::string(1, row[size_t(i)]), {x0 + i * (kw + gap), bounds.y + r * (kh + gap), kw, kh}});
    }
    int y = bounds.y + 4 * (kh + gap);
    int half = (bounds.w - gap) / 2;
    keys.push_back({delete_label, {bounds.x, y, half, kh}});
    keys.push_back({done_label, {bounds.x + half + gap, y, bounds.w - half - gap, kh}});
    return keys;
}

bool Keyboard::press(const std::string& label) {
    if (label == delete_label) {
        if (target) target->backspace();
        return true;
    }
    if (label == done_label) {
        if (on_done) on_done();
        return true;
    }
    for (const char* row : kRows)
        if (label.size() == 1 && std::string(row).find(label[0]) != std::string::npos) {
            if (target) target->insert(label);
            return true;
        }
    return false;
}

bool Keyboard::on_pointer(const PointerEvent& e) {
    auto keys = layout();
    if (e.kind == PointerEvent::Kind::Down) {
        m_pressed = -1;
        for (size_t i = 0; i < keys.size(); ++i)
            if (contains(keys[i].rect, e.x, e.y)) m_pressed = int(i);
        return m_pressed >= 0;
    }
    if (e.kind == PointerEvent::Kind::Up && m_pressed >= 0) {
        if (contains(keys[size_t(m_pressed)].rect, e.x, e.y)) press(keys[size_t(m_pressed)].label);
        m_pressed = -1;
        return true;
    }
    return m_pressed >= 0;
}

std::vector<Widget::Item> Keyboard::items() const {
    std::vector<Item> out;
    for (const auto& k : layout()) out.push_back({k.label, k.rect, true, true});
    return out;
}

void Keyboard::draw(Canvas& c) {
    if (!visible) return;
    const Theme& t = c.theme;
    auto keys = layout();
    for (size_t i = 0; i < keys.size(); ++i) {
        const Key& k = keys[i];
        bool special = k.label == done_label;
        SDL_Color bg = special ? t.primary : (int(i) == m_pressed ? t.border : t.card);
        fill_rounded(c.renderer, k.rect, 12, t.border);
        fill_rounded(c.renderer, {k.rect.x + 2, k.rect.y + 2, k.rect.w - 4, k.rect.h - 4}, 10, bg);
        auto s = c.text.measure(k.label, t.title(), Weight::Bold);
        c.text.draw(k.label, t.title(), Weight::Bold, special ? t.primary_text : t.text, k.rect.x + (k.rect.w - s.x) / 2,
                    k.rect.y + (k.rect.h - s.y) / 2);
    }
}

}  // namespace kiosk::ui
