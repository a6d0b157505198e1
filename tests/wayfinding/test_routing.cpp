// Routing on generated halls and on the demo hall: same floor, across floors, elevator preferred, step-free, unreachable.
#include "kiosk/wayfinding/hall_generator.h"
#include "kiosk/wayfinding/router.h"
#include "wf_test_util.h"

using namespace wftest;

namespace {

bool uses(const wf::HallMap& m, const wf::Route& r, wf::EdgeKind k) {
    for (auto e : r.edges)
        if (m.edges[e].kind == k) return true;
    return false;
}

wf::Route route_ok(const wf::HallMap& m, std::string_view a, std::string_view b, wf::Access access = wf::Access::Any) {
    wf::RouteOptions o;
    o.access = access;
    auto r = wf::find_route(m, a, b, o);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    return std::move(r).value();
}

}  // namespace

TEST_CASE("a route on one floor of a generated hall is the grid's Manhattan distance") {
    wf::GeneratedHallSpec spec;
    spec.floors = 1;
    auto m = parse_ok(wf::generate_hall(spec));
    auto r = route_ok(m, "F1-0-0", "F1-4-7");
    CHECK(r.walk_m == doctest::Approx((4 + 7) * 4.0));
    CHECK(r.cost == doctest::Approx(r.walk_m));
    CHECK(r.nodes.front() == *m.find_node("F1-0-0"));
    CHECK(r.nodes.back() == *m.find_node("F1-4-7"));
    CHECK(r.nodes.size() == r.edges.size() + 1);
    REQUIRE(r.floor_paths.size() == 1);
    CHECK(r.floor_paths[0].points.size() == r.nodes.size());
    // Every consecutive pair is joined by the edge recorded between them.
    for (size_t i = 0; i < r.edges.size(); ++i) {
        const auto& e = m.edges[r.edges[i]];
        bool joins = (e.from == r.nodes[i] && e.to == r.nodes[i + 1]) || (e.to == r.nodes[i] && e.from == r.nodes[i + 1]);
        CHECK(joins);
    }
}

TEST_CASE("a route to the same node is empty and costs nothing") {
    auto m = parse_ok(tiny_map());
    auto r = route_ok(m, "k", "k");
    CHECK(r.edges.empty());
    CHECK(r.nodes.size() == 1);
    CHECK(r.cost == 0);
}

TEST_CASE("a route across floors of a generated hall takes the elevator even when stairs are nearer") {
    wf::GeneratedHallSpec spec;
    spec.floors = 4;
    auto m = parse_ok(wf::generate_hall(spec));
    // From a stairwell corner on floor 1 to the same corner on floor 4: stairs are right
    // there, the elevator is 4+12 m away, but three flights of stairs cost more.
    auto r = route_ok(m, "F1-0-0", "F4-0-1");
    CHECK(uses(m, r, wf::EdgeKind::Elevator));
    CHECK_FALSE(uses(m, r, wf::EdgeKind::Stairs));
    REQUIRE(r.floor_paths.size() == 2);
    CHECK(m.floors[r.floor_paths[0].floor].id == "F1");
    CHECK(m.floors[r.floor_paths[1].floor].id == "F4");
}

TEST_CASE("one flight of stairs next to the walker beats a far elevator") {
    wf::GeneratedHallSpec spec;
    spec.floors = 2;
    spec.cols = 30;  // elevator 15 columns (60 m) away from the west stairwell
    auto m = parse_ok(wf::generate_hall(spec));
    auto r = route_ok(m, "F1-0-0", "F2-0-0");
    CHECK(uses(m, r, wf::EdgeKind::Stairs));
    // The step-free option takes the elevator however far it is.
    auto sf = route_ok(m, "F1-0-0", "F2-0-0", wf::Access::StepFree);
    CHECK(uses(m, sf, wf::EdgeKind::Elevator));
    CHECK_FALSE(uses(m, sf, wf::EdgeKind::Stairs));
    CHECK(sf.cost > r.cost);
}

TEST_CASE("a floor only stairs reach has no step-free route and the error says why") {
    wf::GeneratedHallSpec spec;
    spec.floors = 3;
    spec.elevator_floors = 2;
    auto m = parse_ok(wf::generate_hall(spec));
    CHECK(uses(m, route_ok(m, "F1-0-4", "F3-2-2"), wf::EdgeKind::Stairs));
    wf::RouteOptions o;
    o.access = wf::Access::StepFree;
    auto r = wf::find_route(m, "F1-0-4", "F3-2-2", o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == kiosk::Errc::Unavailable);
    CHECK(r.error().message.find("no step-free route") != std::string::npos);
    CHECK(r.error().message.find("F3-2-2") != std::string::npos);
    CHECK(r.error().message.find("stairs") != std::string::npos);
}

