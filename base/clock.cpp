// SystemClock and VirtualClock.
#include "clock.h"

#include <thread>

namespace kiosk {

int64_t Clock::wall_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(wall_now().time_since_epoch()).count();
}

bool SystemClock::sleep_until(time_point deadline, std::stop_token stop) {
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock lock(m);
    // wait_until with a stop_token returns when the stop is requested or the time passes.
    cv.wait_until(lock, stop, deadline, [] { return false; });
    return !stop.stop_requested();
}

VirtualClock::VirtualClock(std::chrono::system_clock::time_point wall_start)
    : m_start(std::chrono::steady_clock::time_point{} + std::chrono::hours(1)), m_wall_start(wall_start) {}

Clock::time_point VirtualClock::now() const {
    std::lock_guard lock(m_mutex);
    return m_start + m_elapsed;
}

std::chrono::system_clock::time_point VirtualClock::wall_now() const {
    std::lock_guard lock(m_mutex);
    return m_wall_start + std::chrono::duration_cast<std::chrono::system_clock::duration>(m_elapsed);
}

bool VirtualClock::sleep_until(time_point deadline, std::stop_token stop) {
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, stop, [&] { return m_start + m_elapsed >= deadline; });
    return !stop.stop_requested();
}

void VirtualClock::advance(duration d) {
    {
        std::lock_guard lock(m_mutex);
        m_elapsed += d;
    }
    m_cv.notify_all();
}

void VirtualClock::step_wall(std::chrono::system_clock::duration d) {
    std::lock_guard lock(m_mutex);
    m_wall_start += d;
}

std::shared_ptr<Clock> system_clock() {
    static auto clock = std::make_shared<SystemClock>();
    return clock;
}

}  // namespace kiosk
