// Heartbeat: device health to the platform every N seconds, remote commands back to the app.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "base/clock.h"
#include "kiosk/sync/content_update.h"
#include "kiosk/sync/platform_client.h"
#include "kiosk/sync/uploader.h"

namespace kiosk::sync {

struct HeartbeatCallbacks {
    /// Fills the device part of the health report. Called on the heartbeat thread: read
    /// cached device status only (never block on a device).
    std::function<DeviceHealth()> health;
    /// Every remote command, on the heartbeat thread (post it to the UI thread). For
    /// refresh-content the content update has already run when this is called.
    std::function<void(const RemoteCommand&)> on_command;
    /// After every content update attempt (start-up, refresh-content), on the heartbeat thread.
    std::function<void(const Result<ContentUpdateResult>&)> on_content_update;
};

class Heartbeat {
public:
    /// `uploader` (optional) fills the outbox fields; `content` (optional) is updated once
    /// at start and on every refresh-content command.
    static Result<std::unique_ptr<Heartbeat>> create(PlatformSettings settings, std::chrono::seconds interval,
                                                     HeartbeatCallbacks callbacks, std::shared_ptr<Clock> clock = system_clock(),
                                                     Uploader* uploader = nullptr, ContentUpdater* content = nullptr);
    ~Heartbeat();
    Status start();
    void stop();
    /// Sends a heartbeat now (wakes the thread).
    void beat_now();
    /// Number of heartbeats the platform acknowledged, and the last error (for tests, health).
    int64_t sent() const;
    std::string last_error() const;

private:
    Heartbeat() = default;
    void run(std::stop_token stop);
    PlatformSettings m_settings;
    std::chrono::seconds m_interval{300};
    HeartbeatCallbacks m_cb;
    std::shared_ptr<Clock> m_clock;
    Uploader* m_uploader = nullptr;
    ContentUpdater* m_content = nullptr;
    mutable std::mutex m_mutex;
    std::stop_source m_wait;
    bool m_pending = false;
    int64_t m_sent = 0;
    std::string m_last_error;
    std::jthread m_thread;
};

}  // namespace kiosk::sync
