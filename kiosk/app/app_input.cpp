// The app's input: SDL events, injected pointer and text (scripts, tests), and the technician's corner hold.
#include "app.h"

#include <algorithm>
#include <string>

#include "base/log.h"
#include "kiosk/app/devices.h"
#include "kiosk/app/sync_services.h"

namespace kiosk {

bool App::in_hold_corner(int x, int y) const {
    // A square at the top-left, over the hall's name on the home screen (nothing to tap there).
    int side = m_theme.px(180);
    return x >= 0 && y >= 0 && x < side && y < side;
}

void App::check_corner_hold() {
    if (!m_hold_since || m_clock->now() - *m_hold_since < kCornerHold) return;
    m_hold_since.reset();
    if (!m_corner_hold || screen_name() != "home" || m_countdown) return;
    // The finger is still down: its lift must not tap whatever the PIN pad shows under it.
    m_swallow_touch = true;
    m_corner_hold(*this);
    m_dirty = true;
}

void App::inject_pointer(screens::Screen* s, ui::PointerEvent::Kind kind, int x, int y) {
    using K = ui::PointerEvent::Kind;
    ui::PointerEvent pe{kind, x, y, m_clock->now()};
    if (kind == K::Down) m_session->touch();
    if (kind == K::Down) {
        m_swallow_touch = false;
        if (screen_name() == "home" && !m_countdown && in_hold_corner(x, y)) m_hold_since = m_clock->now();
        else m_hold_since.reset();
    } else if (kind == K::Up || !in_hold_corner(x, y)) {
        m_hold_since.reset();
    }
    if (m_swallow_touch) {
        if (kind == K::Up) m_swallow_touch = false;
        return;
    }
    if (m_countdown) {
        m_countdown->on_pointer(pe);
    } else if (s) {
        s->pointer(pe);
    }
    m_dirty = true;
}

void App::tap(int x, int y) {
    inject_pointer(screen(), ui::PointerEvent::Kind::Down, x, y);
    inject_pointer(screen(), ui::PointerEvent::Kind::Up, x, y);
}

void App::hold(VirtualClock& clock, int x, int y, double seconds) {
    using namespace std::chrono;
    inject_pointer(screen(), ui::PointerEvent::Kind::Down, x, y);
    auto total = duration_cast<milliseconds>(duration<double>(seconds));
    for (auto done = milliseconds(0); done < total; done += milliseconds(50)) {
        clock.advance(std::min<milliseconds>(milliseconds(50), total - done));
        frame();
    }
    inject_pointer(screen(), ui::PointerEvent::Kind::Up, x, y);
}

void App::type_text(const std::string& text) {
    m_session->touch();
    if (screen()) screen()->on_text(text);
    m_dirty = true;
}

void App::handle_sdl(const SDL_Event& e) {
    using K = ui::PointerEvent::Kind;
    auto logical = [&](float fx, float fy) {  // finger coordinates are 0..1 of the window
        return SDL_Point{int(fx * m_theme.width), int(fy * m_theme.height)};
    };
    switch (e.type) {
    case SDL_QUIT:
        // Lockdown: in production mode nothing a citizen can press closes the kiosk (a window
        // manager's Alt+F4 arrives as SDL_QUIT); systemd stops it with SIGTERM.
        if (m_demo) m_quit = true;
        else LOG_INFO("app") << "quit request ignored (production mode)";
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        auto p = logical(e.tfinger.x, e.tfinger.y);
        inject_pointer(screen(), e.type == SDL_FINGERDOWN ? K::Down : e.type == SDL_FINGERUP ? K::Up : K::Move, p.x, p.y);
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) break;
        m_pointer_down = true;
        inject_pointer(screen(), K::Down, e.button.x, e.button.y);  // logical size: already scaled
        break;
    case SDL_MOUSEMOTION:
        if (m_pointer_down && e.motion.which != SDL_TOUCH_MOUSEID) inject_pointer(screen(), K::Move, e.motion.x, e.motion.y);
        break;
    case SDL_MOUSEBUTTONUP:
        if (!m_pointer_down || e.button.which == SDL_TOUCH_MOUSEID) break;
        m_pointer_down = false;
        inject_pointer(screen(), K::Up, e.button.x, e.button.y);
        break;
    case SDL_KEYDOWN:
        if (auto typed = devices().filter_window_key(e); !typed.empty()) type_text(typed);
        m_devices->on_key(*this, e.key.keysym.sym, e.key.keysym.mod);
        break;
    case SDL_TEXTINPUT:
        // Through the window wedge first: a scanner typing into the window is a scan.
        if (auto typed = devices().filter_window_key(e); !typed.empty()) type_text(typed);
        break;
    case SDL_WINDOWEVENT: m_dirty = true; break;
    default: break;
    }
}

}  // namespace kiosk
