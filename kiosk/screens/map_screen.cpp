// Map screen: floor tabs, the hall map with "you are here", search and common places, the route with turn-by-turn text and a QR code.
#include <algorithm>
#include <cmath>

#include "base/log.h"
#include "kiosk/screens/screen.h"
#include "kiosk/screens/map_view.h"
#include "kiosk/screens/wayfinding_service.h"
#include "kiosk/wayfinding/targets.h"

namespace kiosk::screens {
namespace {

namespace wf = wayfinding;

// The common places; the query words are search input (the search knows both languages),
// the button labels come from the catalog.
struct Quick {
    const char* key;
    const char* query;
};
const Quick kQuick[] = {{"map.quick_elevator", "电梯"},
                        {"map.quick_restroom", "卫生间"},
                        {"map.quick_service_desk", "服务台"},
                        {"map.quick_exit", "出口"}};

class MapScreen final : public Screen {
public:
    // args: {"window": "12"} | {"target": "电梯"} | {"floor": "3"} | none
    MapScreen(ScreenContext& c, const std::map<std::string, std::string>& args) : Screen(c), m_args(args) {}
    const char* name() const override { return "map"; }

    void build() override {
        refresh_data();
        const auto& t = theme();
        const int m = t.margin(), gap = t.px(16), bh = t.button_height();
        int top = add_header(tr("service.map")) + gap;
        if (!m_data || !m_data->map || m_data->map->floors.empty()) {
            add_text(tr("map.no_map"), m, top + gap, t.width - 2 * m, t.body(), t.text);
            return;
        }
        const auto& map = *m_data->map;
        std::string lang = m_ctx.session().language;

        // Columns: portrait stacks controls, map, panel; landscape puts the map on the left.
        SDL_Rect controls, map_area, panel;
        if (t.landscape()) {
            int map_w = (t.width - 2 * m - gap) * 57 / 100;
            map_area = {m, top, map_w, t.height - top - m};
            controls = {m + map_w + gap, top, t.width - 2 * m - map_w - gap, 0};
        } else {
            controls = {m, top, t.width - 2 * m, 0};
        }
        int y = add_search_row(controls, bh, gap);
        // Landscape with the text entry open: it takes the quick row's place too, or its pad
        // would be under the 8 cm a hand needs (large text).
        if (!(t.landscape() && m_keyboard_open)) y = add_quick_row({controls.x, y, controls.w, 0}, bh, gap);
        if (t.landscape()) {
            int tabs_y = add_floor_tabs({map_area.x, map_area.y, map_area.w, 0}, bh, gap);
            map_area.h -= tabs_y - map_area.y;
            map_area.y = tabs_y;
            panel = {controls.x, y, controls.w, t.height - m - y};
        } else {
            y = add_floor_tabs({controls.x, y, controls.w, 0}, bh, gap);
            // The panel takes what its text needs; the map keeps at least a third of the screen.
            int want = m_keyboard_open ? std::max(t.px(620), ui::TextEntry::min_height(t)) : panel_height(panel_text(map, lang), t.width - 2 * m, bh, gap);
            int panel_h = std::clamp(want, t.px(360), std::max(t.px(360), t.height - m - y - t.height / 3));
            panel = {m, t.height - m - panel_h, t.width - 2 * m, panel_h};
            map_area = {m, y, t.width - 2 * m, panel.y - gap - y};
        }
        add_map(map_area, lang);
        if (m_keyboard_open) add_keyboard(panel);
        else add_panel(panel, map, lang, bh, gap);
    }

    void on_text(const std::string& s) override {
        if (!m_field) return;
        m_field->insert(s);
        m_search_text = m_field->value();
    }

    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::ContentChanged) invalidate();  // refresh_data() reloads
    }

private:
    // ---- state -------------------------------------------------------------------------
    void refresh_data() {
        const auto& svc = m_ctx.services().wayfinding;
        auto data = svc && svc->current ? svc->current() : nullptr;
        if (data && !data->map) data = nullptr;
        if (data == m_data) return;
        bool first = !m_data && !m_started;
        m_data = data;
        m_started = true;
        m_target.reset();
        m_route.reset();
        if (!m_data) return;
        m_floor = floor_of_node(m_data->here.node);
        if (first) apply_args();
        else if (!m_query.empty()) search(m_query, false);  // same target on the new map
    }

