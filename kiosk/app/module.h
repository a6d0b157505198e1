// App modules: each area (content, sync, wayfinding, journeys) wires its services into the app
// from its own file, without editing app.cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk {

class App;

struct AppModule {
    std::string name;
    /// Modules start in ascending order (content before the screens that read it, the
    /// platform client before the journeys that call it).
    int order = 100;
    /// Called once on the UI thread after the devices exist and before the home screen is
    /// shown: provide services (app.provide), request handlers (app.on_request), session
    /// wipers. An error is logged and the kiosk runs without the module.
    std::function<Status(App&)> start;
    /// Called on the UI thread before the app shuts down (join threads here).
    std::function<void(App&)> stop = {};
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
