// SaneCopier against SANE's test backend: sizes, modes, pixels, status and refusals.
#include <doctest/doctest.h>

#include "drivers/copier/sane_copier.h"
#include "sane_fixture.h"

using namespace kiosk;
using namespace kiosk::copier;

namespace {
Result<std::unique_ptr<SaneCopier>> open(std::vector<std::pair<std::string, std::string>> extra = {}) {
    SaneCopier::Options o;
    o.device = copier::test::SaneTestDir::device();
    o.extra_options = std::move(extra);
    return SaneCopier::create(o);
}
}  // namespace

TEST_CASE("a colour scan of an ID-card area at 300 dpi has the area's size in pixels and the test picture's bytes") {
    copier::test::SaneTestDir sane;
    auto c = open({{"test-picture", "Solid white"}});
    REQUIRE(c);
    CHECK((*c)->status().state == CopierState::Ready);
    CHECK((*c)->status().device == copier::test::SaneTestDir::device());
    CHECK((*c)->glass_width_mm() == doctest::Approx(300).epsilon(0.01));
    auto img = (*c)->scan({0, 0, 85.6, 54, 300, ColorMode::Color});
    REQUIRE_MESSAGE(img, (img ? "" : img.error().message));
    CHECK(img->channels == 3);
    CHECK(img->dpi == 300);
    CHECK(img->width_mm() == doctest::Approx(85.6).epsilon(0.01));
    CHECK(img->height_mm() == doctest::Approx(54).epsilon(0.01));
    // Solid white: every sample 255, first row to last.
    CHECK(img->row(0)[0] == 255);
    CHECK(img->row(img->height - 1)[img->stride - 1] == 255);
    CHECK((*c)->status().state == CopierState::Ready);
}

TEST_CASE("a grey scan has one byte a pixel and the solid black picture is black") {
    copier::test::SaneTestDir sane;
    auto c = open({{"test-picture", "Solid black"}});
    REQUIRE(c);
    auto img = (*c)->scan({10, 20, 100, 50, 100, ColorMode::Gray});
    REQUIRE(img);
    CHECK(img->channels == 1);
    CHECK(img->width == doctest::Approx(394).epsilon(0.01));
    CHECK(img->stride == size_t(img->width));
    CHECK(img->grey(img->width / 2, img->height / 2) == 0);
}

TEST_CASE("an A4 page at 200 dpi is 1654 by 2339 pixels") {
    copier::test::SaneTestDir sane;
    auto c = open();
    REQUIRE(c);
    auto img = (*c)->scan({0, 0, 210, 297, 200, ColorMode::Gray});
    REQUIRE(img);
    CHECK(img->width == doctest::Approx(1654).epsilon(0.002));
    CHECK(img->height == doctest::Approx(2339).epsilon(0.002));
}

TEST_CASE("an area beyond the glass, a zero area and an absurd dpi are refused before the device is touched") {
    copier::test::SaneTestDir sane;
    auto c = open();
    REQUIRE(c);
    auto far = (*c)->scan({100, 0, 210, 297, 200, ColorMode::Gray});
    REQUIRE_FALSE(far);
    CHECK(far.error().code == Errc::InvalidInput);
    auto empty = (*c)->scan({0, 0, 0, 10, 200, ColorMode::Gray});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == Errc::InvalidInput);
    auto dpi = (*c)->scan({0, 0, 10, 10, 5000, ColorMode::Gray});
    REQUIRE_FALSE(dpi);
    CHECK(dpi.error().code == Errc::InvalidInput);
    CHECK((*c)->status().state == CopierState::Ready);
}

TEST_CASE("a backend option that does not exist is an error that names it") {
    copier::test::SaneTestDir sane;
    auto c = open({{"no-such-option", "1"}});
    REQUIRE(c);
    auto img = (*c)->scan({0, 0, 50, 50, 100, ColorMode::Gray});
    REQUIRE_FALSE(img);
    CHECK(img.error().message.find("no-such-option") != std::string::npos);
}

TEST_CASE("only one SANE copier can exist in a process") {
    copier::test::SaneTestDir sane;
    auto a = open();
    REQUIRE(a);
    auto b = open();
    REQUIRE_FALSE(b);
    CHECK(b.error().code == Errc::DeviceNotReady);
    a->reset();
    auto c = open();
    CHECK(c);
}