    size_t floor_of_node(wf::NodeIndex n) const {
        const auto& map = *m_data->map;
        return n < map.nodes.size() ? map.nodes[n].floor : 0;
    }

    void apply_args() {
        const auto& map = *m_data->map;
        if (auto it = m_args.find("window"); it != m_args.end()) {
            int n = wf::parse_window_number(it->second);
            if (n > 0) search(std::to_string(n), false);
            if (!m_target) m_message = trf("map.not_found", {{"text", it->second}});
        } else if (auto it = m_args.find("target"); it != m_args.end()) {
            search(it->second, false);
        }
        if (auto it = m_args.find("floor"); it != m_args.end()) {
            for (size_t f = 0; f < map.floors.size(); ++f)
                if (map.floors[f].id == it->second || std::to_string(map.floors[f].level) == it->second) m_floor = f;
        }
    }

    void search(const std::string& text, bool rebuild = true) {
        const auto& map = *m_data->map;
        m_query = text;
        m_message.clear();
        m_target.reset();
        m_route.reset();
        auto matches = wf::resolve_target(map, text, m_data->here.node);
        if (matches.empty()) {
            m_message = trf("map.not_found", {{"text", text}});
        } else {
            set_target(matches.front());
        }
        if (rebuild) invalidate();
    }

    void set_target(const wf::TargetMatch& t) {
        m_target = t;
        route();
    }

    void route() {
        m_route.reset();
        m_route_error.clear();
        if (!m_target) return;
        const auto& map = *m_data->map;
        if (m_target->node == wf::kNoNode) {
            m_route_error = tr("map.no_place_route");
            m_floor = m_target->floor;
            return;
        }
        wf::RouteOptions opt;
        opt.access = m_step_free ? wf::Access::StepFree : wf::Access::Any;
        auto r = wf::find_route(map, m_data->here.node, m_target->node, opt);
        if (!r) {
            m_route_error = tr(m_step_free ? "error.no_step_free_route" : "error.no_route");
            LOG_INFO("map") << "no route to " << m_query << ": " << r.error().message;
            m_floor = m_target->floor;
            return;
        }
        m_route = std::move(r.value());
        m_floor = floor_of_node(m_data->here.node);  // the route starts here
    }

    std::string target_title(const std::string& lang) const {
        const auto& map = *m_data->map;
        if (m_target->kind == wf::TargetMatch::Kind::Window) {
            const wf::Window& w = map.windows[m_target->index];
            std::string dep = wf::target_name(map, *m_target, lang);
            if (dep.empty()) return trf("map.window_plain", {{"number", std::to_string(w.number)}});
            return trf("map.window_target", {{"number", std::to_string(w.number)}, {"department", dep}});
        }
        return wf::target_name(map, *m_target, lang);
    }

    /// "电梯在服务台后方": the nearest other facility within 10 m of a facility target, "behind"
    /// it when, seen from the kiosk, that facility stands between (as the directions judge it).
    std::string where_line(const std::string& lang) const {
        const auto& map = *m_data->map;
        if (m_target->kind != wf::TargetMatch::Kind::Poi) return "";
        const wf::Poi& target = map.pois[m_target->index];
        const wf::Poi* best = nullptr;
        double best_d = 10;
        for (const auto& p : map.pois) {
            if (&p == &target || p.floor != target.floor || p.kind == wf::PoiKind::Kiosk || p.kind == target.kind) continue;
            double d = std::hypot(p.at.x - target.at.x, p.at.y - target.at.y);
            if (d < best_d) best_d = d, best = &p;
        }
        if (!best) return "";
        bool behind = false;
        if (floor_of_node(m_data->here.node) == target.floor) {
            wf::Point s = map.nodes[m_data->here.node].at, l = best->at, e = target.at;
            double ux = l.x - s.x, uy = l.y - s.y, vx = e.x - l.x, vy = e.y - l.y;
            double nu = std::hypot(ux, uy), nv = std::hypot(vx, vy);
            behind = nu > 0.01 && nv > 0.01 && (ux * vx + uy * vy) / (nu * nv) > 0.25 && std::hypot(e.x - s.x, e.y - s.y) > nu;
        }
        return trf(behind ? "map.where_behind" : "map.where_beside",
                   {{"name", target.name.get(lang)}, {"landmark", best->name.get(lang)}});
    }

    // ---- layout ------------------------------------------------------------------------
    int add_search_row(SDL_Rect area, int bh, int gap) {
        const auto& t = theme();
        int bw = std::max(t.px(180), m_ctx.text().measure(tr("map.search"), t.body(), ui::Weight::Bold).x + t.px(48));
        m_field = add<ui::TextField>(tr("map.search_placeholder"), 48);
        m_field->uppercase = false;
        m_field->bounds = {area.x, area.y, area.w - bw - gap, bh};
        m_field->focused = true;
        if (!m_search_text.empty()) m_field->insert(m_search_text);
        m_field->on_focus = [this] {
            m_keyboard_open = true;
            invalidate();
        };
        m_field->on_change = [this] { m_search_text = m_field->value(); };
        auto* go = add<ui::Button>(tr("map.search"), [this] { run_search(); }, ui::ButtonStyle::Primary);
        go->bounds = {area.x + area.w - bw, area.y, bw, bh};
        go->id = "map-search";
        return area.y + bh + gap;
    }

    void run_search() {
        m_keyboard_open = false;
        std::string q = m_field ? m_field->value() : m_search_text;
        if (q.empty()) {
            invalidate();
            return;
        }
        search(q);
    }

    int add_quick_row(SDL_Rect area, int bh, int gap) {
        const auto& t = theme();
        int n = int(std::size(kQuick));
        int w = (area.w - (n - 1) * gap) / n;
        for (int i = 0; i < n; ++i) {
            std::string query = kQuick[i].query;
            auto* b = add<ui::Button>(tr(kQuick[i].key), [this, query] {
                m_search_text.clear();
                m_keyboard_open = false;
                search(query);
            });
            b->bounds = {area.x + i * (w + gap), area.y, w, bh};
            int px = t.body();
            while (px > t.px(26) && m_ctx.text().measure(b->text(), px, ui::Weight::Regular).x > w - t.px(16)) px -= 2;
            b->label_px = px;
        }
        return area.y + bh + gap;
    }

    int add_floor_tabs(SDL_Rect area, int bh, int gap) {
        const auto& t = theme();
        const auto& map = *m_data->map;
        std::string lang = m_ctx.session().language;
        int n = int(map.floors.size());
        int w = (area.w - (n - 1) * gap) / std::max(1, n);
        // Show floors top to bottom as people expect? Tabs go 1F…4F left to right, like a lift panel.
        for (int i = 0; i < n; ++i) {
            size_t f = size_t(i);
            auto* b = add<ui::Button>(map.floors[f].name.get(lang), [this, f] {
                m_floor = f;
                invalidate();
            }, f == m_floor ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary);
            b->bounds = {area.x + i * (w + gap), area.y, w, bh};
            b->label_px = t.title();
            b->id = "floor-" + map.floors[f].id;
            if (route_visits(f)) {  // an orange bar under the floors the route crosses
                auto* bar = add<ui::Label>("", t.small(), t.text);
                bar->background = SDL_Color{0xE0, 0x31, 0x31, 0xFF};
                bar->bounds = {area.x + i * (w + gap) + w / 6, area.y + bh + 3, w * 2 / 3, std::max(6, t.px(8))};
            }
        }
        return area.y + bh + gap + std::max(6, t.px(8));
    }

    bool route_visits(size_t f) const {
        if (!m_route) return false;
        for (const auto& fp : m_route->floor_paths)
            if (fp.floor == f) return true;
        return false;
    }

    /// The next floor the route goes to after `m_floor`'s part, if any.
    std::optional<size_t> next_floor() const {
        if (!m_route) return std::nullopt;
        const auto& fps = m_route->floor_paths;
        for (size_t i = 0; i + 1 < fps.size(); ++i)
            if (fps[i].floor == m_floor) return fps[i + 1].floor;
        return std::nullopt;
    }

