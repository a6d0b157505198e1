// Dijkstra over the hall graph (binary heap); the graph is small, so no A* heuristic is needed.
#include "router.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <queue>

namespace kiosk::wayfinding {

double edge_cost(const HallMap& map, const Edge& e, const RouteOptions& o) {
    if (o.access == Access::StepFree && !e.step_free) return std::numeric_limits<double>::infinity();
    const Node& a = map.nodes[e.from];
    const Node& b = map.nodes[e.to];
    double levels = std::abs(map.floors[a.floor].level - map.floors[b.floor].level);
    switch (e.kind) {
        case EdgeKind::Walk: return e.length_m;
        case EdgeKind::Elevator: return e.length_m + o.costs.elevator_board_m + o.costs.elevator_per_level_m * levels;
        case EdgeKind::Escalator: return e.length_m + o.costs.escalator_board_m + o.costs.escalator_per_level_m * levels;
        case EdgeKind::Stairs: return e.length_m + o.costs.stairs_board_m + o.costs.stairs_per_level_m * levels;
    }
    return e.length_m;
}

namespace {

struct Search {
    std::vector<double> dist;
    std::vector<uint32_t> via;  ///< edge used to reach the node
};

Search dijkstra(const HallMap& map, NodeIndex from, NodeIndex to, const RouteOptions& o) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    Search s{std::vector<double>(map.nodes.size(), inf), std::vector<uint32_t>(map.nodes.size(), UINT32_MAX)};
    using Item = std::pair<double, NodeIndex>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    s.dist[from] = 0;
    heap.push({0.0, from});
    while (!heap.empty()) {
        auto [d, n] = heap.top();
        heap.pop();
        if (d > s.dist[n]) continue;
        if (n == to) break;
        for (const Arc& a : map.adjacency[n]) {
            double c = edge_cost(map, map.edges[a.edge], o);
            if (c == inf) continue;
            double nd = d + c;
            if (nd < s.dist[a.to]) {
                s.dist[a.to] = nd;
                s.via[a.to] = a.edge;
                heap.push({nd, a.to});
            }
        }
    }
    return s;
}

}  // namespace

Result<Route> find_route(const HallMap& map, NodeIndex from, NodeIndex to, const RouteOptions& o) {
    if (from >= map.nodes.size() || to >= map.nodes.size() || map.adjacency.size() != map.nodes.size())
        return make_error(Errc::NotFound, "route: node index out of range");
    Search s = dijkstra(map, from, to, o);
    if (!std::isfinite(s.dist[to])) {
        std::string msg = "no route from '" + map.nodes[from].id + "' to '" + map.nodes[to].id + "'";
        if (o.access == Access::StepFree) {
            RouteOptions any = o;
            any.access = Access::Any;
            msg = std::isfinite(dijkstra(map, from, to, any).dist[to])
                      ? "no step-free route from '" + map.nodes[from].id + "' to '" + map.nodes[to].id + "' (only a route with stairs or escalators exists)"
                      : msg + " (not connected on the map)";
        } else {
            msg += " (not connected on the map)";
        }
        return make_error(Errc::Unavailable, msg);
    }
    Route r;
    r.cost = s.dist[to];
    for (NodeIndex n = to; n != from;) {
        uint32_t e = s.via[n];
        r.nodes.push_back(n);
        r.edges.push_back(e);
        const Edge& edge = map.edges[e];
        n = edge.from == n ? edge.to : edge.from;
    }
    r.nodes.push_back(from);
    std::reverse(r.nodes.begin(), r.nodes.end());
    std::reverse(r.edges.begin(), r.edges.end());
    for (size_t i = 0; i < r.nodes.size(); ++i) {
        const Node& n = map.nodes[r.nodes[i]];
        if (r.floor_paths.empty() || r.floor_paths.back().floor != n.floor) r.floor_paths.push_back({n.floor, {}});
        r.floor_paths.back().points.push_back(n.at);
        if (i > 0) r.walk_m += map.edges[r.edges[i - 1]].length_m;
    }
    return r;
}

Result<Route> find_route(const HallMap& map, std::string_view from, std::string_view to, const RouteOptions& o) {
    auto a = map.find_node(from);
    if (!a) return make_error(Errc::NotFound, "route: unknown node '" + std::string(from) + "'");
    auto b = map.find_node(to);
    if (!b) return make_error(Errc::NotFound, "route: unknown node '" + std::string(to) + "'");
    return find_route(map, *a, *b, o);
}

namespace {
std::string percent_encode(std::string_view s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

void replace_all(std::string& s, std::string_view what, const std::string& with) {
    for (size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + with.size()))
        s.replace(pos, what.size(), with);
}
}  // namespace

std::string route_url(const HallMap& map, NodeIndex from, NodeIndex to, Access access) {
    if (map.route_url_template.empty() || from >= map.nodes.size() || to >= map.nodes.size()) return {};
    std::string url = map.route_url_template;
    replace_all(url, "{from}", percent_encode(map.nodes[from].id));
    replace_all(url, "{to}", percent_encode(map.nodes[to].id));
    replace_all(url, "{mode}", access == Access::StepFree ? "step_free" : "any");
    return url;
}

}  // namespace kiosk::wayfinding
