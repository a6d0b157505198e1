// In-process checks: MapView hit-testing, zoom and pinch on the demo map; the map screen's link arguments.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "kiosk/app/app.h"
#include "kiosk/screens/map_view.h"
#include "kiosk/wayfinding/map_view.h"
#include "demo_mode.h"
#include "run_process.h"

using namespace kiosk;
using namespace kiosk::test;
namespace wf = kiosk::wayfinding;

namespace {

std::shared_ptr<const wf::HallMap> demo_map() {
    std::vector<wf::MapProblem> problems;
    auto m = wf::load_hall_map(std::string(KIOSK_SOURCE_DIR) + "/assets/content/map.json", problems);
    REQUIRE(m);
    return std::make_shared<const wf::HallMap>(std::move(m.value()));
}

size_t window_index(const wf::HallMap& map, int number) {
    for (size_t i = 0; i < map.windows.size(); ++i)
        if (map.windows[i].number == number) return i;
    FAIL("no window " << number);
    return 0;
}

nlohmann::json map_widget(const nlohmann::json& dump) {
    for (const auto& w : dump["widgets"])
        if (w.value("id", "") == "map") return w;
    return {};
}

}  // namespace

TEST_CASE("MapView hit-tests windows and facilities where it draws them, also after zooming and panning") {
    auto map = demo_map();
    screens::MapView v(map, "zh-CN");
    v.bounds = {40, 600, 1000, 700};
    v.set_floor(*map->find_floor("F2"));
    size_t w12 = window_index(*map, 12);
    auto centre = [&] { return v.to_screen(wf::label_anchor(map->windows[w12].shape)); };
    auto check_window_12 = [&] {
        wf::Point c = centre();
        auto hit = v.hit(int(c.x), int(c.y));
        REQUIRE(hit);
        CHECK(hit->kind == wf::MapHit::Kind::Window);
        CHECK(hit->index == w12);
    };
    check_window_12();
    CHECK(v.zoom() == doctest::Approx(1.0));
    v.zoom_by(1.5);
    CHECK(v.zoom() == doctest::Approx(1.5));
    check_window_12();
    v.pan_by(-120, 45);
    check_window_12();
    // A facility: the lift on 2F is hit at its icon.
    const wf::Poi* lift = map->find_poi("F2-elevator");
    REQUIRE(lift);
    wf::Point lp = v.to_screen(lift->at);
    auto hit = v.hit(int(lp.x) + 5, int(lp.y) - 5);
    REQUIRE(hit);
    CHECK(hit->kind == wf::MapHit::Kind::Poi);
    CHECK(map->pois[hit->index].id == "F2-elevator");
    // Zoom stops at 8x and at three quarters of the fit.
    for (int i = 0; i < 20; ++i) v.zoom_by(1.5);
    CHECK(v.zoom() == doctest::Approx(8.0));
    v.reset_view();
    for (int i = 0; i < 20; ++i) v.zoom_by(1 / 1.5);
    CHECK(v.zoom() == doctest::Approx(0.75));
}

TEST_CASE("a two-finger pinch zooms about the fingers' midpoint, which stays on the same map point") {
    auto map = demo_map();
    screens::MapView v(map, "zh-CN");
    v.bounds = {0, 0, 1000, 700};
    wf::Point a{400, 300}, b{500, 300};
    wf::Point mid_map = v.view().to_map({450, 300});
    v.pinch_begin(a, b);
    v.pinch_update({350, 300}, {550, 300});  // fingers twice as far apart
    CHECK(v.zoom() == doctest::Approx(2.0));
    wf::Point still = v.view().to_screen(mid_map);
    CHECK(still.x == doctest::Approx(450).epsilon(0.01));
    CHECK(still.y == doctest::Approx(300).epsilon(0.01));
    v.pinch_end();
}

TEST_CASE("triangulate covers an L-shaped room with n-2 triangles of the right total area") {
    wf::Polygon l = {{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 3}, {0, 3}};
    auto idx = screens::triangulate(l);
    REQUIRE(idx.size() == 3 * (l.size() - 2));
    double area = 0;
    for (size_t i = 0; i < idx.size(); i += 3) {
        auto p = l[size_t(idx[i])], q = l[size_t(idx[i + 1])], r = l[size_t(idx[i + 2])];
        area += std::abs((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)) / 2;
    }
    CHECK(area == doctest::Approx(6.0));
    std::reverse(l.begin(), l.end());  // clockwise works too
    CHECK(screens::triangulate(l).size() == idx.size());
    CHECK(screens::triangulate({{0, 0}, {1, 1}}).empty());
}

TEST_CASE("the map screen opened with a window link highlights that window and routes to it, and floor and target links work") {
    TempDir dir;
    auto imp = run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config", std::string(KIOSK_SOURCE_DIR) + "/assets/demo/kiosk.toml", "--state-dir", dir / "state", "content", "import",
                            std::string(KIOSK_SOURCE_DIR) + "/assets/content"});
    REQUIRE_MESSAGE(imp.exit_code == 0, imp.output);
    auto loaded = config::Config::load("", demo_mode_sets());
    REQUIRE(loaded);
    auto cfg = std::move(loaded.value());
    cfg.set_state_dir(dir / "state");
    AppOptions opts;
    opts.headless = true;
    opts.clock = std::make_shared<VirtualClock>();
    opts.assets_dir = std::string(KIOSK_SOURCE_DIR) + "/assets";
    auto app = App::create(std::move(cfg), opts);
    REQUIRE_MESSAGE(app, app.error().message);
    App& a = **app;

    a.navigate("map", {{"window", "12"}});
    a.frame(true);
    auto m = map_widget(a.dump());
    REQUIRE(m.is_object());
    CHECK(std::string(m["text"]).find("target=window:12 route=F1,F2") != std::string::npos);

    a.navigate("map", {{"floor", "3"}});
    a.frame(true);
    CHECK(std::string(map_widget(a.dump())["text"]).find("floor=F3") == 0);

    a.navigate("map", {{"target", "卫生间"}});
    a.frame(true);
    CHECK(std::string(map_widget(a.dump())["text"]).find("target=poi:F1-restroom") != std::string::npos);
}
