// What the "sync" app module (sync_module.cpp) provides to screens and other modules.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/result.h"
#include "kiosk/sync/http.h"

namespace kiosk::sync {
class Outbox;
}

namespace kiosk {

/// What the sync module provides: to other modules, App::app_services() (below); to screens,
/// App::screen_services().remote_notice (UI thread; null: no notice) and .kiosk_location
/// (kiosk.location, shown on 呼叫帮办).
/// Requests (Intent::Kind::Request), answered by AppEvent{RequestUpdate, name, stage, ok, payload}:
///   "rate"       args level "1".."5", reasons "a,b" (codes), service → stage "done" | "failed"
///   "call_staff" args reason (code, optional) → "sent" (payload std::string ticket) |
///                "queued" (offline: kept in the outbox) | "failed" (not even queued);
///                after "queued", "sent" may follow once the platform is reachable again.

/// The uploader's link and outbox, for the UI and health (written by the uploader thread).
class SyncStatus {
public:
    struct Snapshot {
        bool online = false;
        int64_t depth = 0, dead_letters = 0;
        bool alarm = false;
    };
    Snapshot get() const {
        std::lock_guard lock(m_mutex);
        return m_s;
    }
    void set(const Snapshot& s) {
        std::lock_guard lock(m_mutex);
        m_s = s;
    }

private:
    mutable std::mutex m_mutex;
    Snapshot m_s;
};

/// Services app modules share with each other (set by the sync module at start, UI thread).
struct AppServices {
    std::shared_ptr<sync::Outbox> outbox;                  ///< thread-safe post(); null: no outbox
    std::optional<sync::PlatformSettings> platform_settings;  ///< make a PlatformClient per thread
    std::shared_ptr<SyncStatus> sync_status;               ///< any thread
    /// The script step `copier CONDITION`: a simulated scanner fault (copy module; sim driver only).
    std::function<Status(const std::string&)> simulate_copier;
};

/// Exit code of the kiosk after a remote "restart" command: systemd restarts the unit
/// (RestartForceExitStatus=75, or Restart=always). 75 is EX_TEMPFAIL.
inline constexpr int kRestartExitCode = 75;

}  // namespace kiosk
