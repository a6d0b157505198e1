// Test helper for the 办件查询, home and attract screen tests: the journey rig (platform-sim, idcard-sim, the real kiosk) with the demo content imported, and readers for the UI dump and screenshots.
#pragma once

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "journey_rig.h"
#include "run_process.h"

namespace kiosk::screens::test {

using namespace kiosk::journeys::test;

/// The journey rig with assets/content imported into its state dir, as an installer would
/// (the map, the hall's hours and its 24-hour zone come from there).
inline void import_content(const Rig& rig) {
    auto imp = kiosk::test::run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config",
                                         std::string(KIOSK_SOURCE_DIR) + "/assets/demo/kiosk.toml", "--state-dir",
                                         rig.dir / "state", "content", "import", std::string(KIOSK_SOURCE_DIR) + "/assets/content"});
    REQUIRE_MESSAGE(imp.exit_code == 0, imp.output);
}

/// The dump a `screenshot NAME` step wrote next to its PNG.
inline nlohmann::json shot_dump(const Rig& rig, const std::string& name) {
    return nlohmann::json::parse(read_all(rig.dir / ("shots/" + name + ".json")), nullptr, false);
}

inline nlohmann::json widget(const nlohmann::json& dump, const std::string& id) {
    if (dump.is_object() && dump.contains("widgets"))
        for (const auto& w : dump["widgets"])
            if (w.value("id", "") == id) return w;
    return {};
}

inline std::string text_of(const nlohmann::json& dump, const std::string& id) { return widget(dump, id).value("text", ""); }

inline std::string all_text(const nlohmann::json& dump) {
    std::string s;
    if (dump.is_object() && dump.contains("widgets"))
        for (const auto& w : dump["widgets"]) s += w.value("text", "") + "\n";
    return s;
}

/// The colour a citizen sees at (x, y) of a screenshot; nullopt when the PNG cannot be read.
inline std::optional<SDL_Color> pixel(const std::string& png, int x, int y) {
    SDL_Surface* raw = IMG_Load(png.c_str());
    if (!raw) return std::nullopt;
    SDL_Surface* s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    if (!s) return std::nullopt;
    std::optional<SDL_Color> out;
    if (x >= 0 && y >= 0 && x < s->w && y < s->h) {
        const auto* p = static_cast<const Uint8*>(s->pixels) + y * s->pitch + x * 4;
        out = SDL_Color{p[0], p[1], p[2], p[3]};
    }
    SDL_FreeSurface(s);
    return out;
}

/// The background of a widget with padding (a badge, a band): a point inside its left padding.
inline std::optional<SDL_Color> background_of(const Rig& rig, const std::string& shot, const std::string& id) {
    auto w = widget(shot_dump(rig, shot), id);
    if (!w.is_object()) return std::nullopt;
    auto b = w["bounds"];
    return pixel(rig.shot(shot), int(b[0]) + 10, int(b[1]) + int(b[3]) / 2);
}

}  // namespace kiosk::screens::test
