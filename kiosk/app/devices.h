// The one place that chooses real or simulated devices from the configuration and wires
// their events to the UI thread.
#pragma once

#include <SDL.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
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

    /// Window wedge (scanner.driver = window): SDL text input and Enter/Tab key-downs pass
    /// through the wedge, which tells a scanner typing into the window from a person by key
    /// timing. Returns the text that is a person's typing, for the screen (empty while held).
    /// Without a window wedge the text comes straight back.
    std::string filter_window_key(const SDL_Event& e);
    /// Every frame: keys held by the wedge go back as typing once a person's gap shows.
    std::string poll_window_wedge(Uint32 now_ms);

    /// Keys of the windowed demo (F1–F4 cards, F5 remove, F6 scan a case receipt, …).
    void on_key(App& app, SDL_Keycode key, Uint16 mod);
    /// Device-side requests from screens (print, cancel print); false if not a device request.
    bool handle_request(App& app, const screens::Intent& intent);
    /// Prints a PDF held in memory (a certificate from the platform, which must never be on
    /// disk in clear): the bytes go into an anonymous memory file (memfd) whose
    /// /proc/self/fd path the print service reads; the memfd is closed as soon as the printer
    /// has the job (phase printing) or the job ends. Progress arrives like a "print" request's
    /// (RequestUpdate "print"); `on_final(phase)` runs on the print service's thread once the
    /// job is final (done, failed, canceled, needs-attention). Errors: Unavailable (no
    /// printer), Io (memfd).
    /// `copies` (1..99) goes to the printer as the job's copies.
    Status print_from_memory(App& app, std::string_view pdf, const std::string& kind,
                             std::function<void(const std::string& phase)> on_final = {}, int copies = 1);
    /// True when the printer says it prints in colour (asks the printer: call it from a worker).
    bool printer_prints_color();
    /// The citizen's session ended: cancel their print job, forget their card.
    void on_session_end();
    /// Cached health for the platform's heartbeat (any thread; never blocks): printer state
    /// ("idle", "printing", "no-paper", "cover-open", "jam", "offline", "error", "none"), its
    /// conditions by name ("toner-low", …), reader and scanner states ("ready", …, "none").
    struct Health {
        std::string printer_state;
        std::vector<std::string> printer_reasons;
        std::string reader, scanner;
    };
    Health health() const;
    /// A line per device for logs and health: "printer: sim ready", …
    std::string describe() const;

    struct Impl;

private:
    explicit Devices(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk
