// MapView: triangulated floor polygons through SDL_RenderGeometry, labels at constant size, route, marker, touch.
#include "kiosk/screens/map_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace kiosk::screens {

using namespace kiosk::ui;  // the widget toolkit this widget is built on
namespace wf = wayfinding;

namespace {

// Colours picked for contrast on a bright hall screen and for older eyes: dark outlines,
// pale rooms, cream counters, a saturated red-orange route and a yellow target.
constexpr SDL_Color kOutside{0xDD, 0xE3, 0xEA, 0xFF};
constexpr SDL_Color kFloor{0xFF, 0xFF, 0xFF, 0xFF};
constexpr SDL_Color kFloorEdge{0x2F, 0x3A, 0x4A, 0xFF};
constexpr SDL_Color kRoom{0xD6, 0xE4, 0xF2, 0xFF};
constexpr SDL_Color kRoomEdge{0x6B, 0x7A, 0x8F, 0xFF};
constexpr SDL_Color kWindow{0xFF, 0xEF, 0xC7, 0xFF};
constexpr SDL_Color kWindowEdge{0x9C, 0x62, 0x10, 0xFF};
constexpr SDL_Color kTarget{0xFF, 0xD4, 0x2A, 0xFF};
constexpr SDL_Color kTargetEdge{0xC2, 0x41, 0x0C, 0xFF};
constexpr SDL_Color kRoute{0xE0, 0x31, 0x31, 0xFF};
constexpr SDL_Color kCasing{0xFF, 0xFF, 0xFF, 0xFF};
constexpr SDL_Color kHere{0x12, 0x6B, 0xD8, 0xFF};
constexpr SDL_Color kText{0x14, 0x1A, 0x24, 0xFF};
constexpr SDL_Color kWhite{0xFF, 0xFF, 0xFF, 0xFF};
constexpr SDL_Color kPill{0xFF, 0xFF, 0xFF, 0xE6};

SDL_Vertex vtx(double x, double y, SDL_Color c) { return SDL_Vertex{{float(x), float(y)}, c, {0, 0}}; }

double cross(wf::Point o, wf::Point a, wf::Point b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

bool in_triangle(wf::Point p, wf::Point a, wf::Point b, wf::Point c) {
    double d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p);
    return d1 >= 0 && d2 >= 0 && d3 >= 0;
}

// A quad of `width` along a→b, appended as two triangles.
void push_segment(std::vector<SDL_Vertex>& out, wf::Point a, wf::Point b, double width, SDL_Color c) {
    double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
    if (len < 1e-6) return;
    double nx = -dy / len * width / 2, ny = dx / len * width / 2;
    SDL_Vertex q[4] = {vtx(a.x + nx, a.y + ny, c), vtx(b.x + nx, b.y + ny, c), vtx(b.x - nx, b.y - ny, c),
                       vtx(a.x - nx, a.y - ny, c)};
    for (int i : {0, 1, 2, 0, 2, 3}) out.push_back(q[i]);
}

// A filled disc as a triangle fan (route joints and markers).
void push_disc(std::vector<SDL_Vertex>& out, wf::Point c, double radius, SDL_Color col, int segments = 16) {
    for (int i = 0; i < segments; ++i) {
        double a0 = 2 * M_PI * i / segments, a1 = 2 * M_PI * (i + 1) / segments;
        out.push_back(vtx(c.x, c.y, col));
        out.push_back(vtx(c.x + radius * std::cos(a0), c.y + radius * std::sin(a0), col));
        out.push_back(vtx(c.x + radius * std::cos(a1), c.y + radius * std::sin(a1), col));
    }
}

// Everything drawn here is opaque: without blending the software renderer fills spans faster.
void render(SDL_Renderer* r, std::vector<SDL_Vertex>& v) {
    if (v.empty()) return;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_RenderGeometry(r, nullptr, v.data(), int(v.size()), nullptr, 0);
    v.clear();
}

bool overlaps(const SDL_Rect& a, const SDL_Rect& b, int pad) {
    return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

SDL_Color poi_colour(wf::PoiKind k) {
    switch (k) {
    case wf::PoiKind::Elevator: return {0x17, 0x5C, 0xB0, 0xFF};
    case wf::PoiKind::Stairs:
    case wf::PoiKind::Escalator: return {0x44, 0x4C, 0x58, 0xFF};
    case wf::PoiKind::Restroom: return {0x08, 0x7F, 0x8C, 0xFF};
    case wf::PoiKind::AccessibleRestroom: return {0x1F, 0x4E, 0xA8, 0xFF};
    case wf::PoiKind::ServiceDesk: return {0xC2, 0x55, 0x00, 0xFF};
    case wf::PoiKind::SelfService: return {0x6A, 0x3D, 0xB8, 0xFF};
    case wf::PoiKind::PrintCopy: return {0x5C, 0x4A, 0x3A, 0xFF};
    case wf::PoiKind::Exit: return {0x1B, 0x7F, 0x3B, 0xFF};
    case wf::PoiKind::Parking: return {0x1F, 0x4E, 0xA8, 0xFF};
    case wf::PoiKind::Kiosk: return kHere;
    }
    return kText;
}

// The short mark inside a POI icon: letters readable in both languages (drawn shapes for lifts).
const char* poi_mark(wf::PoiKind k) {
    switch (k) {
    case wf::PoiKind::Restroom: return "WC";
    case wf::PoiKind::AccessibleRestroom: return "WC";
    case wf::PoiKind::ServiceDesk: return "i";
    case wf::PoiKind::SelfService: return "24";
    case wf::PoiKind::PrintCopy: return "A4";
    case wf::PoiKind::Exit: return "EXIT";
    case wf::PoiKind::Parking: return "P";
    default: return "";
    }
}

}  // namespace

std::vector<int> triangulate(const wf::Polygon& poly) {
    std::vector<int> out;
    int n = int(poly.size());
    if (n < 3) return out;
    double area = 0;
    for (int i = 0; i < n; ++i) area += cross({0, 0}, poly[size_t(i)], poly[size_t((i + 1) % n)]);
    std::vector<int> idx(static_cast<size_t>(n), 0);
    for (int i = 0; i < n; ++i) idx[size_t(i)] = area >= 0 ? i : n - 1 - i;  // counter-clockwise
    int guard = 0;
    while (idx.size() > 3 && guard++ < 4 * n * n) {
        bool clipped = false;
        int m = int(idx.size());
        for (int i = 0; i < m; ++i) {
            int a = idx[size_t((i + m - 1) % m)], b = idx[size_t(i)], c = idx[size_t((i + 1) % m)];
            const wf::Point &pa = poly[size_t(a)], &pb = poly[size_t(b)], &pc = poly[size_t(c)];
            if (cross(pa, pb, pc) <= 1e-12) continue;  // reflex or flat: not an ear
            bool empty = true;
            for (int j : idx)
                if (j != a && j != b && j != c && in_triangle(poly[size_t(j)], pa, pb, pc)) {
                    empty = false;
                    break;
                }
            if (!empty) continue;
            out.insert(out.end(), {a, b, c});
            idx.erase(idx.begin() + i);
            clipped = true;
            break;
        }
        if (!clipped) {  // degenerate input (self-touching): fan the rest rather than loop
            for (size_t i = 1; i + 1 < idx.size(); ++i) out.insert(out.end(), {idx[0], idx[i], idx[i + 1]});
            return out;
        }
    }
    if (idx.size() == 3) out.insert(out.end(), {idx[0], idx[1], idx[2]});
    return out;
}

MapView::MapView(std::shared_ptr<const wf::HallMap> map, std::string lang) : m_map(std::move(map)), m_lang(std::move(lang)) {}

void MapView::set_floor(size_t floor) {
    if (!m_map || floor >= m_map->floors.size()) return;
    m_floor = floor;
    m_view_valid = false;
}

void MapView::ensure_view() {
    if (!m_map || m_map->floors.empty()) return;
    if (m_view_valid && std::memcmp(&m_view_bounds, &bounds, sizeof bounds) == 0) return;
    double facing = m_here ? m_here->facing_deg : 0;
    int inset = std::clamp(inset_right, 0, bounds.w / 3);
    wf::ScreenRect vp{double(bounds.x), double(bounds.y), double(bounds.w - inset), double(bounds.h)};
    m_view = wf::ViewTransform::fit(m_map->floors[m_floor].outline, vp, facing, 1.0, 24.0);
    m_fit_ppm = m_view.pixels_per_metre();
    m_view_bounds = bounds;
    m_view_valid = true;
}

const wf::ViewTransform& MapView::view() {
    ensure_view();
    return m_view;
}

double MapView::zoom() const { return m_fit_ppm > 0 ? m_view.pixels_per_metre() / m_fit_ppm : 1; }

void MapView::zoom_about(double factor, wf::Point anchor) {
    ensure_view();
    m_view = m_view.zoomed(factor, anchor, m_fit_ppm * 0.75, m_fit_ppm * 8);
}

void MapView::zoom_by(double factor) { zoom_about(factor, {bounds.x + bounds.w / 2.0, bounds.y + bounds.h / 2.0}); }

void MapView::pan_by(double dx, double dy) {
    ensure_view();
    m_view = m_view.panned(dx, dy);
}

void MapView::reset_view() { m_view_valid = false; }

void MapView::pinch_begin(wf::Point a, wf::Point b) {
    m_pinching = true;
    m_pinch_dist = std::max(1.0, std::hypot(a.x - b.x, a.y - b.y));
    m_pinch_mid = {(a.x + b.x) / 2, (a.y + b.y) / 2};
}

void MapView::pinch_update(wf::Point a, wf::Point b) {
    if (!m_pinching) return pinch_begin(a, b);
    double d = std::max(1.0, std::hypot(a.x - b.x, a.y - b.y));
    wf::Point mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
    pan_by(mid.x - m_pinch_mid.x, mid.y - m_pinch_mid.y);
    zoom_about(d / m_pinch_dist, mid);
    m_pinch_dist = d;
    m_pinch_mid = mid;
}

std::optional<wf::MapHit> MapView::hit(int x, int y) {
    if (!m_map) return std::nullopt;
    return wf::hit_test(*m_map, m_floor, view(), {double(x), double(y)}, 40.0);
}

// The app hands us one pointer; a second finger on the touch screen is read from SDL's touch
// state, so a pinch works without the app knowing about multi-touch.
bool MapView::touching_fingers(wf::Point& a, wf::Point& b) const {
    for (int d = 0; d < SDL_GetNumTouchDevices(); ++d) {
        SDL_TouchID id = SDL_GetTouchDevice(d);
        if (SDL_GetNumTouchFingers(id) < 2) continue;
        SDL_Finger* f0 = SDL_GetTouchFinger(id, 0);
        SDL_Finger* f1 = SDL_GetTouchFinger(id, 1);
        if (!f0 || !f1 || !m_view_valid) return false;
        // Finger coordinates are 0..1 of the window; the UI is laid out in logical pixels.
        SDL_Window* win = SDL_GetMouseFocus();
        int lw = 0, lh = 0;
        if (SDL_Renderer* r = win ? SDL_GetRenderer(win) : nullptr) SDL_RenderGetLogicalSize(r, &lw, &lh);
        if (lw == 0 || lh == 0) return false;
        a = {f0->x * lw, f0->y * lh};
        b = {f1->x * lw, f1->y * lh};
        return true;
    }
    return false;
}

bool MapView::on_pointer(const PointerEvent& e) {
    using K = PointerEvent::Kind;
    wf::Point p{double(e.x), double(e.y)};
    switch (e.kind) {
    case K::Down:
        if (!contains(bounds, e.x, e.y)) return false;
        m_down = true;
        m_dragged = false;
        m_down_at = m_last_at = p;
        return true;
    case K::Move: {
        if (!m_down) return false;
        wf::Point a, b;
        if (touching_fingers(a, b)) {
            pinch_update(a, b);
            m_dragged = true;
            m_last_at = p;
            return true;
        }
        if (m_pinching) {  // one finger lifted: carry on as a drag from here
            m_pinching = false;
            m_last_at = p;
        }
        if (std::hypot(p.x - m_down_at.x, p.y - m_down_at.y) > 16) m_dragged = true;
        if (m_dragged) pan_by(p.x - m_last_at.x, p.y - m_last_at.y);
        m_last_at = p;
        return true;
    }
    case K::Up: {
        bool tap = m_down && !m_dragged;
        m_down = false;
        m_pinching = false;
        if (tap && on_tap)
            if (auto h = hit(e.x, e.y)) on_tap(*h);
        return true;
    }
    case K::Cancel:
        m_down = false;
        m_pinching = false;
        return true;
    }
    return false;
}

std::string MapView::highlight_id() const {
    if (!m_highlight || !m_map) return "";
    switch (m_highlight->kind) {
    case wf::MapHit::Kind::Window: return "window:" + std::to_string(m_map->windows.at(m_highlight->index).number);
    case wf::MapHit::Kind::Poi: return "poi:" + m_map->pois.at(m_highlight->index).id;
    case wf::MapHit::Kind::Room: return "room:" + m_map->rooms.at(m_highlight->index).id;
    }
    return "";
}

std::string MapView::text() const {
    if (!m_map || m_map->floors.empty()) return "";
    std::string s = "floor=" + m_map->floors[m_floor].id;
    if (m_highlight) s += " target=" + highlight_id();
    if (m_route) {
        s += " route=";
        std::string last;
        for (const auto& fp : m_route->floor_paths) {
            const std::string& id = m_map->floors[fp.floor].id;
            if (id == last) continue;
            s += (last.empty() ? "" : ",") + id;
            last = id;
        }
    }
    char z[32];
    std::snprintf(z, sizeof z, " zoom=%.2f", zoom());
    return s + z;
}

std::vector<Widget::Item> MapView::items() const {
    std::vector<Item> out;
    for (const auto& l : m_labels) out.push_back({l.text, l.rect, false, true});
    if (m_target_rect) out.push_back({"target:" + highlight_id(), *m_target_rect, false, true});
    if (m_here_rect) out.push_back({"here", *m_here_rect, false, true});
    return out;
}

void MapView::ensure_meshes() {
    if (m_meshes && m_meshes_floor == m_floor && m_meshes_highlight.has_value() == m_highlight.has_value() &&
        (!m_highlight || (m_meshes_highlight->kind == m_highlight->kind && m_meshes_highlight->index == m_highlight->index)))
        return;
    FloorMeshes fm;
    auto add = [](Mesh& m, const wf::Polygon& poly) {
        int base = int(m.points.size());
        m.points.insert(m.points.end(), poly.begin(), poly.end());
        for (int i : triangulate(poly)) m.indices.push_back(base + i);
    };
    const auto& map = *m_map;
    add(fm.floor, map.floors[m_floor].outline);
    for (size_t i = 0; i < map.rooms.size(); ++i) {
        if (map.rooms[i].floor != m_floor) continue;
        bool hl = m_highlight && m_highlight->kind == wf::MapHit::Kind::Room && m_highlight->index == i;
        add(hl ? fm.highlight : fm.rooms, map.rooms[i].shape);
    }
    for (size_t i = 0; i < map.windows.size(); ++i) {
        if (map.windows[i].floor != m_floor) continue;
        bool hl = m_highlight && m_highlight->kind == wf::MapHit::Kind::Window && m_highlight->index == i;
        add(hl ? fm.highlight : fm.windows, map.windows[i].shape);
    }
    // Label places are a grid search each (label_anchor): once per floor, not every frame.
    fm.window_anchors.resize(map.windows.size());
    fm.room_anchors.resize(map.rooms.size());
    for (size_t i = 0; i < map.windows.size(); ++i)
        if (map.windows[i].floor == m_floor) fm.window_anchors[i] = wf::label_anchor(map.windows[i].shape);
    for (size_t i = 0; i < map.rooms.size(); ++i)
        if (map.rooms[i].floor == m_floor) fm.room_anchors[i] = wf::label_anchor(map.rooms[i].shape);
    m_meshes = std::move(fm);
    m_meshes_floor = m_floor;
    m_meshes_highlight = m_highlight;
}

void MapView::draw_mesh(SDL_Renderer* r, const Mesh& m, SDL_Color c) {
    if (m.indices.empty()) return;
    m_scratch.clear();
    m_scratch.reserve(m.points.size());
    for (const auto& p : m.points) {
        wf::Point s = m_view.to_screen(p);
        m_scratch.push_back(vtx(s.x, s.y, c));
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_RenderGeometry(r, nullptr, m_scratch.data(), int(m_scratch.size()), m.indices.data(), int(m.indices.size()));
}

void MapView::draw_outlines(SDL_Renderer* r, const wf::Polygon& poly, float width, SDL_Color c) {
    std::vector<SDL_Vertex>& v = m_scratch;
    v.clear();
    size_t n = poly.size();
    for (size_t i = 0; i < n; ++i) {
        wf::Point a = m_view.to_screen(poly[i]), b = m_view.to_screen(poly[(i + 1) % n]);
        push_segment(v, a, b, width, c);
        double h = width / 2;  // square corner so joints have no notch
        SDL_Vertex q[4] = {vtx(a.x - h, a.y - h, c), vtx(a.x + h, a.y - h, c), vtx(a.x + h, a.y + h, c), vtx(a.x - h, a.y + h, c)};
        for (int k : {0, 1, 2, 0, 2, 3}) v.push_back(q[k]);
    }
    render(r, v);
}

void MapView::draw_route(Canvas& c) {
    if (!m_route) return;
    const Theme& t = c.theme;
    double core = std::max(10.0, t.px(14) * 1.0), casing = core + 8;
    auto lines = wf::project_route(m_view, *m_route, m_floor);
    std::vector<SDL_Vertex>& v = m_scratch;
    v.clear();
    for (const auto& line : lines) {
        for (size_t i = 0; i + 1 < line.size(); ++i) push_segment(v, line[i], line[i + 1], casing, kCasing);
        for (const auto& p : line) push_disc(v, p, casing / 2, kCasing, 12);
    }
    for (const auto& line : lines) {
        for (size_t i = 0; i + 1 < line.size(); ++i) push_segment(v, line[i], line[i + 1], core, kRoute);
        for (const auto& p : line) push_disc(v, p, core / 2, kRoute, 12);
    }
    // White chevrons every so often show which way to walk.
    double spacing = t.px(90), size = core * 0.9;
    for (const auto& line : lines) {
        double carry = spacing / 2;
        for (size_t i = 0; i + 1 < line.size(); ++i) {
            wf::Point a = line[i], b = line[i + 1];
            double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
            if (len < 1e-6) continue;
            double ux = dx / len, uy = dy / len;
            for (double s = carry; s < len; s += spacing) {
                wf::Point m{a.x + ux * s, a.y + uy * s};
                wf::Point tip{m.x + ux * size * 0.6, m.y + uy * size * 0.6};
                wf::Point l{m.x - ux * size * 0.5 - uy * size * 0.6, m.y - uy * size * 0.5 + ux * size * 0.6};
                wf::Point r{m.x - ux * size * 0.5 + uy * size * 0.6, m.y - uy * size * 0.5 - ux * size * 0.6};
                v.push_back(vtx(tip.x, tip.y, kWhite));
                v.push_back(vtx(l.x, l.y, kWhite));
                v.push_back(vtx(r.x, r.y, kWhite));
                carry = s + spacing - len;
            }
            if (carry >= len) carry -= len;
        }
    }
    render(c.renderer, v);
    // Where the route leaves this floor for another (not the end): a callout "继续前往 2 楼".
    if (m_continue_text.empty()) return;
    for (size_t i = 0; i < m_route->floor_paths.size(); ++i) {
        const auto& fp = m_route->floor_paths[i];
        if (fp.floor != m_floor || fp.points.empty() || i + 1 == m_route->floor_paths.size()) continue;
        wf::Point end = m_view.to_screen(fp.points.back());
        int px = t.small();
        SDL_Point sz = measure(c, m_continue_text, px, Weight::Bold);
        int pad = t.px(12);
        // Ahead of the last stretch, past the lift icon, so it covers neither the route nor the icon.
        wf::Point prev = fp.points.size() > 1 ? m_view.to_screen(fp.points[fp.points.size() - 2]) : wf::Point{end.x, end.y + 1};
        double dx = end.x - prev.x, dy = end.y - prev.y, len = std::max(1e-6, std::hypot(dx, dy));
        dx /= len, dy /= len;
        SDL_Point bs{sz.x + 2 * pad, sz.y + pad};
        double reach = std::max(t.px(44), 36) * 0.75 + 8 + std::abs(dx) * bs.x / 2 + std::abs(dy) * bs.y / 2;
        SDL_Rect box{int(end.x + dx * reach) - bs.x / 2, int(end.y + dy * reach) - bs.y / 2, bs.x, bs.y};
        box.x = std::clamp(box.x, bounds.x + 4, std::max(bounds.x + 4, bounds.x + bounds.w - box.w - 4));
        box.y = std::clamp(box.y, bounds.y + 4, std::max(bounds.y + 4, bounds.y + bounds.h - box.h - 4));
        fill_rounded(c.renderer, box, 12, kRoute);
        c.text.draw(m_continue_text, px, Weight::Bold, kWhite, box.x + pad, box.y + pad / 2);
        m_labels.push_back({m_continue_text, box});
    }
}

void MapView::draw_pois(Canvas& c) {
    const Theme& t = c.theme;
    int s = std::max(t.px(44), 36);  // icon side, constant on screen
    std::vector<SDL_Vertex>& v = m_scratch;
    for (size_t i = 0; i < m_map->pois.size(); ++i) {
        const wf::Poi& p = m_map->pois[i];
        if (p.floor != m_floor || p.kind == wf::PoiKind::Kiosk) continue;
        wf::Point at = m_view.to_screen(p.at);
        if (!contains(bounds, int(at.x), int(at.y))) continue;
        bool hl = m_highlight && m_highlight->kind == wf::MapHit::Kind::Poi && m_highlight->index == i;
        int side = hl ? s * 3 / 2 : s;
        SDL_Rect box{int(at.x) - side / 2, int(at.y) - side / 2, side, side};
        if (hl) {
            fill_rounded(c.renderer, {box.x - 8, box.y - 8, box.w + 16, box.h + 16}, 14, kTargetEdge);
            fill_rounded(c.renderer, {box.x - 4, box.y - 4, box.w + 8, box.h + 8}, 12, kTarget);
            m_target_rect = box;
        }
        fill_rounded(c.renderer, box, side / 6, poi_colour(p.kind));
        double cx = at.x, cy = at.y, u = side / 10.0;
        v.clear();
        switch (p.kind) {
        case wf::PoiKind::Elevator:  // up and down triangles
            for (SDL_Vertex q : {vtx(cx, cy - 4 * u, kWhite), vtx(cx - 3 * u, cy - 0.8 * u, kWhite), vtx(cx + 3 * u, cy - 0.8 * u, kWhite),
                                 vtx(cx, cy + 4 * u, kWhite), vtx(cx + 3 * u, cy + 0.8 * u, kWhite), vtx(cx - 3 * u, cy + 0.8 * u, kWhite)})
                v.push_back(q);
            break;
        case wf::PoiKind::Stairs:  // three steps
            for (int k = 0; k < 3; ++k) {
                double x0 = cx - 3.5 * u + k * 2.3 * u, y0 = cy + 3.5 * u - (k + 1) * 2.3 * u;
                SDL_Vertex q[4] = {vtx(x0, y0, kWhite), vtx(cx + 3.5 * u, y0, kWhite), vtx(cx + 3.5 * u, y0 + 2.3 * u, kWhite),
                                   vtx(x0, y0 + 2.3 * u, kWhite)};
                for (int j : {0, 1, 2, 0, 2, 3}) v.push_back(q[j]);
            }
            break;
        case wf::PoiKind::Escalator:  // a rising band with an arrow head
            push_segment(v, {cx - 3.5 * u, cy + 3 * u}, {cx + 2 * u, cy - 2.5 * u}, 1.8 * u, kWhite);
            for (SDL_Vertex q : {vtx(cx + 3.8 * u, cy - 4 * u, kWhite), vtx(cx - 0.2 * u, cy - 3.6 * u, kWhite),
                                 vtx(cx + 3.4 * u, cy, kWhite)})
                v.push_back(q);
            break;
        default: {
            const char* mark = poi_mark(p.kind);
            int px = std::strlen(mark) > 2 ? side * 3 / 10 : side / 2;
            SDL_Point ms = measure(c, mark, px, Weight::Bold);
            c.text.draw(mark, px, Weight::Bold, kWhite, int(cx) - ms.x / 2, int(cy) - ms.y / 2);
        }
        }
        if (p.kind == wf::PoiKind::AccessibleRestroom) {  // a wheel under the mark tells it apart
            fill_rounded(c.renderer, {box.x + box.w - side / 3, box.y + box.h - side / 3, side / 2, side / 2}, side / 4, kWhite);
            fill_rounded(c.renderer, {box.x + box.w - side / 3 + 3, box.y + box.h - side / 3 + 3, side / 2 - 6, side / 2 - 6},
                         side / 4 - 3, poi_colour(p.kind));
        }
        render(c.renderer, v);
    }
}

void MapView::draw_here(Canvas& c) {
    if (!m_here || m_here->node >= m_map->nodes.size()) return;
    const wf::Node& n = m_map->nodes[m_here->node];
    if (n.floor != m_floor) return;
    const Theme& t = c.theme;
    wf::Point at = m_view.to_screen(n.at);
    double r = std::max(18, t.px(24));
    // The facing arrow: a wedge in front of the dot, pointing where the citizen looks.
    double a = m_view.screen_angle_deg(m_here->facing_deg) * M_PI / 180;
    double ux = std::sin(a), uy = -std::cos(a);
    std::vector<SDL_Vertex>& v = m_scratch;
    v.clear();
    wf::Point tip{at.x + ux * r * 2.6, at.y + uy * r * 2.6};
    wf::Point l{at.x - uy * r * 1.1, at.y + ux * r * 1.1}, rr{at.x + uy * r * 1.1, at.y - ux * r * 1.1};
    for (SDL_Vertex q : {vtx(tip.x, tip.y, kHere), vtx(l.x, l.y, kHere), vtx(rr.x, rr.y, kHere)}) v.push_back(q);
    push_disc(v, at, r * 1.9, SDL_Color{0xC0, 0xD8, 0xF4, 0xFF}, 24);  // halo (the marker's blue, pale)
    push_disc(v, at, r + 6, kWhite, 24);
    push_disc(v, at, r, kHere, 24);
    render(c.renderer, v);
    m_here_rect = SDL_Rect{int(at.x - r), int(at.y - r), int(2 * r), int(2 * r)};
    if (m_here_text.empty()) return;
    int px = t.body();
    SDL_Point sz = measure(c, m_here_text, px, Weight::Bold);
    int pad = t.px(10);
    // Below the dot, or above it when the arrow points down.
    int y = uy > 0.3 ? int(at.y - r * 2.2) - sz.y - pad : int(at.y + r * 2.2);
    SDL_Rect box{int(at.x) - sz.x / 2 - pad, y, sz.x + 2 * pad, sz.y + pad / 2};
    box.x = std::clamp(box.x, bounds.x + 4, std::max(bounds.x + 4, bounds.x + bounds.w - box.w - 4));
    fill_rounded(c.renderer, box, 14, kHere);
    c.text.draw(m_here_text, px, Weight::Bold, kWhite, box.x + pad, box.y + pad / 4);
    m_labels.push_back({m_here_text, box});
}

SDL_Point MapView::measure(Canvas& c, const std::string& s, int px, Weight w) {
    auto key = std::make_pair(s, px * 2 + (w == Weight::Bold ? 1 : 0));
    auto it = m_sizes.find(key);
    if (it != m_sizes.end()) return it->second;
    SDL_Point p = c.text.measure(s, px, w);
    m_sizes.emplace(key, p);
    return p;
}

void MapView::draw_labels(Canvas& c) {
    const Theme& t = c.theme;
    struct Candidate {
        std::string text;
        wf::Point at;
        int px;
        Weight weight;
        bool pill;
        int below;  ///< draw below the anchor by this many px (POI names under their icon)
    };
    std::vector<Candidate> cands;
    const auto& map = *m_map;
    // Priority: the target, window numbers, facilities, then rooms.
    auto window_label = [&](size_t i) {
        return std::to_string(map.windows[i].number);
    };
    for (size_t i = 0; i < map.windows.size(); ++i)
        if (map.windows[i].floor == m_floor) {
            bool hl = m_highlight && m_highlight->kind == wf::MapHit::Kind::Window && m_highlight->index == i;
            Candidate cd{window_label(i), m_view.to_screen(m_meshes->window_anchors[i]),
                         hl ? t.title() : t.body(), Weight::Bold, false, 0};
            if (hl) cands.insert(cands.begin(), cd);
            else cands.push_back(cd);
        }
    int icon = std::max(t.px(44), 36);
    for (size_t i = 0; i < map.pois.size(); ++i) {
        const wf::Poi& p = map.pois[i];
        if (p.floor != m_floor || p.kind == wf::PoiKind::Kiosk) continue;
        bool hl = m_highlight && m_highlight->kind == wf::MapHit::Kind::Poi && m_highlight->index == i;
        cands.push_back({p.name.get(m_lang), m_view.to_screen(p.at), t.small(), Weight::Bold, true,
                         (hl ? icon * 3 / 4 : icon / 2) + 6});
        if (hl) std::rotate(cands.begin(), cands.end() - 1, cands.end());
    }
    for (size_t i = 0; i < map.rooms.size(); ++i)
        if (map.rooms[i].floor == m_floor) {
            bool hl = m_highlight && m_highlight->kind == wf::MapHit::Kind::Room && m_highlight->index == i;
            cands.push_back({map.rooms[i].name.get(m_lang), m_view.to_screen(m_meshes->room_anchors[i]),
                             t.small(), hl ? Weight::Bold : Weight::Regular, false, 0});
            if (hl) std::rotate(cands.begin(), cands.end() - 1, cands.end());
        }
    // Places already taken: the marker, its label, the icons and the callouts drawn before.
    std::vector<SDL_Rect> taken;
    for (const auto& l : m_labels) taken.push_back(l.rect);
    if (m_here_rect) taken.push_back(*m_here_rect);
    for (const auto& p : map.pois)
        if (p.floor == m_floor && p.kind != wf::PoiKind::Kiosk) {
            wf::Point at = m_view.to_screen(p.at);
            taken.push_back({int(at.x) - icon / 2, int(at.y) - icon / 2, icon, icon});
        }
    const int pad = t.px(6);
    for (size_t k = 0; k < cands.size(); ++k) {
        const Candidate& cd = cands[k];
        if (cd.text.empty()) continue;
        SDL_Point sz = measure(c, cd.text, cd.px, cd.weight);
        // Room and window labels sit on their anchor; facility names try below, above,
        // right and left of the icon.
        std::vector<SDL_Rect> spots;
        int ax = int(cd.at.x), ay = int(cd.at.y);
        if (cd.below) {
            spots = {{ax - sz.x / 2, ay + cd.below, sz.x, sz.y},
                     {ax - sz.x / 2, ay - cd.below - sz.y, sz.x, sz.y},
                     {ax + cd.below + pad, ay - sz.y / 2, sz.x, sz.y},
                     {ax - cd.below - pad - sz.x, ay - sz.y / 2, sz.x, sz.y}};
        } else {
            spots = {{ax - sz.x / 2, ay - sz.y / 2, sz.x, sz.y}};
        }
        bool placed = false;
        SDL_Rect r{};
        for (const SDL_Rect& spot : spots) {
            if (spot.x < bounds.x || spot.y < bounds.y || spot.x + spot.w > bounds.x + bounds.w ||
                spot.y + spot.h > bounds.y + bounds.h)
                continue;
            bool clash = false;
            for (const auto& o : taken)
                if (overlaps(spot, o, pad)) {
                    clash = true;
                    break;
                }
            // The target's label is drawn even when it touches something: it matters most.
            if (clash && !(m_highlight && k == 0)) continue;
            r = spot;
            placed = true;
            break;
        }
        if (!placed) continue;
        if (cd.pill) fill_rounded(c.renderer, {r.x - pad, r.y, r.w + 2 * pad, r.h}, 10, kPill);
        c.text.draw(cd.text, cd.px, cd.weight, kText, r.x, r.y);
        taken.push_back(r);
        m_labels.push_back({cd.text, r});
    }
}

void MapView::draw(Canvas& c) {
    if (!visible) return;
    m_labels.clear();
    m_target_rect.reset();
    m_here_rect.reset();
    SDL_Renderer* r = c.renderer;
    fill_rect(r, bounds, kOutside);
    if (!m_map || m_map->floors.empty()) return;
    ensure_view();
    ensure_meshes();
    SDL_RenderSetClipRect(r, &bounds);
    const Theme& t = c.theme;
    draw_mesh(r, m_meshes->floor, kFloor);
    draw_mesh(r, m_meshes->rooms, kRoom);
    draw_mesh(r, m_meshes->windows, kWindow);
    draw_mesh(r, m_meshes->highlight, kTarget);
    const auto& map = *m_map;
    float thin = float(std::max(2, t.px(2))), thick = float(std::max(4, t.px(4)));
    for (const auto& room : map.rooms)
        if (room.floor == m_floor) draw_outlines(r, room.shape, thin, kRoomEdge);
    for (const auto& w : map.windows)
        if (w.floor == m_floor) draw_outlines(r, w.shape, thin, kWindowEdge);
    draw_outlines(r, map.floors[m_floor].outline, thick, kFloorEdge);
    if (m_highlight && m_highlight->kind != wf::MapHit::Kind::Poi) {
        const wf::Polygon& shape = m_highlight->kind == wf::MapHit::Kind::Window ? map.windows.at(m_highlight->index).shape
                                                                                  : map.rooms.at(m_highlight->index).shape;
        size_t floor = m_highlight->kind == wf::MapHit::Kind::Window ? map.windows[m_highlight->index].floor
                                                                     : map.rooms[m_highlight->index].floor;
        if (floor == m_floor) {
            draw_outlines(r, shape, float(std::max(6, t.px(7))), kTargetEdge);
            auto [lo, hi] = wf::bounds(wf::project(m_view, shape));
            m_target_rect = SDL_Rect{int(lo.x), int(lo.y), int(hi.x - lo.x), int(hi.y - lo.y)};
        }
    }
    draw_route(c);
    draw_pois(c);
    draw_here(c);
    draw_labels(c);
    SDL_RenderSetClipRect(r, nullptr);
    // A frame around the map so it reads as one picture.
    stroke_rounded(r, bounds, 8, 2, c.theme.border);
}

}  // namespace kiosk::screens
