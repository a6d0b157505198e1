// 办件查询: a case that needs material (补正材料) names the missing document prominently, the window to bring it to, and 带我去 opens the route there; the timeline says each step once.
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("a needs-material case shows the missing document, its window, and 带我去 leads to a route to that window") {
    Rig rig;
    REQUIRE(rig.platform);
    import_content(rig);
    int rc = rig.run(R"(
tap "办件查询"
scan ZWCASE:1:SL20261101000777:M4X9
wait-for "房屋买卖合同原件" 10
screenshot material-01
dump material-01
tap "带我去 10 号窗口"
expect-screen map
screenshot material-02-route
dump material-02-route
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto d = shot_dump(rig, "material-01");
    auto missing = widget(d, "missing");
    REQUIRE(missing.is_object());
    CHECK(missing.value("text", "").find("房屋买卖合同原件") != std::string::npos);
    // Prominent: the document in the title size, above the timeline, not a grey footnote.
    auto state = widget(d, "case-state");
    CHECK(int(missing["bounds"][1]) > int(state["bounds"][1]));
    CHECK(int(missing["bounds"][3]) >= 56);
    CHECK(all_text(d).find("请带到 2 楼 10 号窗口") != std::string::npos);
    auto map = widget(shot_dump(rig, "material-02-route"), "map");
    REQUIRE(map.is_object());
    std::string m = map.value("text", "");
    CHECK(m.find("target=window:10") != std::string::npos);
    CHECK(m.find("route=F1,F2") != std::string::npos);
}

TEST_CASE("each timeline entry says its state once") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
scan ZWCASE:1:SL20261120000123:8K3Q
wait-for "21 号窗口领取" 10
dump timeline
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    std::string text = all_text(shot_dump(rig, "timeline"));
    auto count = [&](const std::string& needle) {
        size_t n = 0;
        for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
        return n;
    };
    CHECK(count("已受理") == 1);
    CHECK(count("审核中") == 1);
    CHECK(count("审核通过") == 1);
}
