// Turn-by-turn directions for a route: structured steps, then text from the phrase catalog (zh-CN, en).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/wayfinding/hall_map.h"
#include "kiosk/wayfinding/router.h"

namespace kiosk::wayfinding {

enum class Turn { Straight, Left, Right, Back };

/// Classifies the change of heading (degrees clockwise, any range): within ±30° straight,
/// beyond ±150° back, otherwise left (counter-clockwise) or right.
Turn classify_turn(double delta_deg);

/// Bearing of the vector a→b in degrees clockwise from north (map +y), 0 ≤ b < 360.
double bearing_deg(Point a, Point b);

enum class LandmarkRelation { Behind, Beside };

struct Instruction {
    enum class Kind { Walk, Transfer, Arrive };
    Kind kind = Kind::Walk;
    NodeIndex node = kNoNode;   ///< where the step starts (highlight it on the map)
    size_t floor = 0;           ///< floor of `node`
    // Walk
    Turn turn = Turn::Straight;  ///< relative to the kiosk's facing (first step) or to the walking direction
    double distance_m = 0;
    bool first = false;             ///< the first step of the route (relative to the facing)
    std::optional<EdgeKind> after;  ///< first step after leaving this elevator / stairs / escalator
    // Transfer
    EdgeKind via = EdgeKind::Elevator;
    size_t to_floor = 0;
    const Poi* landmark = nullptr;  ///< a nearby POI that names the place ("服务台")
    LandmarkRelation relation = LandmarkRelation::Beside;
    // Arrive: the window, POI or room at the last node (first found, in that order)
    const Window* window = nullptr;
    const Poi* poi = nullptr;
    const Room* room = nullptr;
};

/// Turns a route into steps. `facing_deg` is the direction the citizen faces at the kiosk
/// (wayfinding.facing_deg); the first walking step is relative to it.
std::vector<Instruction> describe_route(const HallMap& map, const Route& route, double facing_deg);

/// Phrase templates of one language (assets/strings/wayfinding.<lang>.json), with {name}
/// placeholders. Text shown to citizens lives there, never in code.
class PhraseBook {
public:
    /// Loads and checks that every phrase the directions need is present.
    static Result<PhraseBook> load(const std::string& path, std::string lang);
    /// assets_dir + "/strings/wayfinding." + lang + ".json".
    static Result<PhraseBook> load_from_assets(const std::string& assets_dir, const std::string& lang);
    static const std::vector<std::string>& required_keys();

    const std::string& lang() const { return m_lang; }
    /// The template for `key` with {name} replaced; the key itself when it is missing.
    std::string format(const std::string& key, const std::map<std::string, std::string>& args = {}) const;

private:
    std::string m_lang;
    std::map<std::string, std::string> m_phrases;
};

/// One step as text ("左转，直行 14 米").
std::string render_instruction(const HallMap& map, const Instruction& step, const PhraseBook& phrases);
/// The whole route as one sentence ("向前直行 4 米，右转，直行 14 米，…，到达第 12 窗口。").
std::string render_directions(const HallMap& map, const std::vector<Instruction>& steps, const PhraseBook& phrases);

/// Distance as spoken: whole metres below 20 m, then to the nearest 5 m; at least 1.
int spoken_metres(double m);

}  // namespace kiosk::wayfinding
