// Fault: the lid is open (SANE_STATUS_COVER_OPEN from sane_read): the scan fails with DeviceNotReady, the state says so, the next good scan clears it.
#include <doctest/doctest.h>

#include "drivers/copier/sane_copier.h"
#include "sane_fixture.h"

using namespace kiosk;
using namespace kiosk::copier;

TEST_CASE("when the lid is open the scan fails with DeviceNotReady and the copier reports cover_open") {
    copier::test::SaneTestDir sane;
    SaneCopier::Options o;
    o.device = copier::test::SaneTestDir::device();
    o.extra_options = {{"read-return-value", "SANE_STATUS_COVER_OPEN"}};
    auto c = SaneCopier::create(o);
    REQUIRE(c);
    CopierState seen = CopierState::Ready;
    (*c)->set_listener([&](const CopierStatus& s) { seen = s.state; });
    auto img = (*c)->scan({0, 0, 85.6, 54, 150, ColorMode::Color});
    REQUIRE_FALSE(img);
    CHECK(img.error().code == Errc::DeviceNotReady);
    CHECK((*c)->status().state == CopierState::CoverOpen);
    CHECK(seen == CopierState::CoverOpen);
    CHECK(std::string(copier_state_name((*c)->status().state)) != "ready");
}
