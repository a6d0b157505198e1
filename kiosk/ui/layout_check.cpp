// Layout rules on a UI dump; see layout_check.h.
#include "layout_check.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace kiosk::ui {

namespace {

struct Box {
    int x = 0, y = 0, w = 0, h = 0;
};

Box box_of(const nlohmann::json& j) {
    const auto& b = j.at("bounds");
    return {b.at(0).get<int>(), b.at(1).get<int>(), b.at(2).get<int>(), b.at(3).get<int>()};
}

Box intersect(const Box& a, const Box& b) {
    int x1 = std::max(a.x, b.x), y1 = std::max(a.y, b.y);
    int x2 = std::min(a.x + a.w, b.x + b.w), y2 = std::min(a.y + a.h, b.y + b.h);
    if (x2 <= x1 || y2 <= y1) return {x1, y1, 0, 0};
    return {x1, y1, x2 - x1, y2 - y1};
}

std::string describe(const nlohmann::json& w, const Box& b) {
    std::string text = w.value("text", std::string());
    for (auto& c : text)
        if (c == '\n') c = '/';
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return w.value("type", std::string("row")) + " \"" + text + "\" at [" + std::to_string(b.x) + "," +
           std::to_string(b.y) + " " + std::to_string(b.w) + "x" + std::to_string(b.h) + "]";
}

struct Target {
    Box box;
    std::string what;
};

}  // namespace

std::vector<LayoutViolation> check_layout(const nlohmann::json& widgets, const LayoutRules& r) {
    std::vector<LayoutViolation> out;
    const int min_px = int(std::floor(r.min_target_cm * r.px_per_cm));
    const Box screen{0, 0, r.width, r.height};
    std::vector<Target> targets;
    auto add = [&](const char* rule, std::string msg) { out.push_back({rule, std::move(msg)}); };

    // A modal dialog hides everything drawn before it from the finger: judge from it on.
    size_t first = 0;
    for (size_t i = 0; i < widgets.size(); ++i)
        if (widgets[i].value("type", std::string()) == "dialog") first = i;
    for (size_t wi = first; wi < widgets.size(); ++wi) {
        const auto& w = widgets[wi];
        if (!w.contains("bounds")) continue;
        Box b = box_of(w);
        std::string what = describe(w, b);
        bool tappable = w.value("tappable", false) && w.value("enabled", true);
        // A banner is drawn over the screen: a target under it cannot be reached.
        if (w.value("type", std::string()) == "banner") {
            targets.push_back({intersect(b, screen), what});
            tappable = false;
        }
        bool has_text = !w.value("text", std::string()).empty();
        bool has_items = w.contains("items") && !w["items"].empty();
        if (b.w <= 0 || b.h <= 0) {
            if (tappable || has_text || has_items) add("empty-size", what + " has no area");
            continue;
        }
        if (b.x < 0 || b.y < 0 || b.x + b.w > r.width || b.y + b.h > r.height)
            add("off-screen", what + " reaches outside the " + std::to_string(r.width) + "x" +
                                  std::to_string(r.height) + " screen");
        if (w.value("text_cut", false)) add("text-cut", what + " does not show all of its text");
        if (has_items) {
            for (const auto& it : w["items"]) {
                if (!it.contains("bounds")) continue;
                Box ib = box_of(it);
                Box vis = intersect(intersect(ib, b), screen);
                if (vis.w <= 0 || vis.h <= 0) continue;  // scrolled out of its list
                bool whole = vis.w == ib.w && vis.h == ib.h;
                std::string iwhat = describe(it, ib) + " in " + w.value("type", std::string());
                if (it.value("text_cut", false)) add("text-cut", iwhat + " does not show all of its text");
                if (!it.value("tappable", false) || !it.value("enabled", true)) continue;
                if (whole && (ib.w < min_px || ib.h < min_px))
                    add("small-target", iwhat + " is smaller than " + std::to_string(min_px) + " px (" +
                                            std::to_string(r.min_target_cm).substr(0, 3) + " cm) on a side");
                targets.push_back({vis, iwhat});
            }
        } else if (tappable) {
            if (b.w < min_px || b.h < min_px)
                add("small-target", what + " is smaller than " + std::to_string(min_px) + " px (" +
                                        std::to_string(r.min_target_cm).substr(0, 3) + " cm) on a side");
            targets.push_back({intersect(b, screen), what});
        }
    }
    for (size_t i = 0; i < targets.size(); ++i)
        for (size_t j = i + 1; j < targets.size(); ++j) {
            Box o = intersect(targets[i].box, targets[j].box);
            if (o.w > 0 && o.h > 0) add("overlap", targets[i].what + " overlaps " + targets[j].what);
        }
    return out;
}

}  // namespace kiosk::ui
