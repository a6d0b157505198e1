// Scripted runs of the real kiosk on the map screen, with the demo content bundle imported first.
#include <doctest/doctest.h>

#include <string>

#include "kiosk_run.h"

using namespace kiosk::test;

namespace {

// Imports assets/content into DIR/state, as an installer would, then runs the script.
KioskRun run_map(const TempDir& dir, const std::string& script, std::vector<std::string> extra = {}) {
    auto imp = run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config", std::string(KIOSK_SOURCE_DIR) + "/assets/demo/kiosk.toml", "--state-dir", dir / "state", "content", "import",
                            std::string(KIOSK_SOURCE_DIR) + "/assets/content"});
    REQUIRE_MESSAGE(imp.exit_code == 0, imp.output);
    return run_kiosk(dir, script, std::move(extra));
}

nlohmann::json widget_by_id(const nlohmann::json& dump, const std::string& id) {
    for (const auto& w : dump["widgets"])
        if (w.value("id", "") == id) return w;
    return {};
}

bool has_item(const nlohmann::json& w, const std::string& text) {
    if (!w.contains("items")) return false;
    for (const auto& it : w["items"])
        if (it.value("text", "") == text) return true;
    return false;
}

std::string all_text(const nlohmann::json& dump) {
    std::string s;
    for (const auto& w : dump["widgets"]) s += w.value("text", "") + "\n";
    return s;
}

nlohmann::json shot_dump(const KioskRun& r, const std::string& name) {
    return nlohmann::json::parse(read_file(r.shots + "/" + name + ".json"));
}

}  // namespace

TEST_CASE("searching 电梯 draws the route to the lift and says it stands behind the service desk") {
    TempDir dir;
    auto r = run_map(dir, "tap \"楼层导航\"\nexpect-screen map\ntap \"电梯\"\nexpect \"去往电梯\"\nscreenshot elevator\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto map = widget_by_id(r.dump, "map");
    REQUIRE(map.is_object());
    std::string state = map["text"];
    CHECK(state.find("floor=F1") != std::string::npos);
    CHECK(state.find("target=poi:F1-elevator") != std::string::npos);
    CHECK(state.find("route=F1") != std::string::npos);
    CHECK(has_item(map, "target:poi:F1-elevator"));
    CHECK(has_item(map, "您在这里"));
    std::string text = all_text(r.dump);
    CHECK(text.find("电梯在服务台后方") != std::string::npos);
    std::string steps = widget_by_id(r.dump, "directions").value("text", "");
    CHECK(steps.find("1. 向前直行") == 0);
    CHECK(steps.find("到达电梯") != std::string::npos);
}

TEST_CASE("typing 12号窗口 highlights window 12, marks the floors of the route, and the 2 楼 tab shows its end") {
    TempDir dir;
    auto r = run_map(dir,
                     "tap \"楼层导航\"\ntype 12号窗口\ntap \"搜索\"\nexpect \"继续看 2 楼 ›\"\ndump first\n"
                     "tap \"2 楼\"\nexpect \"回到起点 1 楼\"\nscreenshot window12\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto first = widget_by_id(shot_dump(r, "first"), "map");
    CHECK(std::string(first["text"]).find("floor=F1 target=window:12 route=F1,F2") == 0);
    CHECK(widget_by_id(shot_dump(r, "first"), "directions").value("text", "").find("在服务台后方乘电梯到 2 楼") !=
          std::string::npos);
    auto map = widget_by_id(r.dump, "map");
    CHECK(std::string(map["text"]).find("floor=F2 target=window:12") == 0);
    CHECK(has_item(map, "target:window:12"));
    CHECK(has_item(map, "12"));
    CHECK(widget_by_id(r.dump, "directions").value("text", "").find("到达第 12 窗口") != std::string::npos);
    // The highlighted window lies inside the map on screen.
    nlohmann::json target;
    for (const auto& it : map["items"])
        if (it["text"] == "target:window:12") target = it;
    auto mb = map["bounds"], tb = target["bounds"];
    CHECK(tb[0].get<int>() >= mb[0].get<int>());
    CHECK(tb[1].get<int>() >= mb[1].get<int>());
    CHECK(tb[0].get<int>() + tb[2].get<int>() <= mb[0].get<int>() + mb[2].get<int>());
}

TEST_CASE("the step-free toggle reroutes without stairs or escalators and puts mode=step_free in the phone link") {
    TempDir dir;
    auto r = run_map(dir, "tap \"楼层导航\"\ntap \"出口\"\ntap \"无障碍路线\"\nexpect \"无障碍路线：已开\"\n"
                          "type 25\ntap \"搜索\"\nexpect \"去往第 25 窗口\"\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto qr = widget_by_id(r.dump, "route-qr");
    CHECK(std::string(qr["text"]).find("mode=step_free") != std::string::npos);
    std::string steps = widget_by_id(r.dump, "directions").value("text", "");
    CHECK(steps.find("乘电梯到 4 楼") != std::string::npos);
    CHECK(steps.find("楼梯") == std::string::npos);
    CHECK(steps.find("扶梯") == std::string::npos);
}

TEST_CASE("the route QR code in a screenshot decodes with zbarimg to exactly the map's route URL") {
    TempDir dir;
    auto r = run_map(dir, "tap \"楼层导航\"\ntype 12\ntap \"搜索\"\nscreenshot qr\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto z = run_process({"/usr/bin/zbarimg", "--nodbus", "-q", "--raw", r.shots + "/qr.png"});
    REQUIRE_MESSAGE(z.exit_code == 0, z.output);
    std::string got = z.output;
    while (!got.empty() && (got.back() == '\n' || got.back() == '\r')) got.pop_back();
    CHECK(got == "https://hall.example.gov.cn/route?from=F1-kiosk&to=F2-win12&mode=any");
    CHECK(std::string(widget_by_id(r.dump, "route-qr")["text"]) == got);
}

TEST_CASE("in English the map screen, its directions and floor names are English") {
    TempDir dir;
    auto r = run_map(dir, "tap \"English\"\ntap \"Floors & elevators\"\ntap \"Elevator\"\nexpect \"Way to elevator\"\n"
                          "expect \"The elevator is behind the service desk\"\nscreenshot en\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["language"] == "en");
    std::string steps = widget_by_id(r.dump, "directions").value("text", "");
    CHECK(steps.find("1. Go straight ahead") == 0);
    for (const char* floor : {"1F", "2F", "3F", "4F"})
        CHECK(widget_by_id(r.dump, std::string("floor-F") + floor[0]).value("text", "") == floor);
}

TEST_CASE("in landscape with large text the route title, toggle and next-floor button fit on the screen") {
    TempDir dir;
    auto r = run_map(dir, "tap \"English\"\ntap \"Floors & elevators\"\ntype 12\ntap \"Search\"\nexpect \"Next: 2F ›\"\n",
                     {"--set", "display.orientation=landscape", "--set", "display.large_text=true"});
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(widget_by_id(r.dump, "route-title").value("text", "") == "Way to Window 12 (Real Estate Registration Centre)");
    CHECK(widget_by_id(r.dump, "step-free").is_object());
    for (const auto& w : r.dump["widgets"]) {
        CHECK(w["bounds"][0].get<int>() + w["bounds"][2].get<int>() <= 1920);
        CHECK(w["bounds"][1].get<int>() + w["bounds"][3].get<int>() <= 1080);
    }
}

TEST_CASE("an unknown search says plainly that nothing was found") {
    TempDir dir;
    auto r = run_map(dir, "tap \"楼层导航\"\ntype XYZ\ntap \"搜索\"\nexpect \"没有找到“XYZ”\"\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
}
