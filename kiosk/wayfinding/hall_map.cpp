// Parsing and checking of map.json into a HallMap; every problem is reported with its JSON path.
#include "hall_map.h"

#include <cmath>
#include <fstream>
#include <queue>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace kiosk::wayfinding {

using nlohmann::json;

const std::string& LocalText::get(std::string_view lang) const {
    static const std::string empty_text;
    if (auto it = by_lang.find(lang); it != by_lang.end()) return it->second;
    if (auto it = by_lang.find("zh-CN"); it != by_lang.end()) return it->second;
    return by_lang.empty() ? empty_text : by_lang.begin()->second;
}

namespace {

struct KindName {
    PoiKind kind;
    const char* name;
};
constexpr KindName kPoiKinds[] = {
    {PoiKind::Elevator, "elevator"},       {PoiKind::Stairs, "stairs"},
    {PoiKind::Escalator, "escalator"},     {PoiKind::Restroom, "restroom"},
    {PoiKind::AccessibleRestroom, "accessible_restroom"},
    {PoiKind::ServiceDesk, "service_desk"}, {PoiKind::SelfService, "self_service"},
    {PoiKind::PrintCopy, "print_copy"},    {PoiKind::Exit, "exit"},
    {PoiKind::Parking, "parking"},         {PoiKind::Kiosk, "kiosk"},
};

}  // namespace

const char* poi_kind_name(PoiKind k) {
    for (const auto& e : kPoiKinds)
        if (e.kind == k) return e.name;
    return "?";
}

std::optional<PoiKind> poi_kind_from_name(std::string_view s) {
    for (const auto& e : kPoiKinds)
        if (s == e.name) return e.kind;
    return std::nullopt;
}

const char* edge_kind_name(EdgeKind k) {
    switch (k) {
        case EdgeKind::Walk: return "walk";
        case EdgeKind::Stairs: return "stairs";
        case EdgeKind::Escalator: return "escalator";
        case EdgeKind::Elevator: return "elevator";
    }
    return "?";
}

std::optional<NodeIndex> HallMap::find_node(std::string_view id) const {
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id) return static_cast<NodeIndex>(i);
    return std::nullopt;
}

std::optional<size_t> HallMap::find_floor(std::string_view id) const {
    for (size_t i = 0; i < floors.size(); ++i)
        if (floors[i].id == id) return i;
    return std::nullopt;
}

const Department* HallMap::find_department(std::string_view id) const {
    for (const auto& d : departments)
        if (d.id == id) return &d;
    return nullptr;
}

const Window* HallMap::find_window(int number) const {
    for (const auto& w : windows)
        if (w.number == number) return &w;
    return nullptr;
}

const Poi* HallMap::find_poi(std::string_view id) const {
    for (const auto& p : pois)
        if (p.id == id) return &p;
    return nullptr;
}

const Poi* HallMap::poi_at_node(NodeIndex node, std::optional<PoiKind> kind) const {
    const Poi* any = nullptr;
    for (const auto& p : pois) {
        if (p.node != node) continue;
        if (!kind || p.kind == *kind) return &p;
        if (!any) any = &p;
    }
    return kind ? nullptr : any;
}

