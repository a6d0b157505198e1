// Turn-by-turn directions: turns relative to the kiosk's facing, then to the walking direction; zh-CN and en text.
#include <cstdio>
#include <fstream>

#include "kiosk/wayfinding/directions.h"
#include "kiosk/wayfinding/hall_generator.h"
#include "wf_test_util.h"

using namespace wftest;
using Kind = wf::Instruction::Kind;

namespace {

std::vector<wf::Instruction> steps_for(const wf::HallMap& m, std::string_view a, std::string_view b, double facing) {
    auto r = wf::find_route(m, a, b);
    REQUIRE(r.ok());
    return wf::describe_route(m, *r, facing);
}

}  // namespace

TEST_CASE("turns are classified from the signed change of heading") {
    CHECK(wf::classify_turn(0) == wf::Turn::Straight);
    CHECK(wf::classify_turn(25) == wf::Turn::Straight);
    CHECK(wf::classify_turn(90) == wf::Turn::Right);
    CHECK(wf::classify_turn(-90) == wf::Turn::Left);
    CHECK(wf::classify_turn(270) == wf::Turn::Left);
    CHECK(wf::classify_turn(180) == wf::Turn::Back);
    CHECK(wf::classify_turn(-170) == wf::Turn::Back);
    CHECK(wf::bearing_deg({0, 0}, {0, 5}) == doctest::Approx(0));
    CHECK(wf::bearing_deg({0, 0}, {5, 0}) == doctest::Approx(90));
    CHECK(wf::bearing_deg({0, 0}, {-5, 0}) == doctest::Approx(270));
}

TEST_CASE("the first leg is relative to the kiosk's facing") {
    auto m = parse_ok(tiny_map());
    // Route k → a → b → c: north 10, east 10, north 10.
    auto north = steps_for(m, "k", "c", 0);
    REQUIRE(north.size() == 4);
    CHECK(north[0].kind == Kind::Walk);
    CHECK(north[0].first);
    CHECK(north[0].turn == wf::Turn::Straight);
    CHECK(north[0].distance_m == doctest::Approx(10));
    CHECK(north[1].turn == wf::Turn::Right);
    CHECK(north[2].turn == wf::Turn::Left);
    CHECK(north[3].kind == Kind::Arrive);
    REQUIRE(north[3].window);
    CHECK(north[3].window->number == 3);
    // A citizen facing east must turn left to go north; facing west, right; facing south, around.
    CHECK(steps_for(m, "k", "c", 90)[0].turn == wf::Turn::Left);
    CHECK(steps_for(m, "k", "c", 270)[0].turn == wf::Turn::Right);
    CHECK(steps_for(m, "k", "c", 180)[0].turn == wf::Turn::Back);
    // Later legs do not depend on the facing.
    CHECK(steps_for(m, "k", "c", 90)[1].turn == wf::Turn::Right);
}

TEST_CASE("turn text in Chinese and English follows the facing") {
    auto m = parse_ok(tiny_map());
    CHECK(wf::render_directions(m, steps_for(m, "k", "c", 0), phrases("zh-CN")) ==
          "向前直行 10 米，右转，直行 10 米，左转，直行 10 米，到达第 3 窗口（税务）。");
    CHECK(wf::render_directions(m, steps_for(m, "k", "c", 90), phrases("en")) ==
          "Turn left and walk 10 m, turn right and walk 10 m, turn left and walk 10 m, you reach window 3 (Taxation).");
    CHECK(wf::render_directions(m, steps_for(m, "k", "d", 0), phrases("zh-CN")) ==
          "向前直行 10 米，左转，直行 10 米，到达卫生间。");
}

TEST_CASE("collinear segments are one leg and short final legs are said without distance") {
    wf::GeneratedHallSpec spec;
    spec.floors = 1;
    auto m = parse_ok(wf::generate_hall(spec));
    auto steps = steps_for(m, "F1-0-0", "F1-0-7", 90);
    REQUIRE(steps.size() == 2);
    CHECK(steps[0].turn == wf::Turn::Straight);
    CHECK(steps[0].distance_m == doctest::Approx(28));
    CHECK(wf::render_instruction(m, steps[0], phrases("zh-CN")) == "向前直行 30 米");  // spoken to 5 m
    CHECK(wf::spoken_metres(0.4) == 1);
    CHECK(wf::spoken_metres(13.4) == 13);
    CHECK(wf::spoken_metres(22) == 20);
    CHECK(wf::spoken_metres(23) == 25);
}

TEST_CASE("the demo hall route to floor 4 says to take the elevator behind the service desk") {
    const auto& m = demo_hall();
    const wf::Window* w = m.find_window(25);
    auto steps = steps_for(m, "F1-kiosk", m.nodes[w->node].id, 0);
    const wf::Instruction* ride = nullptr;
    for (const auto& s : steps)
        if (s.kind == Kind::Transfer) ride = &s;
    REQUIRE(ride);
    CHECK(ride->via == wf::EdgeKind::Elevator);
    CHECK(m.floors[ride->to_floor].id == "F4");
    REQUIRE(ride->landmark);
    CHECK(ride->landmark->kind == wf::PoiKind::ServiceDesk);
    CHECK(ride->relation == wf::LandmarkRelation::Behind);
    std::string zh = wf::render_directions(m, steps, phrases("zh-CN"));
    CHECK(zh.rfind("向前直行 5 米，", 0) == 0);
    CHECK(zh.find("在服务台后方乘电梯到 4 楼，出电梯左转") != std::string::npos);
    CHECK(zh.find("到达第 25 窗口（民政局）。") != std::string::npos);
    std::string en = wf::render_directions(m, steps, phrases("en"));
    CHECK(en.find("behind the service desk, take the elevator to 4F, leave the elevator, turn left") != std::string::npos);
}

TEST_CASE("after the elevator the turn is relative to the door the citizen steps out of") {
    const auto& m = demo_hall();
    // The elevator's door faces south (exit_deg 180); window 30's aisle is reached by
    // going west from the elevator's front: that is a right turn on stepping out.
    auto steps = steps_for(m, "F1-kiosk", m.nodes[m.find_window(30)->node].id, 0);
    const wf::Instruction* out = nullptr;
    for (const auto& s : steps)
        if (s.after) { out = &s; break; }
    REQUIRE(out);
    CHECK(*out->after == wf::EdgeKind::Elevator);
    CHECK(out->turn == wf::Turn::Right);
    CHECK(wf::render_instruction(m, *out, phrases("zh-CN")).rfind("出电梯右转", 0) == 0);
}

TEST_CASE("a route of no length says the citizen is already there") {
    auto m = parse_ok(tiny_map());
    auto steps = steps_for(m, "b", "b", 0);
    REQUIRE(steps.size() == 1);
    CHECK(wf::render_directions(m, steps, phrases("zh-CN")) == "您已在目的地。");
}

TEST_CASE("both phrase catalogs have every phrase the directions need, and a missing one is refused") {
    for (const char* lang : {"zh-CN", "en"}) CHECK(wf::PhraseBook::load_from_assets(assets_dir(), lang).ok());
    std::string path = std::string(KIOSK_BIN_DIR) + "/../tests/phrases-missing.json";
    { std::ofstream(path) << R"({"leg.straight": "go"})"; }
    auto b = wf::PhraseBook::load(path, "xx");
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().message.find("missing phrase") != std::string::npos);
    std::remove(path.c_str());
    CHECK(wf::PhraseBook::load("/nonexistent.json", "xx").error().code == kiosk::Errc::NotFound);
}
