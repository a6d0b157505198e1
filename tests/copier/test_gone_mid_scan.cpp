// Fault: the scanner goes away mid-scan (SANE_STATUS_IO_ERROR from sane_read, as an unplugged USB scanner gives): HardwareError, no-device, then back by itself.
#include <doctest/doctest.h>

#include <thread>

#include "drivers/copier/sane_copier.h"
#include "sane_fixture.h"

using namespace kiosk;
using namespace kiosk::copier;

TEST_CASE("a scanner lost mid-scan fails the scan with HardwareError, reports no-device and is reopened when it answers again") {
    copier::test::SaneTestDir sane;
    SaneCopier::Options o;
    o.device = copier::test::SaneTestDir::device();
    o.reconnect_interval = std::chrono::milliseconds(100);
    o.extra_options = {{"read-return-value", "SANE_STATUS_IO_ERROR"}};
    auto c = SaneCopier::create(o);
    REQUIRE(c);
    std::vector<CopierState> seen;
    std::mutex m;
    (*c)->set_listener([&](const CopierStatus& s) {
        std::lock_guard l(m);
        seen.push_back(s.state);
    });
    auto img = (*c)->scan({0, 0, 210, 297, 200, ColorMode::Gray});
    REQUIRE_FALSE(img);
    CHECK(img.error().code == Errc::HardwareError);
    // The poller opens the device again (the test backend is still there).
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((*c)->status().state != CopierState::Ready && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK((*c)->status().state == CopierState::Ready);
    std::lock_guard l(m);
    CHECK(std::find(seen.begin(), seen.end(), CopierState::NoDevice) != seen.end());
    CHECK(seen.back() == CopierState::Ready);
}
