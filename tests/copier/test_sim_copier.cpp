// SimCopier: what it draws, its faults on demand, and the marker the memory tests look for.
#include <doctest/doctest.h>

#include <algorithm>

#include "drivers/copier/copier_factory.h"
#include "drivers/copier/sim_copier.h"

using namespace kiosk;
using namespace kiosk::copier;

TEST_CASE("the simulator scans a card on a lighter lid in the corner area and a page elsewhere") {
    SimCopier c({});
    auto card = c.scan({0, 0, 100, 70, 150, ColorMode::Color});
    REQUIRE(card);
    CHECK(card->channels == 3);
    CHECK(card->grey(card->width - 2, card->height - 2) > 225);                 // lid
    CHECK(card->grey(int(30 / 25.4 * 150), int(50 / 25.4 * 150)) < 225);        // card
    auto page = c.scan({0, 0, 210, 297, 100, ColorMode::Gray});
    REQUIRE(page);
    CHECK(page->channels == 1);
    CHECK(page->width == 827);
}

TEST_CASE("simulated faults fail the scan with the matching state and ok clears them") {
    SimCopier c({});
    for (auto [cond, state] : {std::pair{"cover-open", CopierState::CoverOpen}, {"jammed", CopierState::Jammed},
                               {"busy", CopierState::Busy}, {"no-device", CopierState::NoDevice}}) {
        REQUIRE(c.set_condition(cond));
        CHECK(c.status().state == state);
        auto r = c.scan({0, 0, 50, 50, 100, ColorMode::Gray});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == Errc::DeviceNotReady);
        REQUIRE(c.set_condition("ok"));
    }
    REQUIRE(c.set_condition("gone-next"));
    auto gone = c.scan({0, 0, 50, 50, 100, ColorMode::Gray});
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == Errc::HardwareError);
    CHECK(c.status().state == CopierState::NoDevice);
    CHECK_FALSE(c.set_condition("melted"));
}

TEST_CASE("with a marker seed every scan carries the seed's 64 bytes and without one it does not") {
    SimCopier::Options o;
    o.marker_seed = "test-seed";
    SimCopier with(o), without({});
    auto m = sim_marker("test-seed");
    CHECK(m != sim_marker("other-seed"));
    auto contains = [&](const ScanImage& img) {
        const uint8_t* b = img.pixels.data();
        return std::search(b, b + img.pixels.size(), m.begin(), m.end()) != b + img.pixels.size();
    };
    auto a = with.scan({0, 0, 100, 70, 150, ColorMode::Gray});
    auto b = without.scan({0, 0, 100, 70, 150, ColorMode::Gray});
    REQUIRE(a);
    REQUIRE(b);
    CHECK(contains(*a));
    CHECK_FALSE(contains(*b));
}

TEST_CASE("the factory makes a simulator, refuses none with NotFound and a bad driver or option with InvalidInput") {
    CopierSettings s;
    s.driver = "sim";
    CHECK(create_copier(s));
    s.driver = "none";
    auto none = create_copier(s);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == Errc::NotFound);
    s.driver = "scanjet";
    auto bad = create_copier(s);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Errc::InvalidInput);
    s.driver = "sane";
    s.sane_options = {"resolution"};
    auto opt = create_copier(s);
    REQUIRE_FALSE(opt);
    CHECK(opt.error().message.find("copier.sane_options") != std::string::npos);
}
