// View transform, projection, label anchors and hit-testing for the map view (no SDL here).
#include "map_view.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kiosk::wayfinding {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

std::pair<Point, Point> bounds(const Polygon& poly) {
    Point lo{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
    Point hi{-lo.x, -lo.y};
    for (const Point& p : poly) {
        lo.x = std::min(lo.x, p.x);
        lo.y = std::min(lo.y, p.y);
        hi.x = std::max(hi.x, p.x);
        hi.y = std::max(hi.y, p.y);
    }
    if (poly.empty()) lo = hi = Point{};
    return {lo, hi};
}

ViewTransform ViewTransform::fit(const Polygon& outline, ScreenRect viewport, double facing_deg, double zoom,
                                 double margin_px) {
    ViewTransform t;
    t.m_viewport = viewport;
    t.m_facing_deg = facing_deg;
    double f = facing_deg * kPi / 180.0;
    t.m_cos = std::cos(f);
    t.m_sin = std::sin(f);
    // Rotate the outline into view orientation (facing → up) and take its bounding box.
    Polygon rotated;
    for (const Point& p : outline) rotated.push_back({p.x * t.m_cos - p.y * t.m_sin, p.x * t.m_sin + p.y * t.m_cos});
    auto [lo, hi] = bounds(rotated);
    double bw = std::max(hi.x - lo.x, 1e-6), bh = std::max(hi.y - lo.y, 1e-6);
    double aw = std::max(viewport.w - 2 * margin_px, 1.0), ah = std::max(viewport.h - 2 * margin_px, 1.0);
    t.m_scale = std::min(aw / bw, ah / bh) * (zoom > 0 ? zoom : 1.0);
    // Centre of the rotated box, rotated back to map coordinates.
    Point c{(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
    t.m_centre_map = {c.x * t.m_cos + c.y * t.m_sin, -c.x * t.m_sin + c.y * t.m_cos};
    return t;
}

Point ViewTransform::to_screen(Point m) const {
    double dx = m.x - m_centre_map.x, dy = m.y - m_centre_map.y;
    // Counter-clockwise by the facing: a vector with bearing == facing points to screen-up.
    double rx = dx * m_cos - dy * m_sin;
    double ry = dx * m_sin + dy * m_cos;
    return {m_viewport.x + m_viewport.w / 2 + rx * m_scale, m_viewport.y + m_viewport.h / 2 - ry * m_scale};
}

Point ViewTransform::to_map(Point s) const {
    double rx = (s.x - m_viewport.x - m_viewport.w / 2) / m_scale;
    double ry = -(s.y - m_viewport.y - m_viewport.h / 2) / m_scale;
    return {m_centre_map.x + rx * m_cos + ry * m_sin, m_centre_map.y - rx * m_sin + ry * m_cos};
}

ViewTransform ViewTransform::zoomed(double factor, Point anchor, double min_ppm, double max_ppm) const {
    ViewTransform t = *this;
    Point under = to_map(anchor);
    t.m_scale = std::clamp(m_scale * factor, min_ppm, max_ppm);
    // Shift so `under` is drawn at `anchor` again.
    Point now = t.to_map(anchor);
    t.m_centre_map.x += under.x - now.x;
    t.m_centre_map.y += under.y - now.y;
    return t;
}

ViewTransform ViewTransform::panned(double dx, double dy) const {
    ViewTransform t = *this;
    Point c{m_viewport.x + m_viewport.w / 2, m_viewport.y + m_viewport.h / 2};
    t.m_centre_map = to_map({c.x - dx, c.y - dy});
    return t;
}

ViewTransform ViewTransform::centred_on(Point p) const {
    ViewTransform t = *this;
    t.m_centre_map = p;
    return t;
}

double ViewTransform::screen_angle_deg(double bearing) const {
    double d = std::fmod(bearing - m_facing_deg, 360.0);
    return d < 0 ? d + 360 : d;
}

Polygon project(const ViewTransform& t, const Polygon& pts) {
    Polygon out;
    out.reserve(pts.size());
    for (const Point& p : pts) out.push_back(t.to_screen(p));
    return out;
}

std::vector<std::vector<Point>> project_route(const ViewTransform& t, const Route& route, size_t floor) {
    std::vector<std::vector<Point>> out;
    for (const FloorPath& fp : route.floor_paths)
        if (fp.floor == floor) out.push_back(project(t, fp.points));
    return out;
}

Point polygon_centroid(const Polygon& poly) {
    double a = 0, cx = 0, cy = 0;
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        double cr = poly[j].x * poly[i].y - poly[i].x * poly[j].y;
        a += cr;
        cx += (poly[j].x + poly[i].x) * cr;
        cy += (poly[j].y + poly[i].y) * cr;
    }
    if (std::abs(a) < 1e-12) {
        Point m{};
        for (const Point& p : poly) {
            m.x += p.x;
            m.y += p.y;
        }
        if (!poly.empty()) {
            m.x /= poly.size();
            m.y /= poly.size();
        }
        return m;
    }
    return {cx / (3 * a), cy / (3 * a)};
}

double distance_to_boundary(const Polygon& poly, Point p) {
    double best = std::numeric_limits<double>::max();
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        Point a = poly[j], b = poly[i];
        double vx = b.x - a.x, vy = b.y - a.y;
        double len2 = vx * vx + vy * vy;
        double u = len2 > 0 ? std::clamp(((p.x - a.x) * vx + (p.y - a.y) * vy) / len2, 0.0, 1.0) : 0.0;
        best = std::min(best, std::hypot(p.x - (a.x + u * vx), p.y - (a.y + u * vy)));
    }
    return best;
}

Point label_anchor(const Polygon& poly) {
    if (poly.size() < 3) return polygon_centroid(poly);
    auto [lo, hi] = bounds(poly);
    Point c = polygon_centroid(poly);
    double c_score = polygon_contains(poly, c) ? distance_to_boundary(poly, c) : -1;
    // A centroid at least a quarter of the smaller side away from every wall is good enough.
    if (c_score >= 0.25 * std::min(hi.x - lo.x, hi.y - lo.y) * 0.9) return c;
    Point best = c;
    double best_score = c_score;
    double cell_w = (hi.x - lo.x) / 12, cell_h = (hi.y - lo.y) / 12;
    Point centre{(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
    for (int round = 0; round < 3; ++round) {
        Point search_centre = round == 0 ? centre : best;
        for (int iy = -6; iy <= 6; ++iy)
            for (int ix = -6; ix <= 6; ++ix) {
                Point p{search_centre.x + ix * cell_w, search_centre.y + iy * cell_h};
                if (!polygon_contains(poly, p)) continue;
                double s = distance_to_boundary(poly, p);
                if (s > best_score) {
                    best_score = s;
                    best = p;
                }
            }
        cell_w /= 6;
        cell_h /= 6;
    }
    return best;
}

std::optional<MapHit> hit_test(const HallMap& map, size_t floor, const ViewTransform& t, Point s, double poi_radius_px) {
    std::optional<MapHit> hit;
    double best = poi_radius_px;
    for (size_t i = 0; i < map.pois.size(); ++i) {
        if (map.pois[i].floor != floor) continue;
        Point p = t.to_screen(map.pois[i].at);
        double d = std::hypot(p.x - s.x, p.y - s.y);
        if (d <= best) {
            best = d;
            hit = MapHit{MapHit::Kind::Poi, i};
        }
    }
    if (hit) return hit;
    Point m = t.to_map(s);
    for (size_t i = 0; i < map.windows.size(); ++i)
        if (map.windows[i].floor == floor && polygon_contains(map.windows[i].shape, m)) return MapHit{MapHit::Kind::Window, i};
    // Smallest containing room wins (a room drawn inside a larger zone).
    double best_area = std::numeric_limits<double>::max();
    for (size_t i = 0; i < map.rooms.size(); ++i) {
        if (map.rooms[i].floor != floor || !polygon_contains(map.rooms[i].shape, m)) continue;
        auto [lo, hi] = bounds(map.rooms[i].shape);
        double area = (hi.x - lo.x) * (hi.y - lo.y);
        if (area < best_area) {
            best_area = area;
            hit = MapHit{MapHit::Kind::Room, i};
        }
    }
    return hit;
}

}  // namespace kiosk::wayfinding
