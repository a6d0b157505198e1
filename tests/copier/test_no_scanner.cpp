// Fault: no scanner: the copier says NoDevice, a scan is refused, and the device is picked up when it appears.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "drivers/copier/sane_copier.h"
#include "sane_fixture.h"

using namespace kiosk;
using namespace kiosk::copier;

namespace {
template <class F>
bool eventually(F f, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (f()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return f();
}
}  // namespace

TEST_CASE("with no scanner the copier is no-device, a scan says DeviceNotReady, and it goes ready when the scanner appears") {
    copier::test::SaneTestDir sane(false);
    SaneCopier::Options o;
    o.device = copier::test::SaneTestDir::device();
    o.reconnect_interval = std::chrono::milliseconds(100);
    o.look_interval_max = std::chrono::milliseconds(200);
    // The test backend reads test.conf only when SANE starts: the restart is what finds it.
    o.restart_interval = std::chrono::milliseconds(300);
    auto c = SaneCopier::create(o);
    REQUIRE(c);  // a missing device is a state, not a failure to start
    std::atomic<int> ready_events{0};
    (*c)->set_listener([&](const CopierStatus& s) { ready_events += s.state == CopierState::Ready; });
    CHECK((*c)->status().state == CopierState::NoDevice);
    CHECK_FALSE(can_scan((*c)->status().state));
    auto img = (*c)->scan({0, 0, 50, 50, 100, ColorMode::Gray});
    REQUIRE_FALSE(img);
    CHECK(img.error().code == Errc::DeviceNotReady);

    sane.set_device_present(true);  // plugged in
    CHECK(eventually([&] { return (*c)->status().state == CopierState::Ready; }));
    CHECK(ready_events >= 1);
    CHECK((*c)->scan({0, 0, 50, 50, 100, ColorMode::Gray}));
}

TEST_CASE("a device name that no backend knows stays no-device with the name in the technician's message") {
    copier::test::SaneTestDir sane;
    SaneCopier::Options o;
    o.device = "test:7";
    auto c = SaneCopier::create(o);
    REQUIRE(c);
    CHECK((*c)->status().state == CopierState::NoDevice);
    CHECK((*c)->status().message.find("test:7") != std::string::npos);
}
