// The kiosk application: SDL window, event loop, navigation, session, devices and services.
#pragma once

#include <SDL.h>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "kiosk/app/device_input.h"
#include "kiosk/app/console_lock.h"
#include "kiosk/app/systemd_notify.h"
#include "kiosk/app/session.h"
#include "kiosk/app/sync_services.h"
#include "kiosk/app/worker_pool.h"
#include "kiosk/config/config.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/text.h"

namespace kiosk {

class Devices;

struct AppOptions {
    bool headless = false;       ///< SDL offscreen driver, software renderer
    std::shared_ptr<Clock> clock;///< a VirtualClock for scripted runs
    std::string assets_dir;
    /// Non-empty: the configuration could not be loaded and there is no last good one. The
    /// kiosk shows only the 暂停服务 screen, with this text for a technician (issue 19).
    std::string out_of_service;
    /// Non-empty: running on the last good configuration because the given one failed; a
    /// banner for technicians says so (and this text is in the health report).
    std::string config_problem;
};

/// Events from other threads, handed to the UI thread in order: app events, and raw device
/// output that the UI thread classifies (device_input.h) before any screen sees it.
class EventQueue {
public:
    using Item = std::variant<screens::AppEvent, DeviceInput>;
    void post(screens::AppEvent e) { push(Item(std::move(e))); }
    void post(DeviceInput d) { push(Item(std::move(d))); }
    std::deque<Item> take();
    void set_wake_event(Uint32 type) { m_wake = type; }
    /// How long the oldest event not yet taken has waited (zero when none): the watchdog
    /// stops when the UI thread no longer drains the queue.
    std::chrono::steady_clock::duration oldest_waiting() const;

private:
    void push(Item item);
    mutable std::mutex m_mutex;
    std::deque<Item> m_events;
    std::chrono::steady_clock::time_point m_first_waiting{};
    Uint32 m_wake = 0;
};

class App final : public screens::ScreenContext {
public:
    static Result<std::unique_ptr<App>> create(config::Config cfg, AppOptions opts);
    ~App() override;

    /// Windowed main loop; returns the exit code.
    int run();
    /// One frame: input, device events, intents, session timers, animation, drawing (only
    /// when something changed). `force_draw` draws even if nothing changed.
    void frame(bool force_draw = false);
    /// Ends run() with `exit_code` (kRestartExitCode after a remote restart command).
    void quit(int exit_code = 0) {
        m_exit_code = exit_code;
        m_quit = true;
    }

    /// True once something asked the loop to end (quit(), a demo's Escape or window close).
    bool quit_requested() const { return m_quit; }

    // --- for the script runner and tests ---
    void inject_pointer(screens::Screen*, ui::PointerEvent::Kind, int x, int y);
    void tap(int x, int y);
    /// Press at (x, y), keep the finger there while the clock advances `seconds` in frames of
    /// 50 ms, then lift: the corner hold that opens the technician's PIN pad (script `hold`).
    void hold(VirtualClock& clock, int x, int y, double seconds);
    void type_text(const std::string& text);
    /// Visible widgets, the app's own overlay (countdown dialog) first.
    std::vector<ui::Widget*> visible_widgets() const;
    nlohmann::json dump() const;
    Status screenshot(const std::string& png_path);
    screens::Screen* screen() const { return m_stack.empty() ? nullptr : m_stack.back().get(); }
    std::string screen_name() const { return screen() ? screen()->name() : ""; }
    /// The devices; starts what waits for the first frame if it has not started yet.
    Devices& devices() {
        finish_startup();
        return *m_devices;
    }
    /// Starts what the first frame does not need: devices, and the modules that start after
    /// the first frame (module.h). frame() calls it once a frame has been presented, navigate()
    /// before any screen but home; idempotent.
    void finish_startup();
    bool started() const { return m_startup == Startup::Done; }
    /// The citizen's session itself (identity, login token, timers, wipe): the app's and its
    /// modules'. Screens see only ScreenContext::session(), a masked read-only view.
    Session& session_state() { return *m_session; }
    EventQueue& events() { return m_events; }
    const config::Config& config() const { return m_config; }
    /// kiosk.mode = "demo" (simulators, demo keys and plain http allowed; a DEMO band shows).
    bool demo_mode() const { return m_demo; }
    /// The assets folder (string catalogs, demo data) the app was started with.
    const std::string& assets_dir() const { return m_opts.assets_dir; }
    const AppOptions& options() const { return m_opts; }
    SDL_Renderer* renderer() const { return m_renderer; }
    Uint64 frames_drawn() const { return m_frames; }

    // --- ScreenContext ---
    const ui::Theme& theme() const override { return m_theme; }
    const ui::Strings& strings() const override { return m_strings; }
    ui::TextRenderer& text() override { return *m_text; }
    const Clock& clock() const override { return *m_clock; }
    const screens::AppStatus& status() const override { return m_status; }
    const screens::SessionView& session() const override;
    void emit(screens::Intent) override;
    const screens::ScreenServices& services() const override { return m_screen_services; }
    bool is_case_receipt(const std::string& case_no, const std::string& query_code) const override;

