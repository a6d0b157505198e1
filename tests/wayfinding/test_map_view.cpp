// Map-view geometry: fit, rotation to the facing, zoom about a point, pan, route projection, labels, hit-testing.
#include "kiosk/wayfinding/map_view.h"
#include "wf_test_util.h"

using namespace wftest;
using doctest::Approx;

namespace {
const wf::Polygon kRect = {{0, 0}, {60, 0}, {60, 40}, {0, 40}};
const wf::ScreenRect kPortrait{0, 100, 1080, 1600};
}  // namespace

TEST_CASE("a floor facing north fits the viewport with north up and its centre in the middle") {
    auto t = wf::ViewTransform::fit(kRect, kPortrait, 0, 1.0, 20);
    CHECK(t.pixels_per_metre() == Approx((1080.0 - 40) / 60));
    wf::Point c = t.to_screen({30, 20});
    CHECK(c.x == Approx(540));
    CHECK(c.y == Approx(900));
    // North (greater y) is up on the screen (smaller screen y), east is right.
    CHECK(t.to_screen({30, 30}).y < c.y);
    CHECK(t.to_screen({40, 20}).x > c.x);
    // The floor's corners are inside the viewport.
    for (const auto& p : wf::project(t, kRect)) {
        CHECK(p.x >= 19.99);
        CHECK(p.x <= 1060.01);
        CHECK(p.y >= 100);
        CHECK(p.y <= 1700);
    }
}

TEST_CASE("the view is rotated so the kiosk's facing is up on the screen") {
    for (double facing : {0.0, 90.0, 180.0, 270.0, 33.0}) {
        CAPTURE(facing);
        auto t = wf::ViewTransform::fit(kRect, kPortrait, facing);
        const double r = facing * 3.14159265358979323846 / 180;
        wf::Point here{30, 20};
        wf::Point ahead{here.x + 10 * std::sin(r), here.y + 10 * std::cos(r)};
        wf::Point right{here.x + 10 * std::cos(r), here.y - 10 * std::sin(r)};
        wf::Point s = t.to_screen(here), sa = t.to_screen(ahead), sr = t.to_screen(right);
        CHECK(sa.x == Approx(s.x));
        CHECK(sa.y < s.y);              // ahead of the citizen: up
        CHECK(sr.x > s.x);              // to their right: right
        CHECK(sr.y == Approx(s.y));
        CHECK(t.screen_angle_deg(facing) == Approx(0));
    }
}

TEST_CASE("a floor rotated by 90 degrees is fitted by its rotated extent") {
    auto t = wf::ViewTransform::fit(kRect, kPortrait, 90, 1.0, 0);
    // Facing east: the 60 m east-west side runs up the 1600 px tall screen.
    CHECK(t.pixels_per_metre() == Approx(std::min(1080.0 / 40, 1600.0 / 60)));
}

TEST_CASE("to_map inverts to_screen at any facing, zoom and pan") {
    auto t = wf::ViewTransform::fit(kRect, kPortrait, 123, 2.5).panned(40, -70);
    for (wf::Point p : {wf::Point{0, 0}, wf::Point{12.5, 33}, wf::Point{-4, 80}}) {
        wf::Point back = t.to_map(t.to_screen(p));
        CHECK(back.x == Approx(p.x));
        CHECK(back.y == Approx(p.y));
    }
}

TEST_CASE("zooming keeps the map point under the fingers in place and stays within limits") {
    auto t = wf::ViewTransform::fit(kRect, kPortrait, 30);
    wf::Point anchor{200, 400};
    wf::Point under = t.to_map(anchor);
    auto z = t.zoomed(2.0, anchor);
    CHECK(z.pixels_per_metre() == Approx(t.pixels_per_metre() * 2));
    wf::Point still = z.to_screen(under);
    CHECK(still.x == Approx(anchor.x));
    CHECK(still.y == Approx(anchor.y));
    CHECK(t.zoomed(1e6, anchor).pixels_per_metre() == Approx(400));
    CHECK(t.zoomed(1e-6, anchor).pixels_per_metre() == Approx(0.5));
}

TEST_CASE("panning moves every point by the drag") {
    auto t = wf::ViewTransform::fit(kRect, kPortrait, 45);
    auto p = t.panned(25, -10);
    wf::Point a = t.to_screen({10, 10}), b = p.to_screen({10, 10});
    CHECK(b.x - a.x == Approx(25));
    CHECK(b.y - a.y == Approx(-10));
    auto c = t.centred_on({5, 5}).to_screen({5, 5});
    CHECK(c.x == Approx(540));
    CHECK(c.y == Approx(900));
}

TEST_CASE("a route across floors is projected per floor") {
    const auto& m = demo_hall();
    auto r = wf::find_route(m, "F1-kiosk", m.nodes[m.find_window(12)->node].id);
    REQUIRE(r.ok());
    auto t = wf::ViewTransform::fit(m.floors[0].outline, kPortrait, 0);
    auto f1 = wf::project_route(t, *r, 0);
    auto f2 = wf::project_route(t, *r, 1);
    REQUIRE(f1.size() == 1);
    REQUIRE(f2.size() == 1);
    CHECK(wf::project_route(t, *r, 3).empty());
    wf::Point start = t.to_screen(m.nodes[*m.find_node("F1-kiosk")].at);
    CHECK(f1[0].front().x == Approx(start.x));
    CHECK(f1[0].front().y == Approx(start.y));
    CHECK(f1[0].size() + f2[0].size() == r->nodes.size());
}

TEST_CASE("labels go at the centroid of convex rooms and inside L-shaped ones") {
    wf::Point c = wf::label_anchor({{0, 0}, {10, 0}, {10, 4}, {0, 4}});
    CHECK(c.x == Approx(5));
    CHECK(c.y == Approx(2));
    // An L whose centroid lies outside the polygon.
    wf::Polygon l = {{0, 0}, {20, 0}, {20, 2}, {2, 2}, {2, 20}, {0, 20}};
    CHECK_FALSE(wf::polygon_contains(l, wf::polygon_centroid(l)));
    wf::Point a = wf::label_anchor(l);
    CHECK(wf::polygon_contains(l, a));
    CHECK(wf::distance_to_boundary(l, a) > 0.8);
}

TEST_CASE("hit-testing finds POIs near the finger, then windows, then the smallest room") {
    const auto& m = demo_hall();
    auto t = wf::ViewTransform::fit(m.floors[0].outline, kPortrait, 90);
    // The elevator POI, tapped a little off its icon.
    const wf::Poi* lift = m.find_poi("F1-elevator");
    wf::Point s = t.to_screen(lift->at);
    auto hit = wf::hit_test(m, 0, t, {s.x + 10, s.y - 8});
    REQUIRE(hit);
    CHECK(hit->kind == wf::MapHit::Kind::Poi);
    CHECK(&m.pois[hit->index] == lift);
    // Window 3's counter.
    const wf::Window* w3 = m.find_window(3);
    hit = wf::hit_test(m, 0, t, t.to_screen(wf::label_anchor(w3->shape)), 5);
    REQUIRE(hit);
    CHECK(hit->kind == wf::MapHit::Kind::Window);
    CHECK(m.windows[hit->index].number == 3);
    // The service desk room (its POI is at the front edge, out of a 5 px reach).
    hit = wf::hit_test(m, 0, t, t.to_screen({30, 21}), 5);
    REQUIRE(hit);
    CHECK(hit->kind == wf::MapHit::Kind::Room);
    CHECK(m.rooms[hit->index].id == "F1-service-desk");
    // Nothing in the open hall; window 3 is not on floor 2.
    CHECK_FALSE(wf::hit_test(m, 0, t, t.to_screen({15, 20}), 5));
    auto f2 = wf::hit_test(m, 1, t, t.to_screen(wf::label_anchor(w3->shape)), 5);
    CHECK((!f2 || f2->kind != wf::MapHit::Kind::Window || m.windows[f2->index].number != 3));
}
