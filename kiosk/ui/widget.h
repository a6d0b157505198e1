// The widget base: bounds, text for the UI dump and tap-by-text, pointer handling, drawing.
#pragma once

#include <SDL.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "kiosk/ui/text.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {

/// Everything a widget needs to draw itself.
struct Canvas {
    SDL_Renderer* renderer;
    TextRenderer& text;
    const Theme& theme;
    std::chrono::steady_clock::time_point now;
};

/// Touch and mouse arrive as one kind of event.
struct PointerEvent {
    enum class Kind { Down, Move, Up, Cancel } kind;
    int x = 0, y = 0;
    std::chrono::steady_clock::time_point time;
};

void fill_rect(SDL_Renderer* r, SDL_Rect rect, SDL_Color c);
void fill_rounded(SDL_Renderer* r, SDL_Rect rect, int radius, SDL_Color c);
void stroke_rounded(SDL_Renderer* r, SDL_Rect rect, int radius, int width, SDL_Color c);
void fill_circle(SDL_Renderer* r, int cx, int cy, int radius, SDL_Color c);
inline bool contains(const SDL_Rect& r, int x, int y) { return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h; }

class Widget {
public:
    virtual ~Widget() = default;
    virtual const char* type() const = 0;
    virtual void draw(Canvas&) = 0;
    /// Visible text, for the UI dump and for `tap "text"` / `expect "text"` in scripts.
    virtual std::string text() const { return {}; }
    /// True when a tap does something (buttons, list rows, keys).
    virtual bool tappable() const { return false; }
    /// Returns true when the widget handled the event (and wants the following Move/Up).
    virtual bool on_pointer(const PointerEvent&) { return false; }
    /// Called every frame; returns true while animating (needs another frame).
    virtual bool tick(std::chrono::steady_clock::time_point) { return false; }
    /// Appends this widget (and visible children) to the UI dump.
    virtual void dump(nlohmann::json& out) const;
    /// Visible sub-items with their own text and bounds (list rows, keys), for dump and taps.
    struct Item {
        std::string text;
        SDL_Rect bounds;
        bool tappable;
        bool enabled;
    };
    virtual std::vector<Item> items() const { return {}; }

    SDL_Rect bounds{0, 0, 0, 0};
    std::string id;
    /// Set by draw() when the text did not fit its bounds (cut, ellipsised or spilling out):
    /// the layout check (layout_check.h) reports it from the UI dump.
    bool text_cut = false;
    bool visible = true;
    bool enabled = true;
};

using WidgetPtr = std::unique_ptr<Widget>;

}  // namespace kiosk::ui
