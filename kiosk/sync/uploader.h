// The uploader: a thread that drains the outbox to the platform with back-off and per-record acks.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "kiosk/sync/http.h"
#include "kiosk/sync/outbox.h"

namespace kiosk::config { class Config; }

namespace kiosk::sync {

struct UploaderOptions {
    /// Databases holding outbox tables, drained in this order (the first is <state>/outbox.db).
    std::vector<std::string> databases;
    OutboxLimits limits;
    int batch_size = 200;
    std::chrono::seconds backoff_max{900};
    /// First back-off after a failure; doubles each failure up to backoff_max. One second
    /// so a short network blip costs little, while a long outage settles at the cap.
    std::chrono::milliseconds backoff_min{1000};
    /// How often an idle uploader looks for records queued without wake() (another
    /// process such as kioskctl, or a module that does not know the uploader).
    std::chrono::seconds idle_poll{15};
    /// How often the size and age caps are applied while running.
    std::chrono::seconds caps_interval{600};

    static UploaderOptions from_config(const config::Config&);
};

enum class Link { Unknown, Online, Offline, AuthFailed };
const char* link_name(Link);

/// A snapshot for the UI, health reports and kioskctl.
struct UploaderStatus {
    Link link = Link::Unknown;
    int64_t last_success_ms = 0;   ///< wall time of the last acknowledged batch (0: never)
    int64_t depth = 0;             ///< records waiting (approximate while draining)
    int64_t dead_letters = 0;
    bool alarm = false;            ///< outbox full of audit records
    int consecutive_failures = 0;
    int64_t failed_attempts = 0;   ///< ever, for tests and health
    std::chrono::milliseconds backoff{0};  ///< current wait before the next attempt
    std::string last_error;        ///< for technicians (no personal data)
    int64_t uploaded = 0, duplicates = 0, dead_lettered = 0;  ///< since start
};

/// Result of one synchronous drain (kioskctl sync now).
struct DrainResult {
    int64_t uploaded = 0, duplicates = 0, dead_lettered = 0, remaining = 0;
    bool complete = false;  ///< the outbox is empty
    std::string error;      ///< why it stopped early
};

class Uploader {
public:
    static Result<std::unique_ptr<Uploader>> create(PlatformSettings settings, UploaderOptions options,
                                                    std::shared_ptr<Clock> clock = system_clock());
    ~Uploader();

    /// Starts the uploader thread.
    Status start();
    /// Stops and joins the thread (also done by the destructor).
    void stop();
    /// Records were queued: upload soon. `Urgent` also cuts a back-off short (call-staff).
    enum class Urgency { Normal, Urgent };
    void wake(Urgency = Urgency::Normal);
    UploaderStatus status() const;
    /// Called on the uploader thread after every attempt and status change. Keep it short:
    /// copy the status and post it to the UI thread.
    void set_status_callback(std::function<void(const UploaderStatus&)> cb);

    /// Uploads on the calling thread until the outbox is empty or the platform fails or
    /// refuses; no back-off. Do not call while the thread runs.
    DrainResult drain_now();

private:
    Uploader(PlatformSettings s, UploaderOptions o, std::shared_ptr<Clock> c)
        : m_settings(std::move(s)), m_options(std::move(o)), m_clock(std::move(c)) {}
    struct Worker;
    void run(std::stop_token stop);
    void publish(const std::function<void(UploaderStatus&)>& change);
    bool wait(Clock::time_point deadline, bool urgent_only, std::stop_token stop);

    PlatformSettings m_settings;
    UploaderOptions m_options;
    std::shared_ptr<Clock> m_clock;
    mutable std::mutex m_mutex;
    UploaderStatus m_status;
    std::function<void(const UploaderStatus&)> m_callback;
    std::stop_source m_wait_source;
    bool m_waiting_urgent_only = false;
    bool m_wake_pending = false, m_urgent_pending = false;
    std::jthread m_thread;
};

}  // namespace kiosk::sync
