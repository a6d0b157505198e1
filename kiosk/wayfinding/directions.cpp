// Builds turn-by-turn steps from a route and renders them with the phrase catalog.
#include "directions.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace kiosk::wayfinding {

namespace {
constexpr double kPi = 3.14159265358979323846;
/// Segments whose bearings differ less than this are one leg ("keep going straight").
constexpr double kMergeDeg = 25;
/// A landmark further than this from where the floor change starts does not name the place.
constexpr double kLandmarkRadiusM = 10;
/// Legs shorter than this are said without a distance ("出电梯右转").
constexpr double kShortLegM = 3;
/// "Behind the landmark" when the landmark→elevator direction is within about 75° of the
/// start→landmark direction.
constexpr double kBehindCos = 0.25;

double norm_deg(double d) {
    d = std::fmod(d, 360.0);
    return d < 0 ? d + 360.0 : d;
}
/// Signed difference b − a in (−180, 180].
double delta_deg(double a, double b) {
    double d = norm_deg(b - a);
    return d > 180 ? d - 360 : d;
}
}  // namespace

double bearing_deg(Point a, Point b) { return norm_deg(std::atan2(b.x - a.x, b.y - a.y) * 180.0 / kPi); }

Turn classify_turn(double d) {
    d = norm_deg(d);
    if (d > 180) d -= 360;
    if (std::abs(d) <= 30) return Turn::Straight;
    if (std::abs(d) >= 150) return Turn::Back;
    return d > 0 ? Turn::Right : Turn::Left;
}

int spoken_metres(double m) {
    if (m < 20) return std::max(1, static_cast<int>(std::lround(m)));
    return static_cast<int>(std::lround(m / 5.0)) * 5;
}

