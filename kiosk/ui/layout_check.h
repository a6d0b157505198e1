// The layout rules every screen must keep, checked on a UI dump: nothing off-screen, no empty
// or negative sizes, no tappable target under 1.5 cm or overlapping another, no text cut off.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace kiosk::ui {

struct LayoutRules {
    int width = 1080;            ///< the screen, in pixels
    int height = 1920;
    float px_per_cm = 40.0f;     ///< display.pixels_per_cm
    float min_target_cm = 1.5f;  ///< the smallest touch target on both sides
};

/// One broken rule, in words a developer can act on: what, which widget (type, text), where.
struct LayoutViolation {
    std::string rule;     ///< "off-screen", "empty-size", "small-target", "overlap", "text-cut"
    std::string message;
};

/// Checks the `widgets` array of a UI dump (App::dump()). List rows that are scrolled outside
/// their list are not judged (the list scrolls to them); rows partly inside are judged on the
/// part a finger can reach only for overlap, not size.
std::vector<LayoutViolation> check_layout(const nlohmann::json& widgets, const LayoutRules& rules);

}  // namespace kiosk::ui
