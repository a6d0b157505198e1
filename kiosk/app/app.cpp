// The kiosk application: window, loop, navigation, session and idle handling.
#include "app.h"

#include <SDL_image.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/log.h"
#include "base/secret.h"
#include "drivers/scanner/payload.h"
#include "kiosk/app/device_settings.h"
#include "kiosk/config/production.h"
#include "kiosk/app/devices.h"
#include "kiosk/app/module.h"
#include "kiosk/app/sync_services.h"
#include "kiosk/sync/http.h"
#include "kiosk/ui/pdf_render.h"
#include "kiosk/ui/sdl_memory.h"

namespace kiosk {

// Large-text mode (大字模式) multiplies every text size and the sizes that follow it. The
// citizens' review (issue #13) asks for more than 1.3, but at 1.5 the rating and item screens
// run off the bottom until they scroll: the step waits for that work.
constexpr float kLargeTextScale = 1.3f;

namespace {
// The countdown dialog is refreshed once a second; nothing else needs a timer, so an idle
// kiosk wakes at most this often (the clock in the home header shows minutes).
constexpr int kIdleWakeMs = 250;

// SIGTERM (systemctl stop) and SIGINT end the loop through this flag, not through SDL_QUIT:
// in production mode SDL_QUIT (a window manager's close, Alt+F4) is ignored.
std::atomic<bool> g_terminate{false};
void on_terminate_signal(int) { g_terminate = true; }
}  // namespace

// ---- EventQueue ----------------------------------------------------------------------
void EventQueue::push(Item e) {
    {
        std::lock_guard lock(m_mutex);
        if (m_events.empty()) m_first_waiting = std::chrono::steady_clock::now();
        m_events.push_back(std::move(e));
    }
    if (m_wake) {  // wake the UI thread if it is waiting in SDL_WaitEventTimeout
        SDL_Event ev{};
        ev.type = m_wake;
        SDL_PushEvent(&ev);
    }
}

std::chrono::steady_clock::duration EventQueue::oldest_waiting() const {
    std::lock_guard lock(m_mutex);
    if (m_events.empty()) return {};
    return std::chrono::steady_clock::now() - m_first_waiting;
}

std::deque<EventQueue::Item> EventQueue::take() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_events, {});
}

// ---- App -----------------------------------------------------------------------------
App::App(config::Config cfg, AppOptions opts) : m_config(std::move(cfg)), m_opts(std::move(opts)) {
    m_clock = m_opts.clock ? m_opts.clock : system_clock();
}

Result<std::unique_ptr<App>> App::create(config::Config cfg, AppOptions opts) {
    std::unique_ptr<App> app(new App(std::move(cfg), std::move(opts)));
    TRY(app->init());
    return app;
}

App::~App() {
    for (auto it = m_started_modules.rbegin(); it != m_started_modules.rend(); ++it)
        if ((*it)->stop) (*it)->stop(*this);
    m_pool.reset();  // join workers before the things they post to go away
    m_devices.reset();
    if (m_session) m_session->wipe();
    m_stack.clear();
    m_retired.clear();
    m_countdown.reset();
    m_text.reset();
    m_fonts.reset();
    if (m_renderer) SDL_DestroyRenderer(m_renderer);
    if (m_window) SDL_DestroyWindow(m_window);
    TTF_Quit();
    SDL_Quit();
}

void App::apply_theme() {
    bool landscape = m_config.str("display.orientation") == "landscape";
    m_theme.width = landscape ? 1920 : 1080;
    m_theme.height = landscape ? 1080 : 1920;
    m_theme.px_per_cm = float(m_config.number("display.pixels_per_cm"));
    m_theme.text_scale = m_session && m_session->large_text ? kLargeTextScale : 1.0f;
    // The DEMO band's height: screens lay their headers out below it, so it covers nothing.
    m_theme.top_inset = m_demo && m_text ? demo_band_height() : 0;
}