    void add_map(SDL_Rect area, const std::string& lang) {
        const auto& t = theme();
        const auto& map = *m_data->map;
        auto* mv = add<MapView>(m_data->map, lang);
        mv->bounds = area;
        mv->id = "map";
        mv->set_here(m_data->here);
        mv->set_floor(m_floor);
        mv->set_you_are_here_text(tr("you_are_here"));
        if (auto nf = next_floor()) mv->set_continue_text(trf("map.map_continue", {{"floor", map.floors[*nf].name.get(lang)}}));
        if (m_route) mv->set_route(*m_route);
        if (m_target) {
            using K = wf::TargetMatch::Kind;
            MapHighlight h;
            h.kind = m_target->kind == K::Window ? wf::MapHit::Kind::Window
                     : m_target->kind == K::Poi  ? wf::MapHit::Kind::Poi
                                                 : wf::MapHit::Kind::Room;
            h.index = m_target->index;
            mv->set_highlight(h);
        }
        mv->on_tap = [this](const wf::MapHit& hit) { tapped(hit); };
        mv->inset_right = std::max(t.min_target(), t.px(96)) + t.px(12);  // keep the floor clear of the zoom buttons
        m_map = mv;
        // Zoom buttons stacked at the map's top-right corner, big enough for any finger.
        int side = std::max(t.min_target(), t.px(96));
        int x = area.x + area.w - side - t.px(12), y = area.y + t.px(12);
        struct Z {
            const char* key;
            int kind;
        };
        for (Z z : {Z{"map.zoom_in", 0}, Z{"map.zoom_out", 1}, Z{"map.zoom_reset", 2}}) {
            auto* b = add<ui::Button>(tr(z.key), [this, k = z.kind] {
                if (!m_map) return;
                if (k == 0) m_map->zoom_by(1.5);
                else if (k == 1) m_map->zoom_by(1 / 1.5);
                else m_map->reset_view();
            });
            int px = z.kind == 2 ? t.small() : t.huge();
            int w = std::max(side, m_ctx.text().measure(b->text(), px, ui::Weight::Regular).x + t.px(24));
            b->bounds = {area.x + area.w - w - t.px(12), y, w, side};
            b->label_px = px;
            y += side + t.px(10);
            (void)x;
        }
    }

    void tapped(const wf::MapHit& hit) {
        const auto& map = *m_data->map;
        wf::TargetMatch t;
        t.index = hit.index;
        switch (hit.kind) {
        case wf::MapHit::Kind::Window:
            t.kind = wf::TargetMatch::Kind::Window;
            t.node = map.windows[hit.index].node;
            t.floor = map.windows[hit.index].floor;
            m_query = std::to_string(map.windows[hit.index].number);
            break;
        case wf::MapHit::Kind::Poi:
            t.kind = wf::TargetMatch::Kind::Poi;
            t.node = map.pois[hit.index].node;
            t.floor = map.pois[hit.index].floor;
            m_query = map.pois[hit.index].id;
            if (map.pois[hit.index].kind == wf::PoiKind::Kiosk) return;
            break;
        case wf::MapHit::Kind::Room:
            t.kind = wf::TargetMatch::Kind::Room;
            t.node = map.rooms[hit.index].node;
            t.floor = map.rooms[hit.index].floor;
            m_query = map.rooms[hit.index].name.get("zh-CN");
            break;
        }
        size_t keep = m_floor;
        m_message.clear();
        set_target(t);
        m_floor = keep;  // the citizen is looking at this floor: stay on it
        invalidate();
    }

    void add_keyboard(SDL_Rect panel) {
        bool en = m_ctx.session().language == "en";
        auto* kb = add_text_entry(m_field, search_modes(), en ? ui::EntryMode::Letters : ui::EntryMode::Handwriting, panel);
        kb->set_done_label(tr("map.search"));
        kb->on_done = [this] { run_search(); };
    }

