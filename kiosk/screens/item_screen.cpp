// Item page: everything a citizen needs about one service item, a QR code to do it on the phone,
// the way to its window, and its forms. args: {"code"}.
#include <algorithm>

#include "kiosk/ui/dates.h"
#include "kiosk/screens/guide_util.h"

namespace kiosk::screens {
namespace {

class ItemScreen final : public guide::ContentScreen {
public:
    ItemScreen(ScreenContext& c, const std::map<std::string, std::string>& a)
        : ContentScreen(c), m_code(a.count("code") ? a.at("code") : "") {}
    const char* name() const override { return "item"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        int top = add_header(tr("guide.item_title"));
        auto store = guide::store(m_ctx);
        if (!store) return add_no_content(top);
        auto item = store->item(m_code);
        if (!item) {
            int y = add_text(tr("guide.item_not_found"), m, top + t.px(120), t.width - 2 * m, t.title(), t.text,
                             ui::Weight::Bold, ui::Align::Center);
            add_text(trf("guide.item_not_found_hint", {{"code", m_code}}), m, y + t.px(32), t.width - 2 * m, t.body(),
                     t.muted, ui::Weight::Regular, ui::Align::Center);
            return;
        }
        const content::ServiceItem& it = *item;
        auto forms = store->forms_of(it.code);
        size_t form_count = forms ? forms->size() : 0;
        std::map<std::string, content::Department> deps;
        if (auto d = store->departments())
            for (auto& x : *d) deps[x.id] = x;

        // The action panel (QR code, way, forms) stays put: at the bottom in portrait, on the
        // right in landscape. The facts scroll.
        bool wide = t.landscape();
        int gap = t.px(24), pad = t.px(28);
        const int H = t.height - guide::banner_reserve(m_ctx);  // the printer banner covers the rest
        int qr_side = wide ? std::min(t.px(420), 460) : std::min(t.px(340), 380);
        int panel_w = wide ? std::max(qr_side, t.px(520)) + 2 * pad : t.width;
        SDL_Rect panel;
        int actions_w = wide ? panel_w - 2 * pad : t.width - 3 * pad - (it.online_url.empty() ? -pad : qr_side + pad);
        // Height of the caption in the action column.
        std::string caption = it.online_url.empty() ? tr("guide.not_online") : tr("guide.scan_to_do_online");
        auto* cap = add<ui::Label>(caption, t.body(), it.online_url.empty() ? t.muted : t.text, ui::Weight::Bold);
        int cap_h = cap->measure_height(m_ctx.text(), actions_w);
        int buttons_h = 2 * t.button_height() + gap;
        if (wide) {
            panel = {t.width - panel_w, top, panel_w, H - top};
        } else {
            int h = std::max(it.online_url.empty() ? 0 : qr_side, cap_h + gap + buttons_h) + 2 * pad;
            panel = {0, H - h, t.width, h};
        }
        auto* bg = add<ui::Label>("", t.body(), t.text);
        bg->background = t.card;
        bg->bounds = panel;
        // Order matters for drawing: the background first, then the caption above it.
        std::swap(m_widgets[m_widgets.size() - 1], m_widgets[m_widgets.size() - 2]);

        int ax = panel.x + pad, ay = panel.y + pad;
        if (!it.online_url.empty()) {
            auto* qr = add<ui::QrView>(it.online_url);
            qr->id = "online-qr";
            if (wide) {
                qr->bounds = {panel.x + (panel.w - qr_side) / 2, ay, qr_side, qr_side};
                ay += qr_side + gap;
            } else {
                qr->bounds = {ax, ay, qr_side, qr_side};
                ax += qr_side + pad;
            }
        }
        cap->bounds = {ax, ay, actions_w, cap_h};
        ay += cap_h + gap;
        if (wide && !it.online_url.empty()) {  // the address too, for those who type it
            ay = add_text(it.online_url, ax, ay - gap / 2, actions_w, t.small(), t.muted) + gap;
        }
        int bw = actions_w;
        if (it.floor > 0 || !it.windows.empty()) {
            std::map<std::string, std::string> args;
            if (!it.windows.empty()) args["window"] = std::to_string(it.windows.front());
            else args["floor"] = std::to_string(it.floor);
            auto* way = add<ui::Button>(tr("guide.show_way"), [this, args] { emit({Intent::Kind::Navigate, "map", args}); },
                                        ui::ButtonStyle::Primary);
            way->bounds = {ax, ay, bw, t.button_height()};
            way->id = "show-way";
            ay += t.button_height() + gap;
        }
        if (form_count > 0) {
            std::string code = it.code;
            auto* fb = add<ui::Button>(trf("guide.forms_button", {{"n", std::to_string(form_count)}}),
                                       [this, code] { emit({Intent::Kind::Navigate, "forms", {{"code", code}}}); });
            fb->bounds = {ax, ay, bw, t.button_height()};
            fb->id = "item-forms";
        }

        // The facts.
        auto* v = add<ui::ScrollView>();
        v->id = "item-details";
        v->bounds = wide ? SDL_Rect{0, top, t.width - panel_w, H - top}
                         : SDL_Rect{0, top, t.width, panel.y - top};
        int x = m, w = v->bounds.w - 2 * m - t.px(8);
        int y = top + gap;
        y = guide::scroll_text(*v, m_ctx, it.name, x, y, w, t.title(), t.text, ui::Weight::Bold);
        std::string kind = it.kind.empty() ? "" : it.kind + "  ·  ";
        y = guide::scroll_text(*v, m_ctx, kind + trf("guide.code", {{"code", it.code}}), x, y + t.px(8), w, t.small(),
                               t.muted) + gap;

        // Key facts in a card: label on the left, value on the right.
        std::vector<std::pair<std::string, std::string>> facts;
        auto dep = deps.find(it.department_id);
        facts.push_back({tr("guide.department"), dep != deps.end() ? guide::department_text(m_ctx.strings(), dep->second)
                                                                   : it.department_name});
        for (const auto& tr_ : it.transfers) {
            auto from = deps.find(tr_.from_department);
            std::string from_name = from != deps.end() ? guide::department_text(m_ctx.strings(), from->second) : tr_.from_department;
            facts.push_back({tr("guide.transferred"), trf("guide.transfer_text", {{"date", ui::date_text(m_ctx.strings(), tr_.date, ui::DateStyle::Day)}, {"from", from_name}})});
        }
        std::string where = guide::where_text(m_ctx.strings(), it.floor, it.windows);
        if (!where.empty()) facts.push_back({tr("guide.where"), where});
        facts.push_back({tr("guide.fee"), guide::fee_text(m_ctx.strings(), it)});
        if (it.fee_cny > 0 || !it.fee_note.empty()) {
            std::string pay = guide::payments_text(m_ctx.strings(), it.payments);
            facts.push_back({tr("guide.payments"), pay.empty() ? tr("guide.payments_ask") : pay});
        }
        facts.push_back({tr("guide.promised"), guide::days_text(m_ctx.strings(), it.promised_days)});
        if (it.legal_days > 0) facts.push_back({tr("guide.legal"), guide::days_text(m_ctx.strings(), it.legal_days)});
        int lw = 0;
        for (const auto& f : facts) lw = std::max(lw, m_ctx.text().measure(f.first, t.body(), ui::Weight::Regular).x);
        lw += t.px(24);
        auto* card = v->add<ui::Label>("", t.body(), t.text);
        card->background = t.card;
        int cy = y + pad;
        for (const auto& [label, value] : facts) {
            guide::scroll_text(*v, m_ctx, label, x + pad, cy, lw, t.body(), t.muted);
            cy = guide::scroll_text(*v, m_ctx, value, x + pad + lw, cy, w - 2 * pad - lw, t.body(), t.text) + t.px(14);
        }
        card->bounds = {x, y, w, cy - y + pad - t.px(14)};
        y = cy + pad + gap;

        // Materials.
        y = section(*v, trf("guide.materials", {{"n", std::to_string(it.materials.size())}}), x, y, w);
        if (it.materials.empty()) y = guide::scroll_text(*v, m_ctx, tr("guide.no_materials"), x, y, w, t.body(), t.muted) + gap;
        int n = 0;
        for (const auto& mat : it.materials) {
            y = guide::scroll_text(*v, m_ctx, std::to_string(++n) + ". " + mat.name, x, y, w, t.body(), t.text);
            std::string detail;
            if (mat.originals > 0) detail = trf("guide.originals", {{"n", std::to_string(mat.originals)}});
            if (mat.copies > 0)
                detail += (detail.empty() ? "" : tr("guide.list_sep")) + trf("guide.copies", {{"n", std::to_string(mat.copies)}});
            if (!mat.required) detail += (detail.empty() ? "" : tr("guide.list_sep")) + tr("guide.optional");
            if (!mat.note.empty()) detail += (detail.empty() ? "" : tr("guide.list_sep")) + mat.note;
            if (!detail.empty()) y = guide::scroll_text(*v, m_ctx, detail, x + t.px(44), y + t.px(4), w - t.px(44), t.small(), t.muted);
            y += t.px(18);
        }
        y += gap;
        if (form_count > 0) {
            y = section(*v, tr("guide.forms_section"), x, y, w);
            for (const auto& f : *forms)
                y = guide::scroll_text(*v, m_ctx, "· " + f.title, x, y, w, t.body(), t.text) + t.px(10);
            y = guide::scroll_text(*v, m_ctx, tr("guide.forms_hint"), x, y, w, t.small(), t.muted) + 2 * gap;
        }
        if (!it.faq.empty()) {
            y = section(*v, tr("guide.faq"), x, y, w);
            for (const auto& q : it.faq) {
                y = guide::scroll_text(*v, m_ctx, trf("guide.question", {{"text", q.question}}), x, y, w, t.body(), t.text,
                                       ui::Weight::Bold);
                y = guide::scroll_text(*v, m_ctx, trf("guide.answer", {{"text", q.answer}}), x, y + t.px(6), w, t.body(),
                                       t.text) + gap;
            }
        }
        v->set_content_bottom(y + gap);
    }

    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::ContentChanged || e.kind == AppEvent::Kind::PrinterStatus) invalidate();
    }

private:
    int section(ui::ScrollView& v, const std::string& title, int x, int y, int w) {
        return guide::section_heading(v, m_ctx, title, x, y, w);
    }
    std::string m_code;
};

}  // namespace

KIOSK_SCREEN("item", ItemScreen)

}  // namespace kiosk::screens
