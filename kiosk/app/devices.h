// The one place that chooses real or simulated devices from the configuration and wires
// their events to the UI thread.
#pragma once

#include <SDL.h>

#include <memory>
#include <string>

#include "drivers/common/result.h"
#include "kiosk/screens/screen.h"

namespace kiosk {

class App;

class Devices {
public:
    static Result<std::unique_ptr<Devices>> create(App& app);
    ~Devices();

    /// Status snapshot for the screens (never blocks).
    screens::AppStatus status() const;

    // Simulation hooks for scripts and the windowed demo's keys. They fail with a clear
    // message when the configured device cannot be simulated (a real reader, say).
    Status simulate_card(const std::string& name);
    Status simulate_card_removed();
    Status simulate_scan(const std::string& text);
    Status simulate_printer(const std::string& condition);

    /// Keys of the windowed demo (F1–F4 cards, F5 remove, F6 scan a case receipt, …).
    void on_key(App& app, SDL_Keycode key, Uint16 mod);
    /// Device-side requests from screens (print, cancel print); false if not a device request.
    bool handle_request(App& app, const screens::Intent& intent);
    /// The citizen's session ended: cancel their print job, forget their card.
    void on_session_end();
    /// A line per device for logs and health: "printer: sim ready", …
    std::string describe() const;

    struct Impl;

private:
    explicit Devices(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk
