// Card detection on realistic synthetic scans of the glass corner: light and dark cards, offsets, a card on its edge, and what is not a card.
#include <doctest/doctest.h>

#include "kiosk/copy/card_detect.h"
#include "synthetic_scan.h"

using namespace kiosk;
using namespace kiosk::copy;
using kiosk::copy::test::Glass;
using kiosk::copy::test::make_scan;

namespace {
double mm(int px, int dpi) { return px * 25.4 / dpi; }
}  // namespace

TEST_CASE("a pale card with print on a white lid is found where it lies, to a millimetre") {
    Glass g;
    auto scan = make_scan(g);
    auto b = find_card(scan);
    REQUIRE(b);
    CHECK(b->found);
    CHECK_FALSE(b->rotated);
    CHECK(std::abs(mm(b->x, g.dpi) - g.card_x_mm) <= 1.0);
    CHECK(std::abs(mm(b->y, g.dpi) - g.card_y_mm) <= 1.0);
    CHECK(std::abs(mm(b->width, g.dpi) - 85.6) <= 1.0);
    CHECK(std::abs(mm(b->height, g.dpi) - 54.0) <= 1.0);
}

TEST_CASE("a dark card pushed away from the corner is found, in grey scans and at 150 dpi too") {
    Glass g;
    g.card = 80;
    g.card_x_mm = 12;
    g.card_y_mm = 9;
    g.channels = 1;
    g.dpi = 150;
    auto b = find_card(make_scan(g));
    REQUIRE(b);
    CHECK(std::abs(mm(b->x, g.dpi) - 12) <= 1.0);
    CHECK(std::abs(mm(b->y, g.dpi) - 9) <= 1.0);
    CHECK(std::abs(mm(b->width, g.dpi) - 85.6) <= 1.0);
}

TEST_CASE("a card lighter than a grey lid is found") {
    Glass g;
    g.lid = 150;
    g.card = 225;
    g.print = false;
    auto b = find_card(make_scan(g));
    REQUIRE(b);
    CHECK(std::abs(mm(b->height, g.dpi) - 54.0) <= 1.0);
}

TEST_CASE("a card laid on its long edge is found turned and cut out in landscape") {
    Glass g;
    g.area_w_mm = 100;
    g.area_h_mm = 100;
    g.card_w_mm = 54;
    g.card_h_mm = 85.6;
    auto scan = make_scan(g);
    auto b = find_card(scan);
    REQUIRE(b);
    CHECK(b->rotated);
    auto card = crop_card(scan, *b);
    CHECK(mm(card.width, g.dpi) == doctest::Approx(85.6).epsilon(0.005));
    CHECK(mm(card.height, g.dpi) == doctest::Approx(54.0).epsilon(0.005));
}

TEST_CASE("an empty lid, an open lid, a page of text and a card lying askew are not taken for a card") {
    Glass empty;
    empty.has_card = false;
    CHECK_FALSE(find_card(make_scan(empty)));

    Glass open;  // lid up: the room's darkness, with the card in it
    open.lid = 20;
    open.card = 30;
    open.print = false;
    CHECK_FALSE(find_card(make_scan(open)));

    Glass page;  // a sheet covering the whole corner
    page.card_x_mm = 0;
    page.card_y_mm = 0;
    page.card_w_mm = 105;
    page.card_h_mm = 74;
    page.radius_mm = 0.1;
    CHECK_FALSE(find_card(make_scan(page)));

    Glass askew;
    askew.angle_deg = 12;
    askew.card_x_mm = 9;
    askew.card_y_mm = 9;
    askew.area_w_mm = 110;
    askew.area_h_mm = 85;
    CHECK_FALSE(find_card(make_scan(askew)));
}

TEST_CASE("the cut-out card is exactly 85.6 by 54 mm at the scan's dpi and holds the card, not the lid") {
    Glass g;
    g.print = false;
    auto scan = make_scan(g);
    auto b = find_card(scan);
    REQUIRE(b);
    auto card = crop_card(scan, *b);
    REQUIRE(card.valid());
    CHECK(card.width == int(std::lround(85.6 / 25.4 * 300)));
    CHECK(card.height == int(std::lround(54.0 / 25.4 * 300)));
    CHECK(card.channels == 3);
    // Centre and a point 2 mm in from each edge are the card's level, not the lid's.
    int in = int(2 / 25.4 * 300);
    for (auto [x, y] : {std::pair{card.width / 2, card.height / 2}, {in * 3, in}, {card.width - in * 3, card.height - in}})
        CHECK(std::abs(int(card.grey(x, y)) - g.card) <= 6);
}

TEST_CASE("the fallback box is the standard size at the glass corner and says it was not found") {
    Glass g;
    g.has_card = false;
    auto scan = make_scan(g);
    auto b = corner_box(scan);
    CHECK_FALSE(b.found);
    CHECK(b.x == 0);
    CHECK(b.y == 0);
    CHECK(mm(b.width, g.dpi) == doctest::Approx(85.6).epsilon(0.005));
    auto card = crop_card(scan, b);
    CHECK(card.width == b.width);
}

TEST_CASE("an empty or tiny scan is no card and no crash") {
    copier::ScanImage none;
    CHECK_FALSE(find_card(none));
    auto tiny = copier::ScanImage::make(10, 10, 1, 300);
    CHECK_FALSE(find_card(tiny));
    auto c = crop_card(none, CardBox{});
    CHECK_FALSE(c.valid());
}