std::vector<Instruction> describe_route(const HallMap& map, const Route& route, double facing_deg) {
    std::vector<Instruction> out;
    double heading = norm_deg(facing_deg);
    bool first = true;
    std::optional<EdgeKind> after;
    Point floor_start = route.nodes.empty() ? Point{} : map.nodes[route.nodes.front()].at;
    size_t i = 0;
    const size_t n_edges = route.edges.size();
    while (i < n_edges) {
        const Edge& e = map.edges[route.edges[i]];
        NodeIndex start = route.nodes[i];
        if (e.kind == EdgeKind::Walk) {
            // One leg: consecutive walk segments that keep roughly the same direction.
            Instruction step;
            step.kind = Instruction::Kind::Walk;
            step.node = start;
            step.floor = map.nodes[start].floor;
            step.first = first;
            step.after = after;
            std::optional<double> leg_bearing;
            double last_bearing = heading;
            while (i < n_edges && map.edges[route.edges[i]].kind == EdgeKind::Walk) {
                Point a = map.nodes[route.nodes[i]].at;
                Point b = map.nodes[route.nodes[i + 1]].at;
                double len = map.edges[route.edges[i]].length_m;
                if (std::hypot(b.x - a.x, b.y - a.y) > 0.01) {
                    double br = bearing_deg(a, b);
                    if (leg_bearing && std::abs(delta_deg(last_bearing, br)) > kMergeDeg) break;
                    if (!leg_bearing) leg_bearing = br;
                    last_bearing = br;
                }
                step.distance_m += len;
                ++i;
            }
            step.turn = leg_bearing ? classify_turn(delta_deg(heading, *leg_bearing)) : Turn::Straight;
            heading = last_bearing;
            out.push_back(step);
            first = false;
            after.reset();
            continue;
        }
        // A floor change: consecutive edges of the same kind are one ride.
        Instruction step;
        step.kind = Instruction::Kind::Transfer;
        step.via = e.kind;
        step.node = start;
        step.floor = map.nodes[start].floor;
        while (i < n_edges && map.edges[route.edges[i]].kind == e.kind) ++i;
        NodeIndex end = route.nodes[i];
        step.to_floor = map.nodes[end].floor;
        // Landmark: the nearest other POI on this floor, "behind" it when the walker passes it
        // before reaching the elevator (the hall's complaint: the elevator hides behind the desk).
        Point at = map.nodes[start].at;
        double best = kLandmarkRadiusM;
        for (const Poi& p : map.pois) {
            if (p.floor != step.floor || p.node == start || p.kind == PoiKind::Kiosk) continue;
            if ((p.kind == PoiKind::Elevator || p.kind == PoiKind::Stairs || p.kind == PoiKind::Escalator) &&
                std::hypot(p.at.x - at.x, p.at.y - at.y) < 1.0)
                continue;
            double d = std::hypot(p.at.x - at.x, p.at.y - at.y);
            if (d < best) {
                best = d;
                step.landmark = &p;
            }
        }
        if (step.landmark) {
            // Behind: seen from where the walk on this floor began, the landmark stands between
            // the walker and the elevator (same general direction, and nearer).
            Point l = step.landmark->at;
            double ux = l.x - floor_start.x, uy = l.y - floor_start.y;
            double vx = at.x - l.x, vy = at.y - l.y;
            double nu = std::hypot(ux, uy), nv = std::hypot(vx, vy);
            double far_l = nu, far_e = std::hypot(at.x - floor_start.x, at.y - floor_start.y);
            bool behind = nu > 0.01 && nv > 0.01 && (ux * vx + uy * vy) / (nu * nv) > kBehindCos && far_e > far_l;
            step.relation = behind ? LandmarkRelation::Behind : LandmarkRelation::Beside;
        }
        out.push_back(step);
        // Heading on stepping out: the door's direction if the map gives it; an elevator car
        // is left through the door one entered (turned around); stairs keep the direction.
        const Poi* exit_poi = map.poi_at_node(end);
        if (exit_poi && exit_poi->exit_deg) heading = norm_deg(*exit_poi->exit_deg);
        else if (e.kind == EdgeKind::Elevator) heading = norm_deg(heading + 180);
        first = false;
        after = e.kind;
        floor_start = map.nodes[end].at;
    }
    Instruction arrive;
    arrive.kind = Instruction::Kind::Arrive;
    arrive.node = route.nodes.empty() ? kNoNode : route.nodes.back();
    arrive.floor = arrive.node == kNoNode ? 0 : map.nodes[arrive.node].floor;
    for (const auto& w : map.windows)
        if (w.node == arrive.node) { arrive.window = &w; break; }
    if (!arrive.window) arrive.poi = map.poi_at_node(arrive.node);
    if (!arrive.window && !arrive.poi)
        for (const auto& r : map.rooms)
            if (r.node == arrive.node) { arrive.room = &r; break; }
    out.push_back(arrive);
    return out;
}

// --- phrases ---------------------------------------------------------------------------

const std::vector<std::string>& PhraseBook::required_keys() {
    static const std::vector<std::string> keys = {
        "leg.straight", "leg.turn", "leg.turn_short", "leg.continue",
        "leg.after_exit", "leg.after_exit_short",
        "turn.straight", "turn.left", "turn.right", "turn.back",
        "exit.elevator", "exit.stairs", "exit.escalator",
        "transfer.elevator", "transfer.stairs", "transfer.escalator",
        "at.behind", "at.beside",
        "arrive.window", "arrive.window_department", "arrive.place", "arrive.here",
        "join", "end", "unit.metres",
    };
    return keys;
}

Result<PhraseBook> PhraseBook::load(const std::string& path, std::string lang) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::NotFound, "cannot open phrase catalog " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return make_error(Errc::InvalidInput, path + ": not a JSON object");
    PhraseBook book;
    book.m_lang = std::move(lang);
    for (auto& [k, v] : doc.items()) {
        if (!v.is_string()) return make_error(Errc::InvalidInput, path + ": phrase '" + k + "' is not a string");
        book.m_phrases[k] = v.get<std::string>();
    }
    for (const auto& k : required_keys())
        if (!book.m_phrases.count(k)) return make_error(Errc::InvalidInput, path + ": missing phrase '" + k + "'");
    return book;
}

