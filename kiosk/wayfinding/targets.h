// Resolving what a citizen typed or tapped ("电梯", "12号窗口", "不动产") to places on the map, ranked.
#pragma once

#include <string>
#include <vector>

#include "kiosk/wayfinding/hall_map.h"

namespace kiosk::wayfinding {

struct TargetMatch {
    enum class Kind { Window, Poi, Room };
    Kind kind = Kind::Poi;
    size_t index = 0;           ///< into HallMap::windows, pois or rooms
    NodeIndex node = kNoNode;   ///< where a route to it ends
    size_t floor = 0;
    int score = 0;              ///< 100 exact window number … 30 loose match
    std::string department;     ///< for a window found by its department: that department's id
};

/// Matches facilities (by kind vocabulary in Chinese and English, names and aliases), window
/// numbers ("12", "12号窗口", "第12窗口", "window 12", full-width digits) and departments
/// (name or alias, giving each of their windows). Best first: by score, then by distance from
/// `near` (the kiosk's node; kNoNode: no distance ordering) with floor changes counted as 30 m.
std::vector<TargetMatch> resolve_target(const HallMap& map, std::string_view text, NodeIndex near = kNoNode);

/// A window number in `text` if the text is only a window reference, else 0.
int parse_window_number(std::string_view text);

/// Display name of a match in `lang` ("第 12 窗口 · 不动产登记" is composed by the UI; this
/// gives the place's own name, or the department's name for a window).
std::string target_name(const HallMap& map, const TargetMatch& m, std::string_view lang);

}  // namespace kiosk::wayfinding
