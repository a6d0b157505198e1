// Shortest routes over the hall's walkable graph, across floors, with an elevator-preferring cost model.
#pragma once

#include <string>
#include <vector>

#include "kiosk/wayfinding/hall_map.h"

namespace kiosk::wayfinding {

enum class Access {
    Any,       ///< stairs and escalators allowed (elevators still preferred by cost)
    StepFree,  ///< wheelchairs, prams: only step-free edges (walk, elevator)
};

/// Costs in "metres of walking". Floor changes cost a fixed amount plus a per-level part,
/// so an elevator wins over stairs unless the stairs are much closer.
struct CostModel {
    double elevator_board_m = 12;   ///< waiting for the car
    double elevator_per_level_m = 3;
    double escalator_board_m = 6;
    double escalator_per_level_m = 14;
    double stairs_board_m = 10;
    double stairs_per_level_m = 35;  ///< climbing one storey is hard for many visitors
};

struct RouteOptions {
    Access access = Access::Any;
    CostModel costs;
};

/// The part of a route drawn on one floor (a route that leaves and re-enters a floor has
/// two of these for it).
struct FloorPath {
    size_t floor = 0;
    std::vector<Point> points;
};

struct Route {
    std::vector<NodeIndex> nodes;    ///< from … to
    std::vector<uint32_t> edges;     ///< edges[i] joins nodes[i] and nodes[i+1]
    double walk_m = 0;               ///< horizontal walking distance
    double cost = 0;
    std::vector<FloorPath> floor_paths;
};

/// Shortest route from `from` to `to`. Errors: Errc::NotFound for a node index out of range,
/// Errc::Unavailable when no route exists (the message says whether a route with steps would).
Result<Route> find_route(const HallMap& map, NodeIndex from, NodeIndex to, const RouteOptions& options = {});

/// The same with node ids ("F1-kiosk").
Result<Route> find_route(const HallMap& map, std::string_view from, std::string_view to, const RouteOptions& options = {});

/// Cost of one edge under `options` (infinite when the access mode forbids it).
double edge_cost(const HallMap& map, const Edge& edge, const RouteOptions& options);

/// The phone link for a route: route_url_template with {from} and {to} replaced by the
/// percent-encoded node ids and {mode} by "step_free" or "any". Empty when the map has none.
std::string route_url(const HallMap& map, NodeIndex from, NodeIndex to, Access access = Access::Any);

}  // namespace kiosk::wayfinding