bool polygon_contains(const Polygon& poly, Point p) {
    bool inside = false;
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        const Point& a = poly[i];
        const Point& b = poly[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
}

namespace {

/// Paths are written as the content checker writes them: "edges[3].to", "floors[0].outline[1]".
std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

/// Collects problems while walking the document; every accessor reports what is wrong and
/// returns a neutral value so the walk goes on.
class Checker {
public:
    explicit Checker(std::vector<MapProblem>& out) : m_out(out) {}

    void error(std::string path, std::string msg) {
        m_out.push_back({std::move(path), std::move(msg), MapProblem::Severity::Error});
        ++m_errors;
    }
    void warn(std::string path, std::string msg) {
        m_out.push_back({std::move(path), std::move(msg), MapProblem::Severity::Warning});
    }
    int errors() const { return m_errors; }

    const json* array(const json& obj, const char* key, const std::string& path, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error(join(path, key), std::string("missing array '") + key + "'");
            return nullptr;
        }
        if (!it->is_array()) {
            error(join(path, key), std::string("'") + key + "' must be an array");
            return nullptr;
        }
        return &*it;
    }

    std::string string(const json& obj, const char* key, const std::string& path, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error(join(path, key), std::string("missing '") + key + "'");
            return {};
        }
        if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
            error(join(path, key), std::string("'") + key + "' must be a non-empty string");
            return {};
        }
        return it->get<std::string>();
    }

    std::optional<double> number(const json& obj, const char* key, const std::string& path, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error(join(path, key), std::string("missing number '") + key + "'");
            return std::nullopt;
        }
        if (!it->is_number()) {
            error(join(path, key), std::string("'") + key + "' must be a number");
            return std::nullopt;
        }
        return it->get<double>();
    }

    std::optional<Point> point(const json& v, const std::string& path) {
        if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) {
            error(path, "a point must be [x, y] in metres");
            return std::nullopt;
        }
        Point p{v[0].get<double>(), v[1].get<double>()};
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
            error(path, "point is not finite");
            return std::nullopt;
        }
        return p;
    }

    Polygon polygon(const json& obj, const char* key, const std::string& path, bool required) {
        Polygon poly;
        const json* arr = array(obj, key, path, required);
        if (!arr) return poly;
        std::string p = join(path, key);
        for (size_t i = 0; i < arr->size(); ++i)
            if (auto pt = point((*arr)[i], p + "[" + std::to_string(i) + "]")) poly.push_back(*pt);
        if (poly.size() < 3) {
            error(p, "a polygon needs at least 3 points (has " + std::to_string(poly.size()) + ")");
            poly.clear();
        }
        return poly;
    }

    LocalText text(const json& obj, const char* key, const std::string& path, bool required) {
        LocalText t;
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error(join(path, key), std::string("missing '") + key + "'");
            return t;
        }
        if (it->is_string()) {
            t.by_lang["zh-CN"] = it->get<std::string>();
            return t;
        }
        if (!it->is_object()) {
            error(join(path, key), "a name is a string or an object {\"zh-CN\": …, \"en\": …}");
            return t;
        }
        for (auto& [lang, v] : it->items()) {
            if (!v.is_string()) {
                error(join(path, key) + "." + lang, "name text must be a string");
                continue;
            }
            t.by_lang[lang] = v.get<std::string>();
        }
        if (required && t.empty()) error(join(path, key), "name has no text");
        return t;
    }

    std::vector<std::string> strings(const json& obj, const char* key, const std::string& path) {
        std::vector<std::string> out;
        const json* arr = array(obj, key, path, false);
        if (!arr) return out;
        for (size_t i = 0; i < arr->size(); ++i) {
            if ((*arr)[i].is_string())
                out.push_back((*arr)[i].get<std::string>());
            else
                error(join(path, key) + "[" + std::to_string(i) + "]", "must be a string");
        }
        return out;
    }

    /// Resolves a floor reference; reports unknown floors.
    std::optional<size_t> floor_ref(const HallMap& m, const json& obj, const std::string& path) {
        std::string id = string(obj, "floor", path, true);
        if (id.empty()) return std::nullopt;
        auto f = m.find_floor(id);
        if (!f) error(path + ".floor", "unknown floor '" + id + "'");
        return f;
    }

    /// Resolves a node reference (optional unless `required`); checks it is on `floor`.
    NodeIndex node_ref(const std::map<std::string, NodeIndex, std::less<>>& ids, const HallMap& m,
                       const json& obj, const char* key, const std::string& path, bool required,
                       std::optional<size_t> floor) {
        if (!obj.contains(key) && !required) return kNoNode;
        std::string id = string(obj, key, path, required);
        if (id.empty()) return kNoNode;
        auto it = ids.find(id);
        if (it == ids.end()) {
            error(join(path, key), "unknown node '" + id + "'");
            return kNoNode;
        }
        if (floor && m.nodes[it->second].floor != *floor)
            error(join(path, key), "node '" + id + "' is on floor '" + m.floors[m.nodes[it->second].floor].id +
                                        "', not on floor '" + m.floors[*floor].id + "'");
        return it->second;
    }