    /// The panel's texts for the shown floor: title, "where" line, numbered steps, error.
    struct PanelText {
        std::string title, where, steps, error;
    };
    PanelText panel_text(const wf::HallMap& map, const std::string& lang) const {
        PanelText out;
        if (!m_target) {
            out.steps = m_message.empty() ? tr("map.pick_hint") : m_message;
            return out;
        }
        out.title = trf("title.route_to", {{"target", target_title(lang)}});
        out.where = where_line(lang);
        out.error = m_route_error;
        const wf::PhraseBook* book = m_data->phrase_book(lang);
        if (!m_route || !book) return out;
        // The steps on the floor shown, numbered along the whole route.
        auto steps = wf::describe_route(map, *m_route, m_data->here.facing_deg);
        for (size_t i = 0; i < steps.size(); ++i) {
            if (steps[i].floor != m_floor) continue;
            std::string s = wf::render_instruction(map, steps[i], *book);
            if (!s.empty()) s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
            out.steps += (out.steps.empty() ? "" : "\n") + std::to_string(i + 1) + ". " + s;
        }
        if (out.steps.empty())
            out.steps = trf("map.target_on_floor", {{"floor", map.floors[m_target->floor].name.get(lang)}});
        return out;
    }

    int qr_side(int panel_w) const { return std::min(theme().px(280), panel_w * 2 / 5); }

    /// Height the panel needs at width `w` (portrait gives the map what is left).
    int panel_height(const PanelText& pt, int w, int bh, int gap) {
        const auto& t = theme();
        const int pad = t.px(20);
        auto measure = [&](const std::string& s, int px, ui::Weight wt, int width) {
            if (s.empty()) return 0;
            ui::Label l(s, px, t.text, wt);
            return l.measure_height(m_ctx.text(), width);
        };
        int inner = w - 2 * pad;
        if (!m_target) return 2 * pad + measure(pt.steps, t.body(), ui::Weight::Regular, inner);
        int title_px = m_ctx.text().measure(pt.title, t.title(), ui::Weight::Bold).x <= inner ? t.title() : t.body();
        int h = pad + std::min(measure(pt.title, title_px, ui::Weight::Bold, inner),
                               2 * m_ctx.text().line_height(title_px, ui::Weight::Bold)) + t.px(8);
        int tw = m_route ? inner - qr_side(inner) - gap : inner;
        int text = measure(pt.where, t.body(), ui::Weight::Bold, tw) + t.px(8) +
                   (pt.error.empty() ? measure(pt.steps, t.body(), ui::Weight::Regular, tw)
                                     : measure(pt.error, t.body(), ui::Weight::Bold, tw - 2 * t.px(12)) + 2 * t.px(12));
        int qr = m_route ? qr_side(inner) + t.small() * 2 + t.px(20) : 0;
        return h + std::max(text, qr) + gap + bh + pad;
    }

