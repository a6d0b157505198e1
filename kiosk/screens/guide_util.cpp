// Helpers shared by the service-guide screens: content services and the wording of item facts.
#include "kiosk/screens/guide_util.h"

#include <cmath>
#include <cstdio>

namespace kiosk::screens::guide {

std::shared_ptr<content::ContentStore> store(ScreenContext& ctx) {
    // Content text in the citizen's language (English where the content has it, else the
    // hall's Chinese): set at every access because the language changes at a tap and the store
    // is shared; only the UI thread reads it.
    const auto& s = ctx.services().content;
    if (s) s->set_language(ctx.strings().language());
    return s;
}

std::shared_ptr<const content::SearchIndex> search_index(ScreenContext& ctx) { return ctx.services().search; }

std::string where_text(const ui::Strings& s, int floor, const std::vector<int>& windows) {
    std::string f = floor > 0 ? s.format("guide.floor", {{"n", std::to_string(floor)}}) : std::string();
    if (windows.empty()) return f;
    std::string list;
    for (size_t i = 0; i < windows.size(); ++i) {
        if (i) list += s.tr("guide.list_sep");
        list += std::to_string(windows[i]);
    }
    std::string w = s.format(windows.size() == 1 ? "guide.window" : "guide.windows", {{"n", list}});
    return f.empty() ? w : s.format("guide.floor_window", {{"floor", f}, {"window", w}});
}

std::string fee_text(const ui::Strings& s, const content::ServiceItem& it) {
    if (it.fee_cny <= 0 && it.fee_note.empty()) return s.tr("guide.free");
    std::string out;
    if (it.fee_cny > 0) {
        char buf[32];
        if (std::fabs(it.fee_cny - std::round(it.fee_cny)) < 0.005) std::snprintf(buf, sizeof buf, "%.0f", it.fee_cny);
        else std::snprintf(buf, sizeof buf, "%.2f", it.fee_cny);
        out = s.format("guide.fee_cny", {{"cny", buf}});
    }
    if (!it.fee_note.empty()) out += out.empty() ? it.fee_note : s.format("guide.paren", {{"text", it.fee_note}});
    return out;
}

std::string payments_text(const ui::Strings& s, unsigned p) {
    static const std::pair<unsigned, const char*> kMethods[] = {{content::PayWeChat, "guide.pay_wechat"},
                                                                {content::PayAlipay, "guide.pay_alipay"},
                                                                {content::PayUnionPay, "guide.pay_unionpay"},
                                                                {content::PayCash, "guide.pay_cash"}};
    std::string out;
    for (const auto& [flag, key] : kMethods)
        if (p & flag) out += (out.empty() ? "" : s.tr("guide.list_sep")) + s.tr(key);
    return out;
}

std::string days_text(const ui::Strings& s, int days) {
    if (days <= 0) return s.tr("guide.on_the_spot");
    return s.format(days == 1 ? "guide.one_working_day" : "guide.working_days", {{"n", std::to_string(days)}});
}

std::string department_text(const ui::Strings& s, const content::Department& d) {
    if (d.former_names.empty()) return d.name;
    std::string former;
    for (const auto& f : d.former_names) former += (former.empty() ? "" : s.tr("guide.list_sep")) + f.name;
    return d.name + s.format("guide.formerly", {{"name", former}});
}

std::string hours_range(const std::string& open, const std::string& close) {
    auto trim = [](std::string t) { return t.size() == 5 && t[0] == '0' ? t.substr(1) : t; };
    return trim(open) + "–" + trim(close);
}

std::string weekdays_text(const ui::Strings& s, const std::vector<int>& days) {
    static const char* const kNames[] = {"", "weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu",
                                         "weekday.fri", "weekday.sat", "weekday.sun"};
    if (days.size() == 7) return s.tr("guide.every_day");
    bool consecutive = days.size() >= 3;
    for (size_t i = 1; i < days.size(); ++i) consecutive &= days[i] == days[i - 1] + 1;
    auto name = [&](int d) { return d >= 1 && d <= 7 ? s.tr(kNames[d]) : std::to_string(d); };
    if (consecutive) return s.format("guide.day_range", {{"from", name(days.front())}, {"to", name(days.back())}});
    std::string out;
    for (int d : days) out += (out.empty() ? "" : s.tr("guide.list_sep")) + name(d);
    return out;
}

void ContentScreen::add_no_content(int y) {
    const auto& t = theme();
    int m = t.margin();
    y = add_text(tr("guide.no_content_title"), m, y + t.px(120), t.width - 2 * m, t.title(), t.text, ui::Weight::Bold,
                 ui::Align::Center);
    y = add_text(tr("guide.no_content"), m, y + t.px(32), t.width - 2 * m, t.body(), t.muted, ui::Weight::Regular,
                 ui::Align::Center);
    auto* home = add<ui::Button>(tr("common.back_home"), [this] { emit({Intent::Kind::Home, ""}); },
                                 ui::ButtonStyle::Primary);
    int bw = std::min(t.width - 2 * m, t.px(640));
    home->bounds = {(t.width - bw) / 2, y + t.px(80), bw, t.button_height()};
}

int banner_reserve(ScreenContext& ctx) {
    const auto& key = ctx.status().printer_message_key;
    if (key.empty()) return 0;
    const auto& t = ctx.theme();
    ui::Label banner(ctx.strings().tr(key), t.body(), t.warning_text, ui::Weight::Bold, ui::Align::Center);
    banner.padding = t.px(24);
    return banner.measure_height(ctx.text(), t.width - 2 * t.margin()) + 2 * t.px(24);
}

int scroll_text(ui::ScrollView& v, ScreenContext& ctx, const std::string& text, int x, int y, int w, int px,
                SDL_Color color, ui::Weight weight) {
    auto* l = v.add<ui::Label>(text, px, color, weight);
    int h = l->measure_height(ctx.text(), w);
    l->bounds = {x, y, w, h};
    return y + h;
}

int section_heading(ui::ScrollView& v, ScreenContext& ctx, const std::string& title, int x, int y, int w) {
    const auto& t = ctx.theme();
    auto* bar = v.add<ui::Label>("", t.body(), t.text);
    bar->background = t.primary;
    int th = ctx.text().line_height(t.title(), ui::Weight::Bold);
    bar->bounds = {x, y + t.px(6), t.px(10), th - t.px(12)};
    return scroll_text(v, ctx, title, x + t.px(28), y, w - t.px(28), t.title(), t.text, ui::Weight::Bold) + t.px(16);
}

}  // namespace kiosk::screens::guide