private:
    std::vector<MapProblem>& m_out;
    int m_errors = 0;
};

double distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

Result<HallMap> parse_hall_map(const json& doc, std::vector<MapProblem>& problems) {
    Checker c(problems);
    HallMap m;
    if (!doc.is_object()) {
        c.error("", "map.json must be a JSON object");
        return make_error(Errc::InvalidInput, "map: not a JSON object");
    }
    m.name = c.text(doc, "name", "", false);
    if (doc.contains("route_url")) {
        m.route_url_template = c.string(doc, "route_url", "", true);
        if (!m.route_url_template.empty() && (m.route_url_template.find("{to}") == std::string::npos ||
                                              m.route_url_template.rfind("https://", 0) != 0))
            c.error("route_url", "route_url must be an https:// URL containing {to}");
    }

    // Floors.
    std::set<std::string> seen;
    if (const json* floors = c.array(doc, "floors", "", true)) {
        if (floors->empty()) c.error("floors", "the map has no floor");
        for (size_t i = 0; i < floors->size(); ++i) {
            std::string p = "floors[" + std::to_string(i) + "]";
            const json& f = (*floors)[i];
            if (!f.is_object()) { c.error(p, "a floor must be an object"); continue; }
            Floor fl;
            fl.id = c.string(f, "id", p, true);
            if (!fl.id.empty() && !seen.insert(fl.id).second) c.error(p + ".id", "duplicate floor id '" + fl.id + "'");
            auto level = c.number(f, "level", p, true);
            if (level && *level != std::floor(*level)) c.error(p + ".level", "level must be a whole number");
            fl.level = level ? static_cast<int>(*level) : 0;
            fl.name = c.text(f, "name", p, true);
            fl.outline = c.polygon(f, "outline", p, true);
            m.floors.push_back(std::move(fl));
        }
    }

    // Nodes.
    std::map<std::string, NodeIndex, std::less<>> node_ids;
    if (const json* nodes = c.array(doc, "nodes", "", true)) {
        for (size_t i = 0; i < nodes->size(); ++i) {
            std::string p = "nodes[" + std::to_string(i) + "]";
            const json& n = (*nodes)[i];
            if (!n.is_object()) { c.error(p, "a node must be an object"); continue; }
            Node node;
            node.id = c.string(n, "id", p, true);
            auto fl = c.floor_ref(m, n, p);
            std::optional<Point> at;
            if (n.contains("at")) at = c.point(n["at"], p + ".at"); else c.error(p + ".at", "missing 'at'");
            if (node.id.empty() || !fl || !at) continue;
            if (node_ids.count(node.id)) { c.error(p + ".id", "duplicate node id '" + node.id + "'"); continue; }
            node.floor = *fl;
            node.at = *at;
            node_ids[node.id] = static_cast<NodeIndex>(m.nodes.size());
            m.nodes.push_back(std::move(node));
        }
    }

    // Edges.
    if (const json* edges = c.array(doc, "edges", "", true)) {
        for (size_t i = 0; i < edges->size(); ++i) {
            std::string p = "edges[" + std::to_string(i) + "]";
            const json& e = (*edges)[i];
            if (!e.is_object()) { c.error(p, "an edge must be an object"); continue; }
            Edge edge;
            std::string kind = e.contains("kind") ? c.string(e, "kind", p, true) : "walk";
            if (kind == "walk") edge.kind = EdgeKind::Walk;
            else if (kind == "stairs") edge.kind = EdgeKind::Stairs;
            else if (kind == "escalator") edge.kind = EdgeKind::Escalator;
            else if (kind == "elevator") edge.kind = EdgeKind::Elevator;
            else if (!kind.empty()) c.error(p + ".kind", "unknown edge kind '" + kind + "' (walk, stairs, escalator, elevator)");
            edge.from = c.node_ref(node_ids, m, e, "from", p, true, std::nullopt);
            edge.to = c.node_ref(node_ids, m, e, "to", p, true, std::nullopt);
            edge.step_free = edge.kind == EdgeKind::Walk || edge.kind == EdgeKind::Elevator;
            if (e.contains("step_free")) {
                if (e["step_free"].is_boolean()) edge.step_free = e["step_free"].get<bool>();
                else c.error(p + ".step_free", "step_free must be true or false");
            }
            if (e.contains("one_way")) {
                if (e["one_way"].is_boolean()) edge.one_way = e["one_way"].get<bool>();
                else c.error(p + ".one_way", "one_way must be true or false");
            }
            if (edge.from == kNoNode || edge.to == kNoNode) continue;
            if (edge.from == edge.to) { c.error(p, "edge joins a node to itself"); continue; }
            const Node& a = m.nodes[edge.from];
            const Node& b = m.nodes[edge.to];
            bool same_floor = a.floor == b.floor;
            if (edge.kind == EdgeKind::Walk && !same_floor)
                c.error(p, "a walk edge must stay on one floor ('" + a.id + "' and '" + b.id + "' differ); use stairs, escalator or elevator");
            if (edge.kind != EdgeKind::Walk && same_floor)
                c.error(p, std::string("a ") + edge_kind_name(edge.kind) + " edge must join two floors");
            edge.length_m = same_floor ? distance(a.at, b.at) : 0.0;
            if (auto len = c.number(e, "length", p, false)) {
                if (*len < 0 || !std::isfinite(*len)) c.error(p + ".length", "length must be >= 0");
                else edge.length_m = *len;
            }
            m.edges.push_back(edge);
        }
    }
    m.adjacency.assign(m.nodes.size(), {});
    for (uint32_t i = 0; i < m.edges.size(); ++i) {
        const Edge& e = m.edges[i];
        m.adjacency[e.from].push_back({e.to, i});
        if (!e.one_way) m.adjacency[e.to].push_back({e.from, i});
    }

    // Departments.
    seen.clear();
    if (const json* deps = c.array(doc, "departments", "", false)) {
        for (size_t i = 0; i < deps->size(); ++i) {
            std::string p = "departments[" + std::to_string(i) + "]";
            const json& d = (*deps)[i];
            if (!d.is_object()) { c.error(p, "a department must be an object"); continue; }
            Department dep;
            dep.id = c.string(d, "id", p, true);
            if (!dep.id.empty() && !seen.insert(dep.id).second) c.error(p + ".id", "duplicate department id '" + dep.id + "'");
            dep.name = c.text(d, "name", p, true);
            dep.aliases = c.strings(d, "aliases", p);
            m.departments.push_back(std::move(dep));
        }
    }

    // Rooms.
    seen.clear();
    if (const json* rooms = c.array(doc, "rooms", "", false)) {
        for (size_t i = 0; i < rooms->size(); ++i) {
            std::string p = "rooms[" + std::to_string(i) + "]";
            const json& r = (*rooms)[i];
            if (!r.is_object()) { c.error(p, "a room must be an object"); continue; }
            Room room;
            room.id = c.string(r, "id", p, true);
            if (!room.id.empty() && !seen.insert(room.id).second) c.error(p + ".id", "duplicate room id '" + room.id + "'");
            auto fl = c.floor_ref(m, r, p);
            room.name = c.text(r, "name", p, false);
            room.shape = c.polygon(r, "polygon", p, true);
            room.node = c.node_ref(node_ids, m, r, "node", p, false, fl);
            if (!fl) continue;
            room.floor = *fl;
            m.rooms.push_back(std::move(room));
        }
    }

    // Windows.
    std::set<int> numbers;
    if (const json* wins = c.array(doc, "windows", "", false)) {
        for (size_t i = 0; i < wins->size(); ++i) {
            std::string p = "windows[" + std::to_string(i) + "]";
            const json& w = (*wins)[i];
            if (!w.is_object()) { c.error(p, "a window must be an object"); continue; }
            Window win;
            auto it = w.find("number");
            if (it == w.end()) c.error(p + ".number", "window without number");
            else if (!it->is_number_integer() || it->get<int64_t>() <= 0 || it->get<int64_t>() > 9999)
                c.error(p + ".number", "window number must be a whole number from 1 to 9999");
            else win.number = it->get<int>();
            if (win.number && !numbers.insert(win.number).second)
                c.error(p + ".number", "duplicate window number " + std::to_string(win.number));
            auto fl = c.floor_ref(m, w, p);
            if (w.contains("department")) {
                std::string d = c.string(w, "department", p, true);
                if (!d.empty() && !m.find_department(d)) c.error(p + ".department", "unknown department '" + d + "'");
                if (!d.empty()) win.departments.push_back(d);
            }
            std::vector<std::string> more = c.strings(w, "departments", p);
            for (size_t k = 0; k < more.size(); ++k) {
                if (!m.find_department(more[k]))
                    c.error(p + ".departments[" + std::to_string(k) + "]", "unknown department '" + more[k] + "'");
                win.departments.push_back(more[k]);
            }
            win.shape = c.polygon(w, "polygon", p, true);
            win.node = c.node_ref(node_ids, m, w, "node", p, true, fl);
            if (!fl || win.number == 0) continue;
            win.floor = *fl;
            m.windows.push_back(std::move(win));
        }
    }

    // Points of interest.
    seen.clear();
    if (const json* pois = c.array(doc, "pois", "", false)) {
        for (size_t i = 0; i < pois->size(); ++i) {
            std::string p = "pois[" + std::to_string(i) + "]";
            const json& o = (*pois)[i];
            if (!o.is_object()) { c.error(p, "a point of interest must be an object"); continue; }
            Poi poi;
            poi.id = c.string(o, "id", p, true);
            if (!poi.id.empty() && !seen.insert(poi.id).second) c.error(p + ".id", "duplicate POI id '" + poi.id + "'");
            std::string kind = c.string(o, "kind", p, true);
            auto k = poi_kind_from_name(kind);
            if (!kind.empty() && !k) c.error(p + ".kind", "unknown POI kind '" + kind + "'");
            auto fl = c.floor_ref(m, o, p);
            poi.name = c.text(o, "name", p, false);
            poi.node = c.node_ref(node_ids, m, o, "node", p, true, fl);
            poi.aliases = c.strings(o, "aliases", p);
            if (auto d = c.number(o, "exit_deg", p, false)) poi.exit_deg = *d;
            std::optional<Point> at;
            if (o.contains("at")) at = c.point(o["at"], p + ".at");
            else if (poi.node != kNoNode) at = m.nodes[poi.node].at;
            else c.error(p + ".at", "missing 'at'");
            if (!k || !fl || !at || poi.node == kNoNode) continue;
            poi.kind = *k;
            poi.floor = *fl;
            poi.at = *at;
            m.pois.push_back(std::move(poi));
        }
    }

    // Kiosk spots.
    seen.clear();
    if (const json* ks = c.array(doc, "kiosks", "", false)) {
        for (size_t i = 0; i < ks->size(); ++i) {
            std::string p = "kiosks[" + std::to_string(i) + "]";
            const json& k = (*ks)[i];
            if (!k.is_object()) { c.error(p, "a kiosk spot must be an object"); continue; }
            KioskSpot spot;
            spot.id = c.string(k, "id", p, true);
            if (!spot.id.empty() && !seen.insert(spot.id).second) c.error(p + ".id", "duplicate kiosk id '" + spot.id + "'");
            spot.node = c.node_ref(node_ids, m, k, "node", p, true, std::nullopt);
            spot.facing_deg = c.number(k, "facing_deg", p, false).value_or(0.0);
            if (spot.node != kNoNode) m.kiosks.push_back(std::move(spot));
        }
    }
    if (m.kiosks.empty()) c.warn("kiosks", "no kiosk spot: every kiosk needs wayfinding.kiosk_node in its config");

    // Reachability (a warning): everything a citizen may ask for should be reachable from
    // the default kiosk spot, following one-way edges as they run.
    if (!m.kiosks.empty() && !m.nodes.empty()) {
        std::vector<char> reached(m.nodes.size(), 0);
        std::queue<NodeIndex> q;
        q.push(m.kiosks.front().node);
        reached[m.kiosks.front().node] = 1;
        while (!q.empty()) {
            NodeIndex n = q.front();
            q.pop();
            for (const Arc& a : m.adjacency[n])
                if (!reached[a.to]) { reached[a.to] = 1; q.push(a.to); }
        }
        for (size_t i = 0; i < m.pois.size(); ++i)
            if (!reached[m.pois[i].node])
                c.warn("pois[" + std::to_string(i) + "]", "POI '" + m.pois[i].id + "' cannot be reached from kiosk spot '" + m.kiosks.front().id + "'");
        for (size_t i = 0; i < m.windows.size(); ++i)
            if (m.windows[i].node != kNoNode && !reached[m.windows[i].node])
                c.warn("windows[" + std::to_string(i) + "]", "window " + std::to_string(m.windows[i].number) + " cannot be reached from kiosk spot '" + m.kiosks.front().id + "'");
    }

    if (c.errors() > 0)
        return make_error(Errc::InvalidInput, "map: " + std::to_string(c.errors()) + " error(s), first at '" +
                                                  [&] { for (auto& pr : problems) if (pr.severity == MapProblem::Severity::Error) return pr.json_path + "': " + pr.message; return std::string("'"); }());
    return m;
}

