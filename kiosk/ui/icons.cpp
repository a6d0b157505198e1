// Pictograms drawn with SDL_RenderGeometry in a 100-unit box (icons.h); each is a few discs, bars and polygons.
#include "kiosk/ui/icons.h"

#include <cmath>
#include <vector>

namespace kiosk::ui {
namespace {

constexpr double kPi = 3.14159265358979323846;

/// Draws in a 100 × 100 unit box mapped onto a square of pixels.
class Pen {
public:
    Pen(SDL_Renderer* r, SDL_Rect box) : m_r(r), m_x(box.x), m_y(box.y), m_s(std::min(box.w, box.h) / 100.0) {}

    void tri(double x1, double y1, double x2, double y2, double x3, double y3, SDL_Color c) {
        push(x1, y1, c);
        push(x2, y2, c);
        push(x3, y3, c);
    }
    void quad(double x1, double y1, double x2, double y2, double x3, double y3, double x4, double y4, SDL_Color c) {
        tri(x1, y1, x2, y2, x3, y3, c);
        tri(x1, y1, x3, y3, x4, y4, c);
    }
    void rect(double x, double y, double w, double h, SDL_Color c) { quad(x, y, x + w, y, x + w, y + h, x, y + h, c); }
    /// A bar of width `w` from (x1, y1) to (x2, y2), with round ends.
    void line(double x1, double y1, double x2, double y2, double w, SDL_Color c) {
        double dx = x2 - x1, dy = y2 - y1, len = std::hypot(dx, dy);
        if (len <= 0) return;
        double nx = -dy / len * w / 2, ny = dx / len * w / 2;
        quad(x1 + nx, y1 + ny, x2 + nx, y2 + ny, x2 - nx, y2 - ny, x1 - nx, y1 - ny, c);
        disc(x1, y1, w / 2, c);
        disc(x2, y2, w / 2, c);
    }
    void disc(double cx, double cy, double r, SDL_Color c) { ring(cx, cy, r, 0, c); }
    /// A ring between radii `r_in` and `r_out` (0: a disc), from angle a0 to a1 (radians, 0 = right, clockwise on screen).
    void ring(double cx, double cy, double r_out, double r_in, SDL_Color c, double a0 = 0, double a1 = 2 * kPi) {
        int n = std::max(8, int(std::abs(a1 - a0) / (2 * kPi) * 48));
        for (int i = 0; i < n; ++i) {
            double t0 = a0 + (a1 - a0) * i / n, t1 = a0 + (a1 - a0) * (i + 1) / n;
            double c0 = std::cos(t0), s0 = std::sin(t0), c1 = std::cos(t1), s1 = std::sin(t1);
            if (r_in <= 0) {
                tri(cx, cy, cx + r_out * c0, cy + r_out * s0, cx + r_out * c1, cy + r_out * s1, c);
            } else {
                quad(cx + r_in * c0, cy + r_in * s0, cx + r_out * c0, cy + r_out * s0, cx + r_out * c1, cy + r_out * s1,
                     cx + r_in * c1, cy + r_in * s1, c);
            }
        }
    }
    /// A rectangle's outline `w` thick.
    void frame(double x, double y, double wd, double h, double w, SDL_Color c) {
        rect(x, y, wd, w, c);
        rect(x, y + h - w, wd, w, c);
        rect(x, y, w, h, c);
        rect(x + wd - w, y, w, h, c);
    }
    void flush() {
        if (!m_v.empty()) SDL_RenderGeometry(m_r, nullptr, m_v.data(), int(m_v.size()), nullptr, 0);
        m_v.clear();
    }

private:
    void push(double x, double y, SDL_Color c) {
        m_v.push_back(SDL_Vertex{{float(m_x + x * m_s), float(m_y + y * m_s)}, c, {0, 0}});
    }
    SDL_Renderer* m_r;
    int m_x, m_y;
    double m_s;
    std::vector<SDL_Vertex> m_v;
};

/// A sheet of paper: outline with a few text lines.
void sheet(Pen& p, double x, double y, double w, double h, SDL_Color fg, SDL_Color bg, int lines) {
    p.rect(x, y, w, h, fg);
    p.rect(x + 6, y + 6, w - 12, h - 12, bg);
    for (int i = 0; i < lines; ++i) p.rect(x + 13, y + 16 + i * 11, w - 26, 5, fg);
}

}  // namespace

std::optional<Icon> icon_named(const std::string& name) {
    for (Icon i : {Icon::Certificate, Icon::CaseSearch, Icon::Forms, Icon::Guide, Icon::Map, Icon::Copy, Icon::Rating,
                   Icon::Help, Icon::HallInfo, Icon::IdCard})
        if (name == icon_name(i)) return i;
    return std::nullopt;
}

const char* icon_name(Icon i) {
    switch (i) {
    case Icon::None: return "";
    case Icon::Certificate: return "certificate";
    case Icon::CaseSearch: return "case_search";
    case Icon::Forms: return "forms";
    case Icon::Guide: return "guide";
    case Icon::Map: return "map";
    case Icon::Copy: return "copy";
    case Icon::Rating: return "rating";
    case Icon::Help: return "help";
    case Icon::HallInfo: return "hall_info";
    case Icon::IdCard: return "id_card";
    }
    return "";
}

void draw_icon(SDL_Renderer* r, Icon icon, SDL_Rect box, SDL_Color fg, SDL_Color bg) {
    Pen p(r, box);
    switch (icon) {
    case Icon::None: break;
    case Icon::Certificate:
        // A sheet with two lines, a round seal at the lower right and its two ribbon tails.
        sheet(p, 18, 10, 56, 74, fg, bg, 2);
        p.tri(62, 70, 56, 94, 66, 88, fg);
        p.tri(70, 70, 78, 94, 68, 88, fg);
        p.disc(66, 64, 16, fg);
        p.ring(66, 64, 10, 6, bg);
        break;
    case Icon::CaseSearch:
        // A sheet behind a magnifying glass.
        sheet(p, 12, 8, 50, 66, fg, bg, 3);
        p.disc(58, 56, 24, bg);
        p.ring(58, 56, 22, 14, fg);
        p.line(74, 72, 90, 88, 11, fg);
        break;
    case Icon::Forms:
        // A clipboard: board, clip, and three ticked lines.
        p.rect(16, 14, 64, 80, fg);
        p.rect(22, 24, 52, 64, bg);
        p.rect(34, 6, 28, 14, fg);
        for (int i = 0; i < 3; ++i) {
            double y = 38 + i * 16;
            p.line(28, y, 32, y + 4, 4, fg);
            p.line(32, y + 4, 39, y - 4, 4, fg);
            p.rect(44, y - 2, 24, 5, fg);
        }
        break;
    case Icon::Guide:
        // An open book: two pages bending to the spine, a line on each.
        p.quad(8, 24, 48, 30, 48, 86, 8, 80, fg);
        p.quad(52, 30, 92, 24, 92, 80, 52, 86, fg);
        p.quad(14, 32, 44, 36, 44, 76, 14, 72, bg);
        p.quad(56, 36, 86, 32, 86, 72, 56, 76, bg);
        for (int i = 0; i < 3; ++i) {
            p.quad(18, 42 + i * 10, 40, 45 + i * 10, 40, 49 + i * 10, 18, 46 + i * 10, fg);
            p.quad(60, 45 + i * 10, 82, 42 + i * 10, 82, 46 + i * 10, 60, 49 + i * 10, fg);
        }
        break;
    case Icon::Map:
        // A location pin: a disc with a hole over a point.
        p.disc(50, 38, 28, fg);
        p.tri(25, 50, 75, 50, 50, 94, fg);
        p.disc(50, 38, 11, bg);
        break;
    case Icon::Copy:
        // Two sheets, the front one over the back one.
        sheet(p, 10, 8, 48, 62, fg, bg, 0);
        p.rect(36, 28, 52, 66, bg);
        sheet(p, 40, 32, 48, 62, fg, bg, 3);
        break;
    case Icon::Rating: {
        // A five-pointed star: a pentagon and five points.
        double cx = 50, cy = 54, ro = 44, ri = 18;
        double x[10], y[10];
        for (int i = 0; i < 10; ++i) {
            double a = -kPi / 2 + i * kPi / 5, rr = i % 2 ? ri : ro;
            x[i] = cx + rr * std::cos(a);
            y[i] = cy + rr * std::sin(a);
        }
        for (int i = 0; i < 10; ++i) p.tri(cx, cy, x[i], y[i], x[(i + 1) % 10], y[(i + 1) % 10], fg);
        break;
    }
    case Icon::Help:
        // A person raising a hand: head, shoulders, and an arm up.
        p.disc(42, 28, 14, fg);
        p.ring(42, 92, 34, 0, fg, kPi, 2 * kPi);
        p.rect(8, 92, 68, 0.1, fg);
        p.line(66, 64, 80, 18, 10, fg);
        p.disc(81, 14, 8, fg);
        break;
    case Icon::HallInfo:
        // "i" in a ring.
        p.ring(50, 50, 44, 35, fg);
        p.disc(50, 30, 7, fg);
        p.rect(44, 42, 12, 34, fg);
        break;
    case Icon::IdCard:
        // A card in landscape: a portrait at the left, three lines at the right.
        p.rect(4, 20, 92, 62, fg);
        p.rect(10, 26, 80, 50, bg);
        p.disc(30, 44, 8, fg);
        p.ring(30, 70, 14, 0, fg, kPi, 2 * kPi);
        for (int i = 0; i < 3; ++i) p.rect(50, 36 + i * 12, 32 - (i == 2 ? 10 : 0), 6, fg);
        break;
    }
    p.flush();
}

}  // namespace kiosk::ui