Result<PhraseBook> PhraseBook::load_from_assets(const std::string& assets_dir, const std::string& lang) {
    return load(assets_dir + "/strings/wayfinding." + lang + ".json", lang);
}

std::string PhraseBook::format(const std::string& key, const std::map<std::string, std::string>& args) const {
    auto it = m_phrases.find(key);
    if (it == m_phrases.end()) return key;
    std::string out;
    const std::string& t = it->second;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '{') {
            size_t close = t.find('}', i);
            if (close != std::string::npos) {
                auto a = args.find(t.substr(i + 1, close - i - 1));
                if (a != args.end()) {
                    out += a->second;
                    i = close;
                    continue;
                }
            }
        }
        out += t[i];
    }
    return out;
}

namespace {
const char* turn_key(Turn t) {
    switch (t) {
        case Turn::Straight: return "turn.straight";
        case Turn::Left: return "turn.left";
        case Turn::Right: return "turn.right";
        case Turn::Back: return "turn.back";
    }
    return "turn.straight";
}
const char* kind_suffix(EdgeKind k) {
    switch (k) {
        case EdgeKind::Elevator: return "elevator";
        case EdgeKind::Stairs: return "stairs";
        case EdgeKind::Escalator: return "escalator";
        case EdgeKind::Walk: break;
    }
    return "elevator";
}
}  // namespace

std::string render_instruction(const HallMap& map, const Instruction& s, const PhraseBook& ph) {
    const std::string& lang = ph.lang();
    switch (s.kind) {
        case Instruction::Kind::Walk: {
            std::map<std::string, std::string> a = {{"dist", std::to_string(spoken_metres(s.distance_m))},
                                                    {"turn", ph.format(turn_key(s.turn))}};
            bool is_short = s.distance_m < kShortLegM;
            if (s.after) {
                a["exit"] = ph.format(std::string("exit.") + kind_suffix(*s.after));
                return ph.format(is_short ? "leg.after_exit_short" : "leg.after_exit", a);
            }
            if (s.turn == Turn::Straight) return ph.format(s.first ? "leg.straight" : "leg.continue", a);
            return ph.format(is_short ? "leg.turn_short" : "leg.turn", a);
        }
        case Instruction::Kind::Transfer: {
            std::map<std::string, std::string> a = {{"floor", map.floors[s.to_floor].name.get(lang)}, {"at", ""}};
            if (s.landmark)
                a["at"] = ph.format(s.relation == LandmarkRelation::Behind ? "at.behind" : "at.beside",
                                    {{"landmark", s.landmark->name.get(lang)}});
            return ph.format(std::string("transfer.") + kind_suffix(s.via), a);
        }
        case Instruction::Kind::Arrive: {
            if (s.window) {
                std::map<std::string, std::string> a = {{"number", std::to_string(s.window->number)},
                                                        {"floor", map.floors[s.window->floor].name.get(lang)}};
                if (const Department* d = s.window->departments.empty() ? nullptr : map.find_department(s.window->departments.front())) {
                    a["department"] = d->name.get(lang);
                    return ph.format("arrive.window_department", a);
                }
                return ph.format("arrive.window", a);
            }
            if (s.poi && !s.poi->name.empty()) return ph.format("arrive.place", {{"name", s.poi->name.get(lang)}});
            if (s.room && !s.room->name.empty()) return ph.format("arrive.place", {{"name", s.room->name.get(lang)}});
            return ph.format("arrive.here");
        }
    }
    return {};
}

std::string render_directions(const HallMap& map, const std::vector<Instruction>& steps, const PhraseBook& ph) {
    std::string out;
    for (const auto& s : steps) {
        std::string t = render_instruction(map, s, ph);
        if (t.empty()) continue;
        if (!out.empty()) out += ph.format("join");
        out += t;
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out + ph.format("end");
}

}  // namespace kiosk::wayfinding
