// Drawing primitives shared by widgets and the widget dump.
#include "widget.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace kiosk::ui {

void fill_rect(SDL_Renderer* r, SDL_Rect rect, SDL_Color c) {
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rect);
}

void fill_rounded(SDL_Renderer* r, SDL_Rect rect, int radius, SDL_Color c) {
    radius = std::min({radius, rect.w / 2, rect.h / 2});
    if (radius <= 0) return fill_rect(r, rect, c);
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_Rect mid{rect.x, rect.y + radius, rect.w, rect.h - 2 * radius};
    SDL_RenderFillRect(r, &mid);
    // Top and bottom bands, one scanline per row of the corner arc.
    std::vector<SDL_Rect> rows;
    rows.reserve(size_t(2 * radius));
    for (int dy = 0; dy < radius; ++dy) {
        double y = radius - dy - 0.5;
        int inset = radius - int(std::sqrt(double(radius) * radius - y * y) + 0.5);
        rows.push_back({rect.x + inset, rect.y + dy, rect.w - 2 * inset, 1});
        rows.push_back({rect.x + inset, rect.y + rect.h - 1 - dy, rect.w - 2 * inset, 1});
    }
    SDL_RenderFillRects(r, rows.data(), int(rows.size()));
}

void stroke_rounded(SDL_Renderer* r, SDL_Rect rect, int radius, int width, SDL_Color c) {
    // Outer shape in the stroke colour, inner shape cleared by the caller's fill afterwards
    // is not possible generally; draw the ring as four bands plus corner arcs.
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    radius = std::min({radius, rect.w / 2, rect.h / 2});
    for (int i = 0; i < width; ++i) {
        SDL_Rect edges[4] = {{rect.x + radius, rect.y + i, rect.w - 2 * radius, 1},
                             {rect.x + radius, rect.y + rect.h - 1 - i, rect.w - 2 * radius, 1},
                             {rect.x + i, rect.y + radius, 1, rect.h - 2 * radius},
                             {rect.x + rect.w - 1 - i, rect.y + radius, 1, rect.h - 2 * radius}};
        SDL_RenderFillRects(r, edges, 4);
    }
    const int steps = std::max(8, radius * 2);
    for (int corner = 0; corner < 4; ++corner) {
        int cx = corner % 2 == 0 ? rect.x + radius : rect.x + rect.w - 1 - radius;
        int cy = corner < 2 ? rect.y + radius : rect.y + rect.h - 1 - radius;
        double a0 = corner == 0 ? M_PI : corner == 1 ? 1.5 * M_PI : corner == 2 ? 0.5 * M_PI : 0;
        for (int i = 0; i <= steps; ++i) {
            double a = a0 + (M_PI / 2) * i / steps;
            for (int w = 0; w < width; ++w) {
                double rr = radius - w;
                SDL_RenderDrawPoint(r, cx + int(std::lround(std::cos(a) * rr)), cy - int(std::lround(std::sin(a) * rr)));
            }
        }
    }
}

void fill_circle(SDL_Renderer* r, int cx, int cy, int radius, SDL_Color c) {
    fill_rounded(r, {cx - radius, cy - radius, 2 * radius, 2 * radius}, radius, c);
}

void Widget::dump(nlohmann::json& out) const {
    if (!visible) return;
    nlohmann::json w = {{"type", type()},
                        {"text", text()},
                        {"bounds", {bounds.x, bounds.y, bounds.w, bounds.h}},
                        {"enabled", enabled},
                        {"tappable", tappable()}};
    if (!id.empty()) w["id"] = id;
    if (text_cut) w["text_cut"] = true;
    auto sub = items();
    if (!sub.empty()) {
        auto& arr = w["items"] = nlohmann::json::array();
        for (const auto& it : sub)
            arr.push_back({{"text", it.text},
                           {"bounds", {it.bounds.x, it.bounds.y, it.bounds.w, it.bounds.h}},
                           {"tappable", it.tappable},
                           {"enabled", it.enabled}});
    }
    out.push_back(std::move(w));
}

double contrast_ratio(SDL_Color a, SDL_Color b) {
    auto luminance = [](SDL_Color c) {
        auto lin = [](Uint8 v) {
            double s = v / 255.0;
            return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
    };
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace kiosk::ui
