// Service guide browsing: departments, life events, and the items of one of them.
#include "kiosk/screens/guide_util.h"

namespace kiosk::screens {
namespace {

/// A header, an optional line of explanation, and a list filling the rest of the screen.
class ListScreen : public guide::ContentScreen {
public:
    using ContentScreen::ContentScreen;

protected:
    ui::ListView* add_list(int y, const std::string& intro) {
        const auto& t = theme();
        int m = t.margin();
        if (!intro.empty()) y = add_text(intro, m, y + t.px(24), t.width - 2 * m, t.body(), t.muted);
        auto* list = add<ui::ListView>(std::max(t.min_target(), t.px(150)));
        list->bounds = {m, y + t.px(24), t.width - 2 * m, t.height - guide::banner_reserve(m_ctx) - y - 2 * t.px(24)};
        return list;
    }
};

class DepartmentsScreen final : public ListScreen {
public:
    DepartmentsScreen(ScreenContext& c, const std::map<std::string, std::string>&) : ListScreen(c) {}
    const char* name() const override { return "guide_departments"; }
    void build() override {
        int y = add_header(tr("guide.by_department"));
        auto store = guide::store(m_ctx);
        auto deps = store ? store->departments() : Result<std::vector<content::Department>>(make_error(Errc::NotFound, ""));
        if (!deps) return add_no_content(y);
        auto* list = add_list(y, tr("guide.departments_intro"));
        std::vector<ui::ListView::Row> rows;
        for (const auto& d : *deps) {
            if (d.item_count == 0) continue;
            std::string id = d.id;
            std::string sub = trf("guide.item_count", {{"n", std::to_string(d.item_count)}});
            if (!d.former_names.empty()) sub = trf("guide.formerly_short", {{"name", d.former_names.front().name}}) + "  ·  " + sub;
            rows.push_back({d.name, sub, [this, id] { emit({Intent::Kind::Navigate, "guide_items", {{"department", id}}}); },
                            d.floor > 0 ? trf("guide.floor", {{"n", std::to_string(d.floor)}}) : ""});
        }
        list->set_rows(std::move(rows));
    }
    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::ContentChanged || e.kind == AppEvent::Kind::PrinterStatus) invalidate();
    }
};

class LifeEventsScreen final : public ListScreen {
public:
    LifeEventsScreen(ScreenContext& c, const std::map<std::string, std::string>&) : ListScreen(c) {}
    const char* name() const override { return "guide_life_events"; }
    void build() override {
        int y = add_header(tr("guide.by_life_event"));
        auto store = guide::store(m_ctx);
        auto events = store ? store->life_events() : Result<std::vector<content::LifeEvent>>(make_error(Errc::NotFound, ""));
        if (!events) return add_no_content(y);
        auto* list = add_list(y, tr("guide.life_events_intro"));
        std::vector<ui::ListView::Row> rows;
        for (const auto& e : *events) {
            std::string id = e.id;
            rows.push_back({e.name, "", [this, id] { emit({Intent::Kind::Navigate, "guide_items", {{"life_event", id}}}); }, ""});
        }
        list->set_rows(std::move(rows));
    }
    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::ContentChanged || e.kind == AppEvent::Kind::PrinterStatus) invalidate();
    }
};

/// args: {"department": id} or {"life_event": id}.
class ItemsScreen final : public ListScreen {
public:
    ItemsScreen(ScreenContext& c, const std::map<std::string, std::string>& a) : ListScreen(c), m_args(a) {}
    const char* name() const override { return "guide_items"; }
    void build() override {
        auto store = guide::store(m_ctx);
        std::string title = tr("service.guide");
        Result<std::vector<content::ItemSummary>> items = make_error(Errc::NotFound, "");
        std::string intro;
        if (store && m_args.count("department")) {
            auto deps = store->departments();
            if (deps)
                for (const auto& d : *deps)
                    if (d.id == m_args.at("department")) {
                        title = d.name;
                        if (!d.former_names.empty()) intro = guide::department_text(m_ctx.strings(), d);
                    }
            items = store->items_by_department(m_args.at("department"));
        } else if (store && m_args.count("life_event")) {
            auto events = store->life_events();
            if (events)
                for (const auto& e : *events)
                    if (e.id == m_args.at("life_event")) title = e.name;
            items = store->items_by_life_event(m_args.at("life_event"));
        }
        int y = add_header(title);
        if (!store) return add_no_content(y);
        auto* list = add_list(y, intro);
        list->empty_text = tr("guide.no_items");
        std::vector<ui::ListView::Row> rows;
        if (items)
            for (const auto& it : *items) {
                std::string code = it.code;
                rows.push_back({it.name, m_args.count("life_event") ? it.department_name : "",
                                [this, code] { emit({Intent::Kind::Navigate, "item", {{"code", code}}}); }, ""});
            }
        list->set_rows(std::move(rows));
    }
    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::ContentChanged || e.kind == AppEvent::Kind::PrinterStatus) invalidate();
    }

private:
    std::map<std::string, std::string> m_args;
};

}  // namespace

KIOSK_SCREEN("guide_departments", DepartmentsScreen)
KIOSK_SCREEN("guide_life_events", LifeEventsScreen)
KIOSK_SCREEN("guide_items", ItemsScreen)

}  // namespace kiosk::screens