    /// What modules provide to screens (content, search, map, notice, location): typed fields,
    /// set on the UI thread.
    screens::ScreenServices& screen_services() { return m_screen_services; }
    /// What modules provide to each other (outbox, platform settings, sync status).
    AppServices& app_services() { return m_app_services; }
    /// Runs `work` on a worker thread and posts its AppEvent back to the UI thread.
    void run_async(std::function<screens::AppEvent()> work);
    /// Device status (from Devices::status()); the platform fields are kept.
    void set_status(screens::AppStatus s);
    /// The platform's reachability (sync module, UI thread). Services that need the platform
    /// pause only once it has been unreachable for kPlatformDownGrace.
    void set_platform_state(bool online, bool down);
    /// A platform that fails one contact may be a blip, and each journey already says so and
    /// offers a retry; unreachable for two minutes (the next heartbeat or upload attempts
    /// confirmed nothing changed) it is an outage, and the home tiles say 暂停服务 before a
    /// citizen starts (issue 19). On the app's clock, so scripted runs fast-forward it.
    static constexpr std::chrono::seconds kPlatformDownGrace{120};
    /// Handles service requests from screens (print, certificates, case lookup, …).
    using RequestHandler = std::function<void(App&, const screens::Intent&)>;
    void on_request(const std::string& name, RequestHandler h) { m_request_handlers[name] = std::move(h); }
    /// Modules observe, on the UI thread: every AppEvent (before the screen sees it), and
    /// every screen navigated to (usage statistics).
    void observe_events(std::function<void(App&, const screens::AppEvent&)> f) { m_event_observers.push_back(std::move(f)); }
    void observe_navigation(std::function<void(App&, const std::string&)> f) { m_nav_observers.push_back(std::move(f)); }
    /// The hidden gesture: a finger held kCornerHold in the top-left corner of the home screen
    /// calls `f` (the technician module opens its PIN pad). None set: the gesture does nothing.
    void on_corner_hold(std::function<void(App&)> f) { m_corner_hold = std::move(f); }
    /// How long the corner must be held, and the corner's side (layout pixels). Five seconds:
    /// no citizen rests a finger on an empty title that long by chance; a technician knows to.
    static constexpr std::chrono::seconds kCornerHold{5};

    void navigate(const std::string& name, const std::map<std::string, std::string>& args = {});
    void go_home();
    void end_session();

private:
    App(config::Config cfg, AppOptions opts);
    Status init();
    void apply_theme();
    void handle_sdl(const SDL_Event& e);
    void handle_event(const screens::AppEvent& e);
    void handle_device_input(DeviceInput input);
    void process_intents();
    void update_session();
    void draw();
    void draw_status_banner(ui::Canvas& c);
    void draw_config_banner(ui::Canvas& c);
    void draw_demo_band(ui::Canvas& c);
    int demo_band_height();
    void show_countdown();
    void notify_systemd();
    bool in_hold_corner(int x, int y) const;
    void check_corner_hold();
    void update_platform_pause();

    config::Config m_config;
    AppOptions m_opts;
    std::shared_ptr<Clock> m_clock;
    SDL_Window* m_window = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    std::unique_ptr<ui::FontLibrary> m_fonts;
    std::unique_ptr<ui::TextRenderer> m_text;
    ui::Theme m_theme;
    ui::Strings m_strings;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<Devices> m_devices;
    std::vector<screens::ScreenPtr> m_stack;
    std::vector<screens::ScreenPtr> m_retired;  // left screens, destroyed after the frame
    std::vector<screens::Intent> m_intents;
    EventQueue m_events;
    screens::AppStatus m_status;
    std::optional<Clock::time_point> m_platform_down_since;  ///< first failed contact of this outage
    screens::ScreenServices m_screen_services;
    AppServices m_app_services;
    InputRules m_input_rules;
    mutable screens::SessionView m_session_view;
    std::map<std::string, RequestHandler> m_request_handlers;
    std::vector<std::function<void(App&, const screens::AppEvent&)>> m_event_observers;
    std::vector<std::function<void(App&, const std::string&)>> m_nav_observers;
    std::unique_ptr<ui::Dialog> m_countdown;
    int m_countdown_shown = -1;
    std::unique_ptr<class WorkerPool> m_pool;
    std::vector<const struct AppModule*> m_started_modules;
    bool m_demo = false;
    int m_demo_band_height = 0;  ///< kiosk.mode = "demo": simulators allowed, DEMO band, keys may quit
    enum class Startup { FirstFrame, Running, Done } m_startup = Startup::FirstFrame;
    bool m_dirty = true;
    bool m_quit = false;
    int m_exit_code = 0;
    bool m_pointer_down = false;
    std::function<void(App&)> m_corner_hold;
    std::optional<Clock::time_point> m_hold_since;  ///< a finger is down in the corner since
    bool m_swallow_touch = false;  ///< the finger that opened the PIN pad: ignored until lifted
    Uint64 m_frames = 0;
    Uint32 m_wake_event = 0;
    float m_scale = 1.0f;
    Clock::time_point m_last_content_check{};
    SystemdNotifier m_notifier;
    ConsoleSwitchLock m_console_lock;
    std::chrono::steady_clock::time_point m_last_status_line{};
};

}  // namespace kiosk
