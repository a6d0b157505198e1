// One injectable clock: real time in the product, a virtual clock that tests fast-forward.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>

namespace kiosk {

/// Monotonic time for timeouts and back-off, wall time for records. Every timer in the
/// kiosk reads this, so a test can advance an hour of idle or a week offline instantly.
class Clock {
public:
    using duration = std::chrono::steady_clock::duration;
    using time_point = std::chrono::steady_clock::time_point;
    virtual ~Clock() = default;
    virtual time_point now() const = 0;
    virtual std::chrono::system_clock::time_point wall_now() const = 0;
    /// Sleeps until `deadline` on this clock, or until `stop` is requested.
    /// Returns false when woken by the stop request.
    virtual bool sleep_until(time_point deadline, std::stop_token stop) = 0;
    bool sleep_for(duration d, std::stop_token stop) { return sleep_until(now() + d, stop); }

    /// Milliseconds since the epoch of wall_now(), for records and JSON.
    int64_t wall_ms() const;
};

class SystemClock final : public Clock {
public:
    time_point now() const override { return std::chrono::steady_clock::now(); }
    std::chrono::system_clock::time_point wall_now() const override { return std::chrono::system_clock::now(); }
    bool sleep_until(time_point deadline, std::stop_token stop) override;
};

/// Time moves only when advance() is called; sleepers wake when their deadline passes.
class VirtualClock final : public Clock {
public:
    explicit VirtualClock(std::chrono::system_clock::time_point wall_start = std::chrono::system_clock::now());
    time_point now() const override;
    std::chrono::system_clock::time_point wall_now() const override;
    bool sleep_until(time_point deadline, std::stop_token stop) override;
    void advance(duration d);
    /// Moves only the wall clock (what NTP does to a machine whose RTC was wrong); the
    /// steady clock does not move.
    void step_wall(std::chrono::system_clock::duration d);

private:
    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    duration m_elapsed{0};
    time_point m_start;
    std::chrono::system_clock::time_point m_wall_start;
};

/// The process-wide default clock (a SystemClock).
std::shared_ptr<Clock> system_clock();

}  // namespace kiosk