Status App::init() {
    // Fail closed: a kiosk in production mode never runs on simulators, demo keys or plain http.
    if (auto toys = config::toy_problems(m_config); !toys.empty())
        return make_error(Errc::Rejected, "refusing to start in production mode:\n" + config::describe(toys) +
                                              "\n(a demonstration sets kiosk.mode = \"demo\")");
    m_demo = config::demo_mode(m_config);
    // Start-up phases are logged at debug level: the first frame must come within 100 ms.
    auto t0 = std::chrono::steady_clock::now();
    auto phase = [&](const char* what) {
        LOG_DEBUG("startup") << what << " at "
                             << std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count() / 1000.0
                             << " ms";
    };
    // Before SDL allocates anything of size: the framebuffer goes on huge pages (issue 18).
    ui::install_sdl_memory();
    bool software = m_opts.headless || m_config.str("display.renderer") == "software";
    if (software) {
        // Without this SDL loads EGL/GL and Mesa even for the software renderer: 390 ms and
        // 156 MB to the first frame instead of about 20 ms (measured on these machines, docs/ui.md).
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    if (m_opts.headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    }
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");  // touches arrive once, as finger events
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return make_error(Errc::Unavailable, std::string("SDL_Init: ") + SDL_GetError());
    m_wake_event = SDL_RegisterEvents(1);
    m_events.set_wake_event(m_wake_event);

    SessionTimeouts to;
    to.idle = std::chrono::seconds(m_config.integer("session.idle_timeout_s"));
    to.countdown = std::chrono::seconds(m_config.integer("session.countdown_s"));
    to.attract = std::chrono::seconds(m_config.integer("session.attract_after_s"));
    to.hold_max = std::chrono::seconds(m_config.integer("session.print_hold_max_s"));
    m_session = std::make_unique<Session>(*m_clock, to);
    m_session->language = m_config.str("kiosk.language");
    m_session->large_text = m_config.boolean("display.large_text");
    m_input_rules.allowed_hosts = scanner_settings(m_config).allowed_hosts;
    apply_theme();

    Uint32 flags = SDL_WINDOW_SHOWN;
    int w = m_theme.width, h = m_theme.height;
    if (!m_opts.headless) {
        if (m_config.boolean("display.fullscreen")) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        m_scale = float(m_config.number("display.scale"));
        w = int(w * m_scale);
        h = int(h * m_scale);
    }
    m_window = SDL_CreateWindow("kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!m_window) return make_error(Errc::Unavailable, std::string("SDL_CreateWindow: ") + SDL_GetError());
    Uint32 rflags = software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC;
    m_renderer = SDL_CreateRenderer(m_window, -1, rflags);
    if (!m_renderer && !m_opts.headless) m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_SOFTWARE);
    if (!m_renderer) return make_error(Errc::Unavailable, std::string("SDL_CreateRenderer: ") + SDL_GetError());
    // The UI is laid out for 1080x1920 (or 1920x1080); the renderer scales to the window.
    SDL_RenderSetLogicalSize(m_renderer, m_theme.width, m_theme.height);
    // Lockdown on the console: no Ctrl+Alt+Fn to a login prompt (in an X session the X server's
    // own settings do this: DontVTSwitch, docs/packaging.md).
    if (!m_demo && !m_opts.headless && SDL_GetCurrentVideoDriver() &&
        std::string(SDL_GetCurrentVideoDriver()) == "KMSDRM")
        m_console_lock.lock();
    if (!m_opts.headless) SDL_ShowCursor(m_config.boolean("display.fullscreen") ? SDL_DISABLE : SDL_ENABLE);

    phase("window and renderer");
    m_fonts = TRY(ui::FontLibrary::create(m_config.state_dir() + "/font-cache.txt"));
    phase("fonts");
    m_text = std::make_unique<ui::TextRenderer>(m_renderer, *m_fonts);
    apply_theme();  // again, now that text can be measured (the DEMO band's height)
    std::string strings_dir = m_opts.assets_dir + "/strings";
    m_strings = TRY(ui::Strings::load(strings_dir, {"zh-CN", "en"}));
    m_strings.set_language(m_session->language);

    m_pool = std::make_unique<WorkerPool>(2);
    phase("strings");

    if (!m_opts.out_of_service.empty()) {
        // Nothing to serve with: no modules, only the screen that says so (finish_startup()
        // starts no module either).
        screens::register_all_screens();
        m_screen_services.out_of_service_problem = m_opts.out_of_service;
        navigate("home");
        return {};
    }
    // Only what the home screen shows starts before the first frame (the content it reads its
    // opening hours from); devices and the other modules start in finish_startup().
    for (const auto& m : modules()) {
        if (m.start_at != StartAt::BeforeFirstFrame) continue;
        if (auto r = m.start(*this); !r) LOG_ERROR("app") << "module " << m.name << " did not start: " << r.error().message;
        else m_started_modules.push_back(&m);
    }
    phase("modules before the first frame");
    screens::register_all_screens();
    navigate("home");
    return {};
}

const screens::SessionView& App::session() const {
    // Refreshed on every read: the session changes on the UI thread only, and screens read it
    // a few times a frame at most.
    m_session_view.language = m_session->language;
    m_session_view.large_text = m_session->large_text;
    m_session_view.input_mode = m_session->input_mode;
    if (m_session->identity)
        m_session_view.card = screens::CardView{mask_name(m_session->identity->name.reveal()),
                                                mask_id_number(m_session->identity->id_number.reveal())};
    else
        m_session_view.card.reset();
    m_session_view.login_code = !m_session->login_token.empty();
    return m_session_view;
}

bool App::is_case_receipt(const std::string& case_no, const std::string& query_code) const {
    return scanner::is_valid_case_receipt(case_no, query_code);
}

void App::finish_startup() {
    if (m_startup != Startup::FirstFrame) return;
    m_startup = Startup::Running;
    auto t0 = std::chrono::steady_clock::now();
    // Libraries the first frame does not need are opened at run time (issue 18): open them now,
    // on a worker, so the first request to the platform and the first PDF preview do not wait
    // for them. A failure is logged here (a broken installation) and returned where they are used.
    if (m_opts.out_of_service.empty())
        m_pool->submit([] {
            for (auto st : {sync::preload_http(), ui::preload_pdf()})
                if (!st) LOG_ERROR("startup") << st.error().message;
        });
    auto devices = Devices::create(*this);
    if (!devices) {
        // Devices::create only fails when the process cannot run at all.
        LOG_ERROR("app") << "cannot start the devices: " << devices.error().message;
        std::fprintf(stderr, "kiosk: cannot start the devices: %s\n", devices.error().message.c_str());
        std::exit(1);
    }
    m_devices = std::move(devices.value());
    set_status(m_devices->status());
    if (!m_opts.out_of_service.empty()) {
        // 暂停服务: the devices (all "none") for the status line, no module.
        m_startup = Startup::Done;
        m_dirty = true;
        return;
    }
    for (const auto& m : modules()) {
        if (m.start_at == StartAt::BeforeFirstFrame) {
            bool started = std::find(m_started_modules.begin(), m_started_modules.end(), &m) != m_started_modules.end();
            if (started && m.after_first_frame)
                if (auto r = m.after_first_frame(*this); !r)
                    LOG_ERROR("app") << "module " << m.name << ": " << r.error().message;
            continue;
        }
        if (auto r = m.start(*this); !r) LOG_ERROR("app") << "module " << m.name << " did not start: " << r.error().message;
        else m_started_modules.push_back(&m);
    }
    m_startup = Startup::Done;
    m_dirty = true;
    LOG_DEBUG("startup") << "devices and modules after the first frame: "
                         << std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count() / 1000.0
                         << " ms";
}

void App::run_async(std::function<screens::AppEvent()> work) {
    m_pool->submit([this, work = std::move(work)] { m_events.post(work()); });
}

void App::set_status(screens::AppStatus s) {
    s.platform_online = m_status.platform_online;
    s.platform_down = m_status.platform_down;
    // The home tiles follow the printer (暂停服务): rebuild home when what they read changed
    // (other screens react to their own device events, and keep their scroll and input).
    bool changed = s.printer_can_print != m_status.printer_can_print || s.printer_message_key != m_status.printer_message_key;
    m_status = std::move(s);
    if (changed)
        for (auto& sc : m_stack)
            if (std::string_view(sc->name()) == "home") sc->invalidate();
    m_dirty = true;
}

void App::set_platform_state(bool online, bool down) {
    m_status.platform_online = online;
    if (down && !m_platform_down_since) {
        m_platform_down_since = m_clock->now();
        LOG_INFO("app") << "platform unreachable: services that need it pause if it stays so";
    }
    if (!down && m_platform_down_since) {
        m_platform_down_since.reset();
        if (m_status.platform_down) {
            m_status.platform_down = false;
            LOG_INFO("app") << "platform " << (online ? "reachable" : "unknown") << ": paused services resume";
            for (auto& s : m_stack) s->invalidate();
        }
    }
    m_dirty = true;
}

void App::update_platform_pause() {
    if (!m_platform_down_since || m_status.platform_down) return;
    if (m_clock->now() - *m_platform_down_since < kPlatformDownGrace) return;
    m_status.platform_down = true;
    LOG_INFO("app") << "platform unreachable for " << kPlatformDownGrace.count() << " s: services that need it are paused";
    for (auto& s : m_stack) s->invalidate();
    m_dirty = true;
}

void App::emit(screens::Intent i) { m_intents.push_back(std::move(i)); }

void App::navigate(const std::string& wanted, const std::map<std::string, std::string>& args) {
    // Out of service: every way home (idle wipe, attract, the home button) ends here.
    const std::string name = m_opts.out_of_service.empty() ? wanted : "out_of_service";
    if (name == "out_of_service" && screen_name() == name) return;
    // Every screen but home may use devices and services that start after the first frame.
    if (name != "home" && name != "attract" && name != "out_of_service") finish_startup();
    auto s = screens::make_screen(name, *this, args);
    if (!s) {
        LOG_ERROR("app") << "no screen named '" << name << "'";
        return;
    }
    if (name != "home" && name != "attract" && name != "out_of_service") m_session->begin();
    m_stack.push_back(std::move(s));
    m_dirty = true;
    for (auto& f : m_nav_observers) f(*this, name);
}

void App::go_home() {
    while (!m_stack.empty()) {
        m_stack.back()->on_leave();
        m_retired.push_back(std::move(m_stack.back()));
        m_stack.pop_back();
    }
    navigate("home");
}

void App::end_session() {
    LOG_INFO("session") << "session ended; personal data wiped";
    m_countdown.reset();
    m_countdown_shown = -1;
    go_home();
    // The citizen's screens go now, while the session still zeroes every block the UI thread
    // frees: after the wipe their labels ("受理编号：SL…") would be freed as they are (the case
    // number was found in the heap after an idle wipe, issue 13). No screen code is on the stack
    // here: intents and timers run after the handlers returned.
    m_retired.clear();
    m_session->wipe();
    if (m_devices) m_devices->on_session_end();
    m_text->clear();  // rendered lines may have shown the citizen's (masked) data
    m_session->language = m_config.str("kiosk.language");
    m_session->large_text = m_config.boolean("display.large_text");
    m_strings.set_language(m_session->language);
    apply_theme();
    for (auto& s : m_stack) s->invalidate();
    m_dirty = true;
}

void App::process_intents() {
    using K = screens::Intent::Kind;
    while (!m_intents.empty()) {
        auto intents = std::exchange(m_intents, {});
        for (auto& i : intents) {
            switch (i.kind) {
            case K::Navigate: navigate(i.target, i.args); break;
            case K::Back:
                if (m_stack.size() > 1) {
                    m_stack.back()->on_leave();
                    m_retired.push_back(std::move(m_stack.back()));
                    m_stack.pop_back();
                    m_stack.back()->invalidate();
                }
                break;
            case K::Home: go_home(); break;
            case K::EndSession: end_session(); break;
            case K::SetLanguage:
                m_session->begin();
                m_session->language = i.target;
                m_strings.set_language(i.target);
                for (auto& s : m_stack) s->invalidate();
                break;
            case K::ToggleLargeText:
                m_session->begin();
                m_session->large_text = !m_session->large_text;
                apply_theme();
                for (auto& s : m_stack) s->invalidate();
                break;
            case K::SetInputMode:
                m_session->begin();
                m_session->input_mode = i.target;  // no rebuild: the component already shows it
                break;
            case K::ForgetIdentity:
                if (m_session->identity) m_session->identity->wipe(), m_session->identity.reset();
                m_session->login_token.wipe();
                break;
            case K::KeepSession:
                m_session->keep();
                m_countdown.reset();
                m_countdown_shown = -1;
                break;
            case K::Request:
            case K::CancelRequest: {
                auto it = m_request_handlers.find(i.target);
                if (it != m_request_handlers.end()) it->second(*this, i);
                else if (!devices().handle_request(*this, i))
                    LOG_WARN("app") << "no handler for request '" << i.target << "'";
                break;
            }
            }
            m_dirty = true;
        }
    }
}

void App::handle_device_input(DeviceInput input) {
    if (auto e = classify_device_input(std::move(input), *m_session, m_input_rules)) handle_event(*e);
}

void App::handle_event(const screens::AppEvent& e) {
    using K = screens::AppEvent::Kind;
    if (e.kind == K::CardPlaced || e.kind == K::ReceiptScanned || e.kind == K::LoginCodeScanned ||
        e.kind == K::UrlScanned || e.kind == K::ScanRejected)
        m_session->begin();
    // A reader fault changes what the card screen may promise (issue 19): refresh the status.
    if ((e.kind == K::PrinterStatus || e.kind == K::ReaderFault) && m_devices) set_status(m_devices->status());
    // A print under way (sending, printing, paused for paper/jam/door) holds the idle countdown;
    // its end (completed, failed, canceled, needs-attention) releases it (issue #13).
    if (e.kind == K::RequestUpdate && e.name == "print")
        m_session->hold(e.text == "sending" || e.text == "printing" || e.text == "stopped");
    if (e.kind == K::ContentChanged)
        for (auto& s : m_stack) s->invalidate();
    for (auto& f : m_event_observers) f(*this, e);
    if (screen()) screen()->on_event(e);
    m_dirty = true;
}

void App::show_countdown() {
    int left = m_session->countdown_left();
    if (m_countdown && left == m_countdown_shown) return;
    m_countdown_shown = left;
    m_countdown = std::make_unique<ui::Dialog>(m_strings.tr("idle.title"),
                                              m_strings.format("idle.message", {{"seconds", std::to_string(left)}}));
    m_countdown->add_button(m_strings.tr("idle.continue"), [this] { emit({screens::Intent::Kind::KeepSession, ""}); },
                            ui::ButtonStyle::Primary);
    m_countdown->add_button(m_strings.tr("idle.finish"), [this] { emit({screens::Intent::Kind::EndSession, ""}); });
    m_countdown->layout(*m_text, m_theme, {0, 0, m_theme.width, m_theme.height});
    m_dirty = true;
}

void App::update_session() {
    if (auto limit = screen() ? screen()->idle_limit() : std::nullopt) {
        // A screen with its own limit (the technician's): no countdown, it simply ends.
        if (m_countdown) {
            m_countdown.reset();
            m_countdown_shown = -1;
            m_dirty = true;
        }
        if (m_session->idle_for() >= *limit) {
            LOG_INFO("app") << "screen '" << screen_name() << "' ended after " << limit->count() << " s without a touch";
            end_session();
        }
        return;
    }
    if (m_session->update()) {
        end_session();
        return;
    }
    if (m_session->phase() == Session::Phase::Countdown) {
        show_countdown();
    } else if (m_countdown) {
        m_countdown.reset();
        m_countdown_shown = -1;
        m_dirty = true;
    }
    if (m_session->attract_due() && screen_name() == "home") {
        navigate("attract");
    }
}

void refresh_content_if_stale(App& app);  // content_module.cpp

void App::frame(bool force_draw) {
    // The frame after the first one starts the rest of the kiosk (devices, modules).
    if (m_frames > 0) finish_startup();
    // New content switched in by another process is picked up within about a second.
    if (m_clock->now() - m_last_content_check >= std::chrono::seconds(1)) {
        m_last_content_check = m_clock->now();
        refresh_content_if_stale(*this);
    }
    SDL_Event e;
    while (SDL_PollEvent(&e)) handle_sdl(e);
    if (m_devices)
        if (auto typed = m_devices->poll_window_wedge(SDL_GetTicks()); !typed.empty()) type_text(typed);
    for (auto& item : m_events.take()) {
        if (auto* ev = std::get_if<screens::AppEvent>(&item)) handle_event(*ev);
        else handle_device_input(std::move(std::get<DeviceInput>(item)));
    }
    process_intents();
    check_corner_hold();
    update_session();
    update_platform_pause();
    process_intents();
    m_retired.clear();
    if (screen()) {
        if (screen()->tick(m_clock->now())) m_dirty = true;
        screen()->on_tick(m_clock->now());
    }
    if (m_dirty || force_draw) draw();
    notify_systemd();
}

void App::draw() {
    m_dirty = false;
    const auto& bg = m_theme.background;
    SDL_SetRenderDrawColor(m_renderer, bg.r, bg.g, bg.b, 0xFF);
    SDL_RenderClear(m_renderer);
    ui::Canvas canvas{m_renderer, *m_text, m_theme, m_clock->now()};
    if (screen()) {
        screen()->ensure_built();
        screen()->draw(canvas);
        if (screen()->tick(m_clock->now())) m_dirty = true;
    }
    // 暂停服务 already says everything: no printer banner (its devices are off) over it.
    if (screen_name() != "attract" && screen_name() != "out_of_service") draw_status_banner(canvas);
    draw_config_banner(canvas);
    if (m_countdown) m_countdown->draw(canvas);
    if (m_demo) draw_demo_band(canvas);
    SDL_RenderPresent(m_renderer);
    ++m_frames;
    m_notifier.ready();  // READY=1 once the first frame is on the screen
}

std::vector<ui::Widget*> App::visible_widgets() const {
    if (m_countdown) return {m_countdown.get()};
    return screen() ? screen()->widgets() : std::vector<ui::Widget*>{};
}

nlohmann::json App::dump() const {
    nlohmann::json widgets = nlohmann::json::array();
    if (screen()) {
        screen()->ensure_built();
        screen()->dump(widgets);
    }
    if (!m_status.printer_message_key.empty() && screen_name() != "attract" && screen_name() != "out_of_service")
        widgets.push_back({{"type", "banner"}, {"id", "printer-status"}, {"text", m_strings.tr(m_status.printer_message_key)}});
    if (!m_opts.config_problem.empty() && screen_name() != "attract")
        widgets.push_back({{"type", "banner"}, {"id", "config-fallback"}, {"text", m_strings.tr("technician.config_fallback")}});
    if (m_countdown) m_countdown->dump(widgets);
    if (m_demo)
        widgets.push_back({{"type", "banner"},
                           {"id", "demo-band"},
                           {"text", m_strings.tr("mode.demo_band")},
                           {"bounds", {0, 0, m_theme.width, m_demo_band_height}}});
    return {{"screen", screen_name()},
            {"language", m_session->language},
            {"large_text", m_session->large_text},
            {"size", {m_theme.width, m_theme.height}},
            {"session", m_session->phase() == Session::Phase::Idle ? "idle"
                        : m_session->phase() == Session::Phase::Active ? "active" : "countdown"},
            {"widgets", widgets}};
}

Status App::screenshot(const std::string& path) {
    draw();  // the back buffer must hold a complete frame before it is read
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(m_renderer, &w, &h);
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) return make_error(Errc::Internal, SDL_GetError());
    // Read back what was just drawn: draw() again without presenting is not needed with the
    // software renderer, whose target keeps the last frame.
    int rc = SDL_RenderReadPixels(m_renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch);
    Status result;
    if (rc != 0) result = make_error(Errc::Internal, std::string("read pixels: ") + SDL_GetError());
    else if (IMG_SavePNG(s, path.c_str()) != 0) result = make_error(Errc::Io, path + ": " + IMG_GetError());
    SDL_FreeSurface(s);
    return result;
}

int App::run() {
    // Replaces SDL's own handlers, which would turn SIGTERM into SDL_QUIT (ignored in production).
    struct sigaction sa {};
    sa.sa_handler = on_terminate_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    while (!m_quit && !g_terminate) {
        SDL_Event e;
        bool animating = m_dirty || m_startup != Startup::Done;
        if (SDL_WaitEventTimeout(&e, animating ? 1 : kIdleWakeMs)) handle_sdl(e);
        frame();
    }
    return m_exit_code;
}

}  // namespace kiosk
