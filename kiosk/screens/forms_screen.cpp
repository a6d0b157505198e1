// Forms: the forms of one item (args {"code"}) or of the whole hall (no args); a tap opens the
// form's preview.
#include "kiosk/screens/guide_util.h"

namespace kiosk::screens {
namespace {

class FormsScreen final : public guide::ContentScreen {
public:
    FormsScreen(ScreenContext& c, const std::map<std::string, std::string>& a)
        : ContentScreen(c), m_code(a.count("code") ? a.at("code") : "") {}
    const char* name() const override { return "forms"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        int y = add_header(tr("service.forms"));
        auto store = guide::store(m_ctx);
        if (!store) return add_no_content(y);
        std::vector<ui::ListView::Row> rows;
        std::string intro;
        if (!m_code.empty()) {
            auto item = store->item(m_code);
            intro = item ? trf("guide.forms_of_item", {{"name", item->name}}) : tr("guide.item_not_found");
            auto forms = store->forms_of(m_code);
            if (forms)
                for (const auto& f : *forms) rows.push_back(row(f.id, f.title, m_code, ""));
        } else {
            intro = tr("guide.forms_intro");
            // Every form of the hall, with the first item that uses it (for its online address).
            auto st = store->database().prepare(
                "SELECT f.id, f.title, (SELECT x.item_code FROM form_items x WHERE x.form_id=f.id ORDER BY x.rowid LIMIT 1), "
                "(SELECT count(*) FROM form_items x WHERE x.form_id=f.id) FROM forms f ORDER BY f.sort");
            if (st)
                while (true) {
                    auto more = st->step();
                    if (!more || !*more) break;
                    std::string code = st->text(2);
                    auto item = store->item(code);
                    std::string sub = item ? item->name : "";
                    int n = int(st->int64(3));
                    if (n > 1) sub = trf("guide.form_used_by_many", {{"name", sub}, {"n", std::to_string(n)}});
                    rows.push_back(row(st->text(0), store->form_title(st->text(0), st->text(1)), code, sub));
                }
        }
        y = add_text(intro, m, y + t.px(24), t.width - 2 * m, t.body(), t.muted);
        auto* list = add<ui::ListView>(std::max(t.min_target(), t.px(150)));
        list->bounds = {m, y + t.px(24), t.width - 2 * m, t.height - guide::banner_reserve(m_ctx) - y - 2 * t.px(24)};
        list->empty_text = tr("guide.no_forms");
        list->id = "forms";
        list->set_rows(std::move(rows));
    }

    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::ContentChanged || e.kind == AppEvent::Kind::PrinterStatus) invalidate();
    }

private:
    ui::ListView::Row row(const std::string& id, const std::string& title, const std::string& code, const std::string& sub) {
        return {title, sub,
                [this, id, code] { emit({Intent::Kind::Navigate, "form_preview", {{"form", id}, {"code", code}}}); },
                tr("guide.preview")};
    }
    std::string m_code;
};

}  // namespace

KIOSK_SCREEN("forms", FormsScreen)

}  // namespace kiosk::screens
