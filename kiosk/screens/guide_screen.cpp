// Service guide: search by handwriting, pinyin, initials or characters (the text entry), or browse by
// department or life event; every result opens the item page.
#include <algorithm>

#include "kiosk/screens/guide_util.h"

namespace kiosk::screens {
namespace {

/// Items listed before anything is typed: a screenful in portrait, a short scroll in landscape.
constexpr int kMostUsed = 12;

class GuideScreen final : public guide::ContentScreen {
public:
    GuideScreen(ScreenContext& c, const std::map<std::string, std::string>&) : ContentScreen(c) {}
    const char* name() const override { return "guide"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        int y = add_header(tr("service.guide"));
        m_store = guide::store(m_ctx);
        auto index = guide::search_index(m_ctx);
        m_field = nullptr;
        m_list = nullptr;
        if (!m_store || !index) return add_no_content(y);
        m_index = index;
        auto deps = m_store->departments();
        m_departments.clear();
        if (deps)
            for (auto& d : *deps) m_departments[d.id] = d;

        // Landscape: the keyboard on the right, field, buttons and results on the left.
        bool wide = t.landscape();
        int gap = t.px(24);
        int col_w = wide && m_keyboard_shown ? (t.width - 3 * m) * 11 / 20 : t.width - 2 * m;
        // Portrait: the text entry takes two fifths of the screen, never less than its 8 cm pad needs.
        int kb_h = m_keyboard_shown ? std::max(t.height * 2 / 5, ui::TextEntry::min_height(t)) : 0;
        int kb_x = wide ? m + col_w + m : m;
        int kb_w = wide ? t.width - kb_x - m : t.width - 2 * m;
        const int H = t.height - guide::banner_reserve(m_ctx);  // the printer banner covers the rest
        if (wide && m_keyboard_shown) kb_h = H - y - 2 * gap;
        int bottom = wide || !m_keyboard_shown ? H - gap : H - gap - kb_h - gap;

        y += gap;
        m_field = add<ui::TextField>(tr("guide.search_placeholder"), 40);
        m_field->uppercase = false;
        m_field->lowercase = true;
        m_field->bounds = {m, y, col_w, t.button_height()};
        m_field->focused = true;
        m_field->id = "search";
        m_field->on_focus = [this] {
            if (!m_keyboard_shown) {
                m_keyboard_shown = true;
                invalidate();
            }
        };
        if (!m_query.empty()) m_field->insert(m_query);
        m_field->on_change = [this] { on_query_changed(); };
        y += t.button_height() + gap;

        int bw = (col_w - gap) / 2;
        auto* by_dep = add<ui::Button>(tr("guide.by_department"), [this] { emit({Intent::Kind::Navigate, "guide_departments"}); });
        by_dep->bounds = {m, y, bw, t.button_height()};
        auto* by_event = add<ui::Button>(tr("guide.by_life_event"), [this] { emit({Intent::Kind::Navigate, "guide_life_events"}); });
        by_event->bounds = {m + bw + gap, y, col_w - bw - gap, t.button_height()};
        y += t.button_height() + gap;

        // Room for the hint and the "most used" line under it (shown while nothing is typed).
        m_hint = add<ui::Label>(tr("guide.search_hint") + "\n" + tr("guide.most_used"), t.small(), t.muted);
        int hh = m_hint->measure_height(m_ctx.text(), col_w);
        m_hint->bounds = {m, y, col_w, hh};
        y += hh + gap / 2;

        m_list = add<ui::ListView>(std::max(t.min_target(), t.px(150)));
        m_list->bounds = {m, y, col_w, std::max(t.px(150), bottom - y)};
        m_list->id = "results";

        if (m_keyboard_shown) {
            bool en = m_ctx.session().language == "en";
            auto* kb = add_text_entry(m_field, search_modes(), en ? ui::EntryMode::Letters : ui::EntryMode::Handwriting,
                                      {kb_x, wide ? m_field->bounds.y : bottom + gap, kb_w, kb_h});
            kb->set_done_label(tr("guide.keyboard_done"));
            kb->on_done = [this] {
                m_keyboard_shown = false;
                invalidate();
            };
        }
        show_results();
    }

    void on_text(const std::string& text) override {
        if (m_field) m_field->insert(text);
    }

    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::PrinterStatus) invalidate();
        if (e.kind == AppEvent::Kind::ContentChanged) {
            invalidate();
        }
    }

private:
    void on_query_changed() {
        // The letters being composed in pinyin count too: the search reads them as pinyin
        // (the field is lower case: ABC keys send capitals).
        m_query = m_field->value() + m_field->composition();
        show_results();
    }

    void show_results() {
        if (!m_list || !m_index) return;
        std::vector<ui::ListView::Row> rows;
        if (m_query.empty()) {
            // Nothing typed yet: the items asked for most, so many citizens need no typing at
            // all (the content's popularity ranking; docs/screens.md).
            m_hint->set_text(tr("guide.search_hint") + "\n" + tr("guide.most_used"));
            auto store = guide::store(m_ctx);
            auto top = store ? store->most_used_items(kMostUsed) : Result<std::vector<content::ItemSummary>>(std::vector<content::ItemSummary>{});
            if (top)
                for (const auto& it : *top) {
                    std::string code = it.code;
                    rows.push_back({it.name, it.department_name, [this, code] { emit({Intent::Kind::Navigate, "item", {{"code", code}}}); }, ""});
                }
            m_list->empty_text = "";
            m_list->set_rows(std::move(rows));
            m_list->scroll_to(0);
            return;
        }
        m_hint->set_text(tr("guide.search_hint"));
        auto hits = m_index->query(m_query, 30);  // thread-safe, well under 2 ms a key
        for (const auto& h : hits) {
            std::string code = h.item.code;
            content::ItemSummary shown = m_store ? m_store->localized(h.item) : h.item;
            std::string sub = shown.department_name;
            if (h.kind == content::MatchKind::FormerDepartment) sub += "  ·  " + former_of(h.item);
            rows.push_back({shown.name, sub, [this, code] { emit({Intent::Kind::Navigate, "item", {{"code", code}}}); }, ""});
        }
        m_list->empty_text = trf("guide.no_results", {{"query", m_query}});
        m_list->set_rows(std::move(rows));
        m_list->scroll_to(0);
    }

    /// Why a former-department match matched: "原公安消防支队" or "由消防救援支队划入".
    std::string former_of(const content::ItemSummary& s) {
        auto d = m_departments.find(s.department_id);
        if (d != m_departments.end() && !d->second.former_names.empty())
            return trf("guide.formerly_short", {{"name", d->second.former_names.front().name}});
        auto item = m_store->item(s.code);
        if (item && !item->transfers.empty()) {
            auto from = m_departments.find(item->transfers.front().from_department);
            if (from != m_departments.end()) return trf("guide.moved_from", {{"name", from->second.name}});
        }
        return tr("guide.former_department");
    }

    std::shared_ptr<content::ContentStore> m_store;
    std::shared_ptr<const content::SearchIndex> m_index;
    std::map<std::string, content::Department> m_departments;
    std::string m_query;
    bool m_keyboard_shown = true;
    ui::TextField* m_field = nullptr;
    ui::ListView* m_list = nullptr;
    ui::Label* m_hint = nullptr;
};

}  // namespace

KIOSK_SCREEN("guide", GuideScreen)

}  // namespace kiosk::screens
