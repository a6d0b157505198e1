// MapView: the map screen's widget: one floor of the hall drawn from vector data, with "you are here", a route, a highlighted target, zoom and pan.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/widget.h"
#include "kiosk/wayfinding/hall_map.h"
#include "kiosk/wayfinding/map_view.h"
#include "kiosk/wayfinding/router.h"

namespace kiosk::screens {

/// The target drawn highlighted (a window, POI or room of the shown floor).
struct MapHighlight {
    wayfinding::MapHit::Kind kind = wayfinding::MapHit::Kind::Window;
    size_t index = 0;
};

/// A floor drawn crisply with SDL_RenderGeometry (polygons triangulated once per floor),
/// labels at a constant screen size (overlapping ones skipped, target first), the kiosk
/// marker with its facing arrow, the route on this floor and the target highlighted.
/// Drag pans, two fingers pinch, zoom_by() serves the +/- buttons, a tap reports a hit.
class MapView : public ui::Widget {
public:
    MapView(std::shared_ptr<const wayfinding::HallMap> map, std::string lang);
    const char* type() const override { return "map"; }
    void draw(ui::Canvas&) override;
    bool on_pointer(const ui::PointerEvent&) override;
    /// "floor=F2 target=window:12 route=F1,F2 zoom=1.00": the state, for dumps and tests.
    std::string text() const override;
    /// The labels drawn last frame, then "target:<id>" and "here" with their screen bounds.
    std::vector<Item> items() const override;

    void set_floor(size_t floor);
    size_t floor() const { return m_floor; }
    void set_here(std::optional<wayfinding::KioskPosition> here) { m_here = here; m_view_valid = false; }
    void set_route(std::optional<wayfinding::Route> route) { m_route = std::move(route); }
    void set_highlight(std::optional<MapHighlight> h) { m_highlight = h; }
    /// Labels for POI kinds ("电梯"); the map's own names are used when a key is missing.
    void set_you_are_here_text(std::string s) { m_here_text = std::move(s); }
    /// "继续前往 2 楼": drawn where the route leaves the shown floor.
    void set_continue_text(std::string s) { m_continue_text = std::move(s); }

    /// Zoom about the viewport centre (the +/- buttons); 1 = the whole floor fits.
    void zoom_by(double factor);
    void zoom_about(double factor, wayfinding::Point anchor_px);
    void pan_by(double dx, double dy);
    void reset_view();
    double zoom() const;
    /// Two-finger pinch, in screen pixels; begin, then update as the fingers move.
    void pinch_begin(wayfinding::Point a, wayfinding::Point b);
    void pinch_update(wayfinding::Point a, wayfinding::Point b);
    void pinch_end() { m_pinching = false; }
    const wayfinding::ViewTransform& view();
    /// What is under a screen point on the shown floor.
    std::optional<wayfinding::MapHit> hit(int x, int y);
    /// Screen point of a map point on the shown floor (tests, callouts).
    wayfinding::Point to_screen(wayfinding::Point p) { return view().to_screen(p); }

    std::function<void(const wayfinding::MapHit&)> on_tap;
    /// Pixels at the right kept free of the fitted floor (buttons drawn over the map).
    int inset_right = 0;
    /// Highlight id as "window:12", "poi:F1-elevator", "room:F1-waiting"; "" when none.
    std::string highlight_id() const;

private:
    struct Mesh {  // triangles of one category, in map metres
        std::vector<wayfinding::Point> points;
        std::vector<int> indices;
    };
    struct FloorMeshes {
        Mesh floor, rooms, windows, highlight;
        std::vector<wayfinding::Point> window_anchors, room_anchors;  ///< label places, by index (map metres)
    };
    struct PlacedLabel {
        std::string text;
        SDL_Rect rect;
    };
    void ensure_view();
    void ensure_meshes();
    void draw_mesh(SDL_Renderer* r, const Mesh& m, SDL_Color c);
    void draw_outlines(SDL_Renderer* r, const wayfinding::Polygon& poly, float width, SDL_Color c);
    void draw_route(ui::Canvas& c);
    void draw_pois(ui::Canvas& c);
    void draw_here(ui::Canvas& c);
    void draw_labels(ui::Canvas& c);
    SDL_Point measure(ui::Canvas& c, const std::string& s, int px, ui::Weight w);
    bool touching_fingers(wayfinding::Point& a, wayfinding::Point& b) const;

    std::shared_ptr<const wayfinding::HallMap> m_map;
    std::string m_lang;
    size_t m_floor = 0;
    std::optional<wayfinding::KioskPosition> m_here;
    std::optional<wayfinding::Route> m_route;
    std::optional<MapHighlight> m_highlight;
    std::string m_here_text, m_continue_text;

    wayfinding::ViewTransform m_view;
    bool m_view_valid = false;
    SDL_Rect m_view_bounds{0, 0, 0, 0};
    double m_fit_ppm = 1;
    std::optional<FloorMeshes> m_meshes;
    size_t m_meshes_floor = SIZE_MAX;
    std::optional<MapHighlight> m_meshes_highlight;
    std::vector<SDL_Vertex> m_scratch;
    std::map<std::pair<std::string, int>, SDL_Point> m_sizes;
    std::vector<PlacedLabel> m_labels;
    std::optional<SDL_Rect> m_target_rect, m_here_rect;

    // Touch state: a tap is a Down and Up within a small distance; more is a drag.
    bool m_down = false, m_dragged = false, m_pinching = false;
    wayfinding::Point m_down_at, m_last_at;
    double m_pinch_dist = 0;
    wayfinding::Point m_pinch_mid;
};

/// Triangulates a simple polygon (either winding) by ear clipping; indices into `poly`.
std::vector<int> triangulate(const wayfinding::Polygon& poly);

}  // namespace kiosk::screens
