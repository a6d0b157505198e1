// Fault: the device is busy (SANE_STATUS_DEVICE_BUSY from sane_read): the scan fails with DeviceNotReady, the state says so, the next good scan clears it.
#include <doctest/doctest.h>

#include "drivers/copier/sane_copier.h"
#include "sane_fixture.h"

using namespace kiosk;
using namespace kiosk::copier;

TEST_CASE("when the device is busy the scan fails with DeviceNotReady and the copier reports busy") {
    copier::test::SaneTestDir sane;
    SaneCopier::Options o;
    o.device = copier::test::SaneTestDir::device();
    o.extra_options = {{"read-return-value", "SANE_STATUS_DEVICE_BUSY"}};
    auto c = SaneCopier::create(o);
    REQUIRE(c);
    CopierState seen = CopierState::Ready;
    (*c)->set_listener([&](const CopierStatus& s) { seen = s.state; });
    auto img = (*c)->scan({0, 0, 85.6, 54, 150, ColorMode::Color});
    REQUIRE_FALSE(img);
    CHECK(img.error().code == Errc::DeviceNotReady);
    CHECK((*c)->status().state == CopierState::Busy);
    CHECK(seen == CopierState::Busy);
    CHECK(std::string(copier_state_name((*c)->status().state)) != "ready");
}
