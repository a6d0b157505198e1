// The hall's clock: every date and time the kiosk shows or decides on is Beijing time (UTC+8,
// no daylight saving), whatever time zone the machine is set to.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>

namespace kiosk::content {

/// Calendar fields of `unix_seconds` in Beijing time.
inline std::tm beijing_tm(std::time_t unix_seconds) {
    std::time_t s = unix_seconds + 8 * 3600;
    std::tm tm{};
    gmtime_r(&s, &tm);
    return tm;
}

inline std::tm beijing_tm(std::chrono::system_clock::time_point t) {
    return beijing_tm(std::chrono::system_clock::to_time_t(t));
}

/// The same for a platform time stamp in milliseconds since the epoch.
inline std::tm beijing_tm_ms(int64_t unix_ms) { return beijing_tm(std::time_t(unix_ms / 1000)); }

}  // namespace kiosk::content