TEST_CASE("an unconnected target gives Unavailable with a clear message, an unknown node NotFound") {
    auto doc = tiny_map();
    doc["nodes"].push_back({{"id", "island"}, {"floor", "F1"}, {"at", {15, 0}}});
    auto m = parse_ok(doc);
    auto r = wf::find_route(m, "k", "island");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == kiosk::Errc::Unavailable);
    CHECK(r.error().message == "no route from 'k' to 'island' (not connected on the map)");
    auto u = wf::find_route(m, "k", "atlantis");
    REQUIRE_FALSE(u.ok());
    CHECK(u.error().code == kiosk::Errc::NotFound);
    CHECK(u.error().message.find("atlantis") != std::string::npos);
    CHECK(wf::find_route(m, 0, 999).error().code == kiosk::Errc::NotFound);
}

TEST_CASE("one-way escalators are only ridden in their direction") {
    wf::GeneratedHallSpec spec;
    spec.floors = 2;
    spec.elevator_floors = 0;
    spec.stairs = false;
    auto doc = wf::generate_hall(spec);
    doc["edges"].push_back({{"from", "F1-1-1"}, {"to", "F2-1-1"}, {"kind", "escalator"}, {"one_way", true}});
    auto m = parse_ok(doc);
    CHECK(route_ok(m, "F1-0-0", "F2-0-0").edges.size() > 0);
    auto down = wf::find_route(m, "F2-0-0", "F1-0-0");
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().code == kiosk::Errc::Unavailable);
}

TEST_CASE("on the demo hall a route on floor 1 from the kiosk to the elevator goes around the service desk") {
    const auto& m = demo_hall();
    auto r = route_ok(m, "F1-kiosk", "F1-elevator");
    CHECK(r.floor_paths.size() == 1);
    for (auto n : r.nodes) CHECK(m.nodes[n].id != "F1-a3");  // never through the desk's front to its back
    CHECK(r.walk_m == doctest::Approx(31.0));
}

TEST_CASE("on the demo hall the kiosk reaches window 25 on floor 4 by elevator, step-free or not") {
    const auto& m = demo_hall();
    const wf::Window* w = m.find_window(25);
    REQUIRE(w);
    auto r = route_ok(m, "F1-kiosk", m.nodes[w->node].id);
    CHECK(uses(m, r, wf::EdgeKind::Elevator));
    CHECK_FALSE(uses(m, r, wf::EdgeKind::Stairs));
    auto sf = route_ok(m, "F1-kiosk", m.nodes[w->node].id, wf::Access::StepFree);
    CHECK(sf.nodes == r.nodes);
}

TEST_CASE("on the demo hall step-free routes never use stairs or escalators, from every window to every other") {
    const auto& m = demo_hall();
    wf::RouteOptions o;
    o.access = wf::Access::StepFree;
    int routes = 0;
    for (const auto& a : m.windows)
        for (const auto& b : m.windows) {
            auto r = wf::find_route(m, a.node, b.node, o);
            REQUIRE(r.ok());
            for (auto e : r->edges) REQUIRE(m.edges[e].step_free);
            ++routes;
        }
    CHECK(routes == 900);
}

TEST_CASE("the phone link carries the route's node ids percent-encoded and the access mode") {
    const auto& m = demo_hall();
    auto from = *m.find_node("F1-kiosk");
    auto to = *m.find_node("F2-win12");
    CHECK(wf::route_url(m, from, to) == "https://hall.example.gov.cn/route?from=F1-kiosk&to=F2-win12&mode=any");
    CHECK(wf::route_url(m, from, to, wf::Access::StepFree).find("mode=step_free") != std::string::npos);
    auto doc = tiny_map();
    doc["nodes"][0]["id"] = "入口 A";
    doc["edges"][0]["from"] = "入口 A";
    doc["kiosks"][0]["node"] = "入口 A";
    doc["route_url"] = "https://x.example/r?f={from}&t={to}";
    auto t = parse_ok(doc);
    CHECK(wf::route_url(t, 0, 1) == "https://x.example/r?f=%E5%85%A5%E5%8F%A3%20A&t=a");
    auto none = parse_ok(tiny_map());
    CHECK(wf::route_url(none, 0, 1).empty());
}
