// The technician PIN pad's lockout: wrong PINs counted and the 15-minute lock kept on disk, so a restart does not reset them.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "base/sqlite_db.h"

namespace kiosk {

/// Wrong PINs in a row that lock the pad, and for how long (issue 11: 5 and 15 minutes).
inline constexpr int kPinAttempts = 5;
inline constexpr std::chrono::minutes kPinLockout{15};

/// Failure count and lock time in <state>/technician.db (mode 0600, synchronous=FULL).
///
/// Which clock: the lock ends at a wall-clock time (the app clock's wall_ms()). A monotonic
/// clock (CLOCK_MONOTONIC, CLOCK_BOOTTIME) starts again at zero on every boot, so a lock kept
/// in it would end with a power cycle — the one thing anyone at the machine can do. The wall
/// clock comes back from the RTC (and NTP) after a reboot. Setting the clock back does not help
/// either: when the wall clock reads earlier than the moment the lock began, the lock starts
/// again from now. Setting it forward ends the lock early, but that needs root on the kiosk,
/// who can set a new PIN anyway (kioskctl admin set-pin). Every method is thread-safe.
class PinLock {
public:
    /// `clock` must outlive the lock (the app's clock).
    static Result<std::unique_ptr<PinLock>> open(const std::string& path, const Clock& clock);

    struct State {
        int failures = 0;           ///< wrong PINs since the last success or lock
        int64_t locked_until_ms = 0;///< wall ms; 0 or past: not locked
        bool locked = false;
        int attempts_left = kPinAttempts;
    };
    /// The state now (re-anchors a lock whose start lies in the future: the clock went back).
    Result<State> state();
    /// A wrong PIN: counts it; the kPinAttempts-th locks the pad for kPinLockout.
    Result<State> record_failure();
    /// The right PIN: the count starts again.
    Status record_success();

private:
    PinLock(db::Database db, const Clock& clock) : m_db(std::move(db)), m_clock(clock) {}
    Result<State> load();
    Status save(int failures, int64_t locked_at, int64_t until);
    std::mutex m_mutex;
    db::Database m_db;
    const Clock& m_clock;
};

}  // namespace kiosk
