// The hall map: floors, rooms, windows, points of interest and the walkable graph, parsed from map.json.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/result.h"

namespace kiosk::wayfinding {

/// A point in metres on a floor: x grows to the east, y grows to the north.
struct Point {
    double x = 0;
    double y = 0;
};
using Polygon = std::vector<Point>;

/// Text in the map's languages ({"zh-CN": "...", "en": "..."}). `get` falls back to zh-CN,
/// then to any language present.
struct LocalText {
    std::map<std::string, std::string, std::less<>> by_lang;
    const std::string& get(std::string_view lang) const;
    bool empty() const { return by_lang.empty(); }
};

using NodeIndex = uint32_t;
inline constexpr NodeIndex kNoNode = UINT32_MAX;

struct Floor {
    std::string id;     ///< "F1"
    int level = 0;      ///< 1, 2, …; basements negative. Floor changes cost by level difference.
    LocalText name;     ///< "1 楼" / "1F"
    Polygon outline;
};

enum class PoiKind {
    Elevator, Stairs, Escalator, Restroom, AccessibleRestroom, ServiceDesk,
    SelfService, PrintCopy, Exit, Parking, Kiosk,
};
/// "elevator", "stairs", … as written in map.json.
const char* poi_kind_name(PoiKind);
std::optional<PoiKind> poi_kind_from_name(std::string_view);

struct Department {
    std::string id;
    LocalText name;
    std::vector<std::string> aliases;  ///< extra search words ("不动产", "房产")
};

struct Room {
    std::string id;
    size_t floor = 0;          ///< index into HallMap::floors
    LocalText name;
    Polygon shape;
    NodeIndex node = kNoNode;  ///< optional entrance node
};

struct Window {
    int number = 0;            ///< the number on the sign above the counter
    size_t floor = 0;
    /// Department ids served here, the main one first ("departments": [...] or "department": "id"
    /// in map.json); general-intake windows serve several.
    std::vector<std::string> departments;
    Polygon shape;
    NodeIndex node = kNoNode;  ///< where the citizen stands at the counter
};

struct Poi {
    std::string id;
    PoiKind kind = PoiKind::Exit;
    size_t floor = 0;
    Point at;
    LocalText name;
    NodeIndex node = kNoNode;
    /// Direction one faces on stepping out (elevator door), degrees clockwise from north;
    /// absent: turned around for an elevator, unchanged for stairs and escalators.
    std::optional<double> exit_deg;
    std::vector<std::string> aliases;
};

struct Node {
    std::string id;
    size_t floor = 0;
    Point at;
};

enum class EdgeKind { Walk, Stairs, Escalator, Elevator };
const char* edge_kind_name(EdgeKind);

struct Edge {
    NodeIndex from = kNoNode;
    NodeIndex to = kNoNode;
    EdgeKind kind = EdgeKind::Walk;
    bool step_free = true;   ///< default: true for walk and elevator, false for stairs and escalator
    bool one_way = false;    ///< escalators that run only from → to
    double length_m = 0;     ///< walking length (horizontal distance; given or computed)
};

/// Where a kiosk may stand: its node and the direction the citizen faces at the screen.
struct KioskSpot {
    std::string id;
    NodeIndex node = kNoNode;
    double facing_deg = 0;
};

/// One outgoing arc of the adjacency list (an Edge seen from one end).
struct Arc {
    NodeIndex to = kNoNode;
    uint32_t edge = 0;
};

struct HallMap {
    LocalText name;
    std::string route_url_template;  ///< "https://…/route?from={from}&to={to}"
    std::vector<Floor> floors;
    std::vector<Department> departments;
    std::vector<Room> rooms;
    std::vector<Window> windows;
    std::vector<Poi> pois;
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    std::vector<KioskSpot> kiosks;   ///< the first is the default
    std::vector<std::vector<Arc>> adjacency;  ///< per node; one-way edges appear only at `from`

    std::optional<NodeIndex> find_node(std::string_view id) const;
    std::optional<size_t> find_floor(std::string_view id) const;
    const Department* find_department(std::string_view id) const;
    const Window* find_window(int number) const;
    const Poi* find_poi(std::string_view id) const;
    /// The POI standing on `node`, preferring `kind` when given.
    const Poi* poi_at_node(NodeIndex node, std::optional<PoiKind> kind = std::nullopt) const;
};

/// One finding of the map check. json_path is written as the content checker writes paths:
/// "edges[3].to", "floors[0].outline[1]", "" for the whole document.
struct MapProblem {
    enum class Severity { Error, Warning };
    std::string json_path;
    std::string message;
    Severity severity = Severity::Error;
};

/// Parses and checks map.json. Every problem found is appended to `problems` (not just the
/// first); the result is an error (Errc::InvalidInput) when any problem is an Error, and the
/// map when there are only warnings (such as a POI no kiosk can reach).
Result<HallMap> parse_hall_map(const nlohmann::json& doc, std::vector<MapProblem>& problems);

/// Reads and parses a map file (JSON syntax errors become a problem at path "").
Result<HallMap> load_hall_map(const std::string& path, std::vector<MapProblem>& problems);

/// Where this kiosk stands and faces. `config_node` (wayfinding.kiosk_node) may be a kiosk
/// spot id or a node id; empty means the map's first kiosk spot. `config_facing_deg`
/// (wayfinding.facing_deg) wins when non-zero; 0 means "the spot's default facing" (write
/// 360 to force north).
struct KioskPosition {
    NodeIndex node = kNoNode;
    double facing_deg = 0;
};
Result<KioskPosition> kiosk_position(const HallMap& map, const std::string& config_node,
                                     double config_facing_deg);

/// Ray-casting point-in-polygon test.
bool polygon_contains(const Polygon& poly, Point p);

}  // namespace kiosk::wayfinding
