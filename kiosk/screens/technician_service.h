// What the technician app module gives the technician screens: the kiosk's state, plain values only (no driver or sync type).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/secret.h"

namespace kiosk::screens {

/// A snapshot for the technician screen. Nothing personal: job names are document kinds,
/// the outbox is counted, never read.
struct TechnicianStatus {
    std::string printer_state;                 ///< "idle", "printing", "no-paper", … ("none": no printer)
    std::vector<std::string> printer_reasons;  ///< conditions by name ("toner-low", …)
    struct Supply {
        std::string name;
        int level = -1;  ///< percent, -1 unknown
    };
    std::vector<Supply> supplies;
    struct Job {
        std::string name, phase, reason;
        int64_t created_ms = 0;  ///< wall ms
    };
    std::vector<Job> recent_jobs;  ///< newest first
    std::string reader, scanner;   ///< "ready", "no-device", … ("none": not configured)
    int64_t outbox_depth = -1;     ///< -1: no outbox
    int64_t dead_letters = 0;
    bool outbox_alarm = false;
    bool platform_online = false;
    int64_t last_sync_ms = 0;      ///< wall ms of the last batch the platform took (0: never)
    std::string content_version;   ///< "" when no content is installed
    std::vector<std::string> addresses;  ///< "eth0 192.168.1.20", loopback left out
    int64_t disk_free_mb = -1, disk_total_mb = -1;  ///< of the state dir's file system
    std::string app_version, kiosk_id;
};

/// ScreenServices::technician: set by the technician module while a PIN is configured.
struct TechnicianService {
    /// The state now (reads caches and the print journal: quick, never waits on a device).
    std::function<TechnicianStatus()> status;
    /// The lock of the PIN pad: wall ms until which it refuses PINs (0: open), and the tries
    /// left before it locks.
    std::function<std::pair<int64_t, int>()> pin_lock;
    /// Checks a typed PIN (on a worker); the answer comes as RequestUpdate "technician.pin".
    /// A function taking a Secret, not a Request intent: an intent's args are plain strings,
    /// freed unwiped, and the PIN must never be one on its way from the pad to Argon2id.
    std::function<void(Secret pin)> check_pin;
};

}  // namespace kiosk::screens