Result<HallMap> load_hall_map(const std::string& path, std::vector<MapProblem>& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::NotFound, "cannot open map file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        problems.push_back({"", "not valid JSON", MapProblem::Severity::Error});
        return make_error(Errc::InvalidInput, path + ": not valid JSON");
    }
    return parse_hall_map(doc, problems);
}

Result<KioskPosition> kiosk_position(const HallMap& map, const std::string& config_node, double config_facing_deg) {
    KioskPosition pos;
    std::optional<double> spot_facing;
    if (config_node.empty()) {
        if (map.kiosks.empty()) return make_error(Errc::NotFound, "map has no kiosk spot and wayfinding.kiosk_node is empty");
        pos.node = map.kiosks.front().node;
        spot_facing = map.kiosks.front().facing_deg;
    } else {
        for (const auto& k : map.kiosks)
            if (k.id == config_node || map.nodes[k.node].id == config_node) {
                pos.node = k.node;
                spot_facing = k.facing_deg;
                break;
            }
        if (pos.node == kNoNode) {
            auto n = map.find_node(config_node);
            if (!n) return make_error(Errc::NotFound, "wayfinding.kiosk_node '" + config_node + "' is neither a kiosk spot nor a node of the map");
            pos.node = *n;
        }
    }
    pos.facing_deg = config_facing_deg != 0.0 ? config_facing_deg : spot_facing.value_or(0.0);
    pos.facing_deg = std::fmod(std::fmod(pos.facing_deg, 360.0) + 360.0, 360.0);
    return pos;
}

}  // namespace kiosk::wayfinding
