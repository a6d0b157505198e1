// App modules: each area (content, sync, wayfinding, journeys) wires its services into the app
// from its own file, without editing app.cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk {

class App;

/// When a module starts. The first frame must be on screen within 100 ms of the process
/// starting (issue #18), so only what that frame shows starts before it; everything else
/// (devices, sync, maps, search index, input dictionaries) starts right after it.
enum class StartAt { AfterFirstFrame, BeforeFirstFrame };

struct AppModule {
    std::string name;
    /// Modules start in ascending order (content before the screens that read it, the
    /// platform client before the journeys that call it).
    int order = 100;
    /// Called once on the UI thread: provide services (app.provide), request handlers
    /// (app.on_request), session wipers. With StartAt::AfterFirstFrame (the default) the
    /// devices exist and the home screen has been presented once; screens other than home are
    /// never shown before. An error is logged and the kiosk runs without the module.
    /// Slow loading (dictionaries, indexes) belongs on a worker: app.run_async.
    std::function<Status(App&)> start;
    /// Called on the UI thread before the app shuts down (join threads here).
    std::function<void(App&)> stop = {};
    StartAt start_at = StartAt::AfterFirstFrame;
    /// Optional second step of a BeforeFirstFrame module, run after the first frame (e.g. the
    /// search index of the content the home screen already shows).
    std::function<Status(App&)> after_first_frame = {};
};

void register_module(AppModule m);
const std::vector<AppModule>& modules();

struct ModuleRegistration {
    explicit ModuleRegistration(AppModule m) { register_module(std::move(m)); }
};

}  // namespace kiosk

/// In a module's .cpp (kiosk_app is an OBJECT library, so the registration always runs):
///   KIOSK_APP_MODULE(content, {"content", 10, [](kiosk::App& app) -> kiosk::Status { ... }});
#define KIOSK_APP_MODULE(ident, ...) \
    static const ::kiosk::ModuleRegistration kiosk_app_module_##ident(::kiosk::AppModule __VA_ARGS__);