    void add_panel(SDL_Rect p, const wf::HallMap& map, const std::string& lang, int bh, int gap) {
        const auto& t = theme();
        auto* bg = add<ui::Label>("", t.body(), t.text);
        bg->background = t.card;
        bg->bounds = p;
        const int pad = t.px(20);
        int x = p.x + pad, w = p.w - 2 * pad, y = p.y + pad;
        PanelText pt = panel_text(map, lang);
        if (!m_target) {
            add_text(pt.steps, x, y, w, t.body(), m_message.empty() ? t.text : t.error_text);
            return;
        }
        // The title in the big size when it fits on one line, else in body size (two lines at most).
        int title_px = m_ctx.text().measure(pt.title, t.title(), ui::Weight::Bold).x <= w ? t.title() : t.body();
        auto* title = add<ui::Label>(pt.title, title_px, t.text, ui::Weight::Bold);
        title->max_lines = 2;
        title->bounds = {x, y, w, title->measure_height(m_ctx.text(), w)};
        title->id = "route-title";
        y += title->bounds.h + t.px(8);
        // Bottom row: step-free toggle and "next floor" / "back to the start".
        int row_y = p.y + p.h - pad - bh;
        int bw = (w - gap) / 2;
        auto* sf = add<ui::Button>(tr(m_step_free ? "map.step_free_on" : "map.step_free_off"), [this] {
            m_step_free = !m_step_free;
            size_t keep = m_floor;
            route();
            if (m_route && route_visits(keep)) m_floor = keep;
            invalidate();
        }, m_step_free ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary);
        sf->bounds = {x, row_y, bw, bh};
        sf->id = "step-free";
        fit_label(sf, bw);
        size_t start = floor_of_node(m_data->here.node);
        if (auto nf = next_floor()) {
            size_t f = *nf;
            auto* next = add<ui::Button>(trf("map.continue_on", {{"floor", map.floors[f].name.get(lang)}}), [this, f] {
                m_floor = f;
                invalidate();
            }, ui::ButtonStyle::Primary);
            next->bounds = {x + bw + gap, row_y, w - bw - gap, bh};
            next->id = "next-floor";
            fit_label(next, w - bw - gap);
        } else if (m_route && m_floor != start) {
            auto* back = add<ui::Button>(trf("map.start_floor", {{"floor", map.floors[start].name.get(lang)}}), [this, start] {
                m_floor = start;
                invalidate();
            });
            back->bounds = {x + bw + gap, row_y, w - bw - gap, bh};
            back->id = "start-floor";
            fit_label(back, w - bw - gap);
        }
        int text_bottom = row_y - gap;
        // The phone link as a QR code on the right, the steps on the left.
        int tw = w;
        if (m_route) {
            std::string url = wf::route_url(map, m_data->here.node, m_target->node,
                                            m_step_free ? wf::Access::StepFree : wf::Access::Any);
            int hint_h = t.small() * 2 + t.px(16);
            int side = std::min(qr_side(w), text_bottom - y - hint_h);
            if (!url.empty() && side > 0) {
                auto* qr = add<ui::QrView>(url);
                qr->bounds = {x + w - side, y, side, side};
                qr->id = "route-qr";
                auto* hint = add<ui::Label>(tr("qr.hint"), t.small(), t.muted, ui::Weight::Regular, ui::Align::Center);
                hint->bounds = {x + w - side - t.px(70), y + side + t.px(4), side + t.px(70), hint_h};
                tw = w - side - gap - t.px(70);
            }
        }
        if (!pt.where.empty()) y = add_text(pt.where, x, y, tw, t.body(), t.text, ui::Weight::Bold) + t.px(8);
        if (!pt.error.empty()) {
            auto* err = add<ui::Label>(pt.error, t.body(), t.error_text, ui::Weight::Bold);
            err->background = t.error_bg;
            err->padding = t.px(12);
            err->bounds = {x, y, tw, err->measure_height(m_ctx.text(), tw)};
            err->id = "route-error";
            return;
        }
        if (!m_route) return;
        auto* steps_label = add<ui::Label>(pt.steps, t.body(), t.text);
        int lh = m_ctx.text().line_height(t.body(), ui::Weight::Regular);
        int room = text_bottom - y;
        if (room < lh) {
            steps_label->visible = false;  // FIXME: no room (landscape, large text): the steps need a scroll
            return;
        }
        steps_label->max_lines = std::max(1, room / lh);
        steps_label->bounds = {x, y, tw, std::min(steps_label->measure_height(m_ctx.text(), tw), room)};
        steps_label->id = "directions";
    }

    void fit_label(ui::Button* b, int w) {
        const auto& t = theme();
        int px = t.body();
        while (px > t.px(24) && m_ctx.text().measure(b->text(), px, ui::Weight::Bold).x > w - t.px(20)) px -= 2;
        b->label_px = px;
    }

    std::map<std::string, std::string> m_args;
    std::shared_ptr<const WayfindingData> m_data;
    bool m_started = false;
    size_t m_floor = 0;
    std::optional<wf::TargetMatch> m_target;
    std::optional<wf::Route> m_route;
    std::string m_route_error, m_message, m_query, m_search_text;
    bool m_step_free = false;
    bool m_keyboard_open = false;
    ui::TextField* m_field = nullptr;
    MapView* m_map = nullptr;
};

}  // namespace

KIOSK_SCREEN("map", MapScreen)

}  // namespace kiosk::screens
