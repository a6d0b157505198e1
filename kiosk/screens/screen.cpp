// Screen base: building, drawing, touch routing, the header bar, and the screen registry.
#include "screen.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace kiosk::screens {

void Screen::ensure_built() {
    if (!m_dirty) return;
    m_dirty = false;
    clear_widgets();
    build();
    if (m_dialog) m_dialog->layout(m_ctx.text(), theme(), {0, 0, theme().width, theme().height});
}

void Screen::clear_widgets() {
    m_captured = nullptr;
    m_widgets.clear();
}

void Screen::show_dialog(std::unique_ptr<ui::Dialog> d) {
    m_dialog = std::move(d);
    m_captured = nullptr;
    m_dialog->layout(m_ctx.text(), theme(), {0, 0, theme().width, theme().height});
}

void Screen::draw(ui::Canvas& c) {
    for (auto& w : m_widgets)
        if (w->visible) w->draw(c);
    if (m_dialog) m_dialog->draw(c);
}

bool Screen::pointer(const ui::PointerEvent& e) {
    using K = ui::PointerEvent::Kind;
    if (m_dialog) {
        // Keep a raw pointer: a button in the dialog may close (destroy) the dialog.
        ui::Dialog* d = m_dialog.get();
        d->on_pointer(e);
        return true;
    }
    if (e.kind == K::Down) {
        m_captured = nullptr;
        for (auto it = m_widgets.rbegin(); it != m_widgets.rend(); ++it) {
            ui::Widget* w = it->get();
            if (w->visible && w->on_pointer(e)) {
                m_captured = w;
                return true;
            }
        }
        return false;
    }
    if (!m_captured) return false;
    ui::Widget* w = m_captured;
    if (e.kind == K::Up || e.kind == K::Cancel) m_captured = nullptr;
    // The handler may rebuild the screen (invalidate only marks; widgets live until the next
    // ensure_built), so `w` stays valid during the call.
    w->on_pointer(e);
    return true;
}

bool Screen::tick(Clock::time_point now) {
    bool animating = false;
    for (auto& w : m_widgets) animating |= w->tick(now);
    return animating;
}

void Screen::dump(nlohmann::json& out) const {
    for (const auto& w : m_widgets) w->dump(out);
    if (m_dialog) m_dialog->dump(out);
}

std::vector<ui::Widget*> Screen::widgets() const {
    std::vector<ui::Widget*> out;
    if (m_dialog) {  // a modal dialog hides everything behind it from taps
        out.push_back(m_dialog.get());
        return out;
    }
    for (const auto& w : m_widgets)
        if (w->visible) out.push_back(w.get());
    return out;
}

int Screen::add_header(const std::string& title, bool show_back) {
    const auto& t = theme();
    int h = t.px(150) < t.min_target() + 40 ? t.min_target() + 40 : t.px(150);
    int top = t.top_inset;  // the DEMO band, when there is one: the bar extends under it
    auto* bar = add<ui::Label>("", t.title(), t.header_text);
    bar->background = t.header;
    bar->bounds = {0, 0, t.width, top + h};
    int bw = t.px(200);
    int bh = h - 32;
    if (show_back) {
        auto* back = add<ui::Button>(tr("common.back"), [this] {
            if (!on_back()) emit({Intent::Kind::Back, ""});
        }, ui::ButtonStyle::Header);
        back->bounds = {16, top + 16, bw, bh};
        back->id = "back";
    }
    auto* home = add<ui::Button>(tr("common.home"), [this] { emit({Intent::Kind::Home, ""}); }, ui::ButtonStyle::Header);
    home->bounds = {t.width - 16 - bw, top + 16, bw, bh};
    home->id = "home";
    auto* label = add<ui::Label>(title, t.title(), t.header_text, ui::Weight::Bold, ui::Align::Center);
    int lw = t.width - 2 * (bw + 32);
    int lh = label->measure_height(m_ctx.text(), lw);
    label->max_lines = 1;
    label->bounds = {bw + 32, top + (h - std::min(lh, h)) / 2, lw, std::min(lh, h)};
    return top + h;
}

ui::Button* Screen::add_call_staff(const std::string& about) {
    auto* b = add<ui::Button>(tr("service.call_staff"), [this, about] { emit({Intent::Kind::Navigate, "call_staff", {{"about", about}}}); },
                              ui::ButtonStyle::Secondary);
    b->id = "call-staff";
    return b;
}

int Screen::add_text(const std::string& text, int x, int y, int w, int px, SDL_Color color, ui::Weight weight,
                     ui::Align align) {
    auto* l = add<ui::Label>(text, px, color, weight, align);
    int h = l->measure_height(m_ctx.text(), w);
    l->bounds = {x, y, w, h};
    return y + h;
}

namespace {
std::map<std::string, ScreenFactory>& registry() {
    static std::map<std::string, ScreenFactory> r;
    return r;
}
}  // namespace

void register_screen(const std::string& name, ScreenFactory f) { registry()[name] = std::move(f); }

bool has_screen(const std::string& name) { return registry().count(name) > 0; }

ScreenPtr make_screen(const std::string& name, ScreenContext& ctx, const std::map<std::string, std::string>& args) {
    auto it = registry().find(name);
    if (it == registry().end()) return nullptr;
    return it->second(ctx, args);
}

std::vector<std::string> screen_names() {
    std::vector<std::string> out;
    for (const auto& [n, f] : registry()) out.push_back(n);
    return out;
}

std::vector<ui::EntryMode> Screen::search_modes() const {
    using M = ui::EntryMode;
    if (m_ctx.session().language == "en") return {M::Handwriting, M::Pinyin, M::Digits, M::Letters};
    return {M::Handwriting, M::Pinyin, M::Digits};
}

ui::TextEntry* Screen::add_text_entry(ui::TextField* field, std::vector<ui::EntryMode> modes, ui::EntryMode fallback,
                                      SDL_Rect bounds, RememberTab remember) {
    ui::EntryMode mode = fallback;
    ui::EntryMode chosen;
    if (remember == RememberTab::Session && ui::entry_mode_from_name(m_ctx.session().input_mode, chosen) &&
        std::find(modes.begin(), modes.end(), chosen) != modes.end())
        mode = chosen;
    ui::TextEntryLabels l;
    l.handwriting = tr("input.handwriting");
    l.pinyin = tr("input.pinyin");
    l.digits = tr("input.digits");
    l.letters = tr("input.letters");
    l.rewrite = tr("input.rewrite");
    l.del = tr("input.delete");
    l.done = tr("input.done");
    l.space = tr("input.separator");
    l.pad_hint = tr("input.pad_hint");
    l.not_ready = tr("input.not_ready");
    l.more = tr("input.more");
    auto* e = add<ui::TextEntry>(m_ctx.services().input, std::move(modes), mode, std::move(l), theme(), m_ctx.text());
    e->bounds = bounds;
    e->target = field;
    e->id = "entry";
    if (remember == RememberTab::Session)
        e->on_mode = [this](ui::EntryMode m) { emit({Intent::Kind::SetInputMode, ui::entry_mode_name(m)}); };
    return e;
}

}  // namespace kiosk::screens
