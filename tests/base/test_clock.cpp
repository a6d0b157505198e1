// The virtual clock: tests fast-forward time, sleepers wake when their deadline passes.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "base/clock.h"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("a sleeper on the virtual clock wakes only when the clock is advanced past its deadline") {
    VirtualClock clock;
    std::atomic<bool> woke{false};
    auto start = clock.now();
    std::jthread t([&](std::stop_token st) {
        clock.sleep_until(start + 60s, st);
        woke = true;
    });
    std::this_thread::sleep_for(50ms);
    CHECK_FALSE(woke);
    clock.advance(59s);
    std::this_thread::sleep_for(50ms);
    CHECK_FALSE(woke);
    clock.advance(2s);
    for (int i = 0; i < 200 && !woke; ++i) std::this_thread::sleep_for(10ms);
    CHECK(woke);
    CHECK(clock.now() - start == 61s);
}

TEST_CASE("a stop request ends a sleep on either clock") {
    VirtualClock vclock;
    std::jthread t([&](std::stop_token st) { CHECK_FALSE(vclock.sleep_until(vclock.now() + 3600s, st)); });
    t.request_stop();
    t.join();
    SystemClock sys;
    std::jthread u([&](std::stop_token st) { CHECK_FALSE(sys.sleep_for(3600s, st)); });
    u.request_stop();
    u.join();
}

TEST_CASE("wall time on the virtual clock moves with it") {
    auto wall0 = std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 20000);
    VirtualClock clock(wall0);
    clock.advance(std::chrono::hours(24 * 7));
    CHECK(clock.wall_now() - wall0 == std::chrono::hours(24 * 7));
    CHECK(clock.wall_ms() == std::chrono::duration_cast<std::chrono::milliseconds>((wall0 + std::chrono::hours(24 * 7)).time_since_epoch()).count());
}
