// Pure geometry for the map view: fit/zoom/pan/rotate a floor into a screen rectangle, project, label, hit-test.
#pragma once

#include <optional>
#include <vector>

#include "kiosk/wayfinding/hall_map.h"
#include "kiosk/wayfinding/router.h"

namespace kiosk::wayfinding {

/// A screen rectangle in pixels (y grows downwards).
struct ScreenRect {
    double x = 0, y = 0, w = 0, h = 0;
};

/// Map metres → screen pixels. "Up" on the screen is `facing_deg` on the map, so what the
/// citizen sees ahead of them is at the top. Immutable; zoom and pan return new transforms.
class ViewTransform {
public:
    ViewTransform() = default;
    /// Fits `outline` (a floor, rotated by the facing) into `viewport` less `margin_px` on each
    /// side, then applies `zoom` (1 = fit) about the viewport centre.
    static ViewTransform fit(const Polygon& outline, ScreenRect viewport, double facing_deg,
                             double zoom = 1.0, double margin_px = 16.0);

    Point to_screen(Point map) const;
    Point to_map(Point screen) const;

    double pixels_per_metre() const { return m_scale; }
    double facing_deg() const { return m_facing_deg; }
    const ScreenRect& viewport() const { return m_viewport; }
    /// Zoom by `factor` keeping the map point under `anchor_px` where it is (pinch, buttons
    /// zoom about the viewport centre). The scale stays within [min_ppm, max_ppm].
    ViewTransform zoomed(double factor, Point anchor_px, double min_ppm = 0.5, double max_ppm = 400) const;
    /// Moves the picture by (dx, dy) pixels (a drag).
    ViewTransform panned(double dx_px, double dy_px) const;
    /// Keeps `map_point` at the same place but centres the view on it.
    ViewTransform centred_on(Point map_point) const;
    /// Screen angle of a map bearing, degrees clockwise from screen-up ("you are here" arrow).
    double screen_angle_deg(double map_bearing_deg) const;

private:
    ScreenRect m_viewport;
    double m_facing_deg = 0;
    double m_scale = 1;        ///< pixels per metre
    Point m_centre_map;        ///< map point drawn at the viewport centre
    double m_cos = 1, m_sin = 0;
};

Polygon project(const ViewTransform& t, const Polygon& map_points);

/// The route's parts on one floor, in screen pixels (a floor may be crossed twice).
std::vector<std::vector<Point>> project_route(const ViewTransform& t, const Route& route, size_t floor);

/// Area-weighted centroid (vertex mean for degenerate polygons).
Point polygon_centroid(const Polygon& poly);
/// Distance from `p` to the polygon's boundary.
double distance_to_boundary(const Polygon& poly, Point p);
/// Where to put a label: the centroid when it lies well inside, else an approximate pole of
/// inaccessibility (grid search, refined twice) so L- and U-shaped rooms get a label inside.
Point label_anchor(const Polygon& poly);

/// What a tap hit on one floor.
struct MapHit {
    enum class Kind { Poi, Window, Room };
    Kind kind = Kind::Room;
    size_t index = 0;  ///< into HallMap::pois, windows or rooms
};

/// What is at `screen_px` on `floor`: a POI within `poi_radius_px` (nearest first), else the
/// window, else the room whose polygon contains the point. nullopt for empty floor.
std::optional<MapHit> hit_test(const HallMap& map, size_t floor, const ViewTransform& t, Point screen_px,
                               double poi_radius_px = 30.0);

/// Bounding box of a polygon in map metres (min x, min y, max x, max y as two points).
std::pair<Point, Point> bounds(const Polygon& poly);

}  // namespace kiosk::wayfinding
