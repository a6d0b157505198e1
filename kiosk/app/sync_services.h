// What the "sync" app module (sync_module.cpp) provides to screens and other modules.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

namespace kiosk {

/// Services (App::service / ScreenContext::service), all provided by the sync module:
///   "outbox"            → std::shared_ptr<sync::Outbox>        (thread-safe post())
///   "platform_settings" → sync::PlatformSettings               (make a PlatformClient per thread)
///   "sync_status"       → std::shared_ptr<SyncStatus>          (any thread)
///   "remote_notice"     → std::shared_ptr<const RemoteNotice>  (UI thread; null: no notice)
///   "kiosk_location"    → std::string                          (kiosk.location, shown on 呼叫帮办)
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

/// A notice sent by the platform (show-notice): shown on the home screen until `until_ms`
/// (wall time, milliseconds since the epoch).
struct RemoteNotice {
    std::string text;
    int64_t until_ms = 0;
};

/// Exit code of the kiosk after a remote "restart" command: systemd restarts the unit
/// (RestartForceExitStatus=75, or Restart=always). 75 is EX_TEMPFAIL.
inline constexpr int kRestartExitCode = 75;

}  // namespace kiosk
