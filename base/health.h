// Health conditions of this process (damaged database, platform refusing, config fallback): raised and cleared by whoever notices, read by the heartbeat and the home screen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::health {

/// One condition a technician should know about. `id` is stable and machine-readable
/// ("db.outbox.quarantined", "platform.refused", "config.fallback"); `detail` is for people
/// who service the kiosk (never personal data).
struct Condition {
    std::string id;
    std::string detail;
    int64_t since_ms = 0;  ///< wall time it was first raised (for reports, not for ages)
};

/// Raises (or updates) a condition. Logs one line when it is new or its detail changed,
/// never per repetition: a fault that persists for hours logs once (issue 19).
void raise(const std::string& id, const std::string& detail);
/// Clears a condition; logs one line if it was raised.
void clear(const std::string& id);
/// Clears every condition whose id starts with `prefix`.
void clear_prefix(const std::string& prefix);
bool active(const std::string& id);
/// Every raised condition, sorted by id. Thread-safe.
std::vector<Condition> snapshot();
/// Forgets everything (tests).
void reset();

}  // namespace kiosk::health
