// The layout rules (kiosk/ui/layout_check): each rule found on a dump that breaks it, none on one that keeps them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "kiosk/ui/layout_check.h"

using kiosk::ui::check_layout;
using kiosk::ui::LayoutRules;
using nlohmann::json;

namespace {
json button(const char* text, int x, int y, int w, int h) {
    return {{"type", "button"}, {"text", text}, {"bounds", {x, y, w, h}}, {"tappable", true}, {"enabled", true}};
}
bool has(const std::vector<kiosk::ui::LayoutViolation>& v, const std::string& rule) {
    for (const auto& x : v)
        if (x.rule == rule) return true;
    return false;
}
}  // namespace

TEST_CASE("a screen of big separate buttons inside the screen keeps every layout rule") {
    json w = json::array({button("证明打印", 40, 200, 1000, 180), button("办件查询", 40, 420, 1000, 180),
                          {{"type", "label"}, {"text", "政务服务中心"}, {"bounds", {40, 40, 1000, 100}}}});
    CHECK(check_layout(w, LayoutRules{}).empty());
}

TEST_CASE("each broken rule is named with the widget's text and place") {
    LayoutRules r;  // 1080x1920 at 40 px/cm: targets at least 60 px
    SUBCASE("off-screen") {
        auto v = check_layout(json::array({button("完成", 40, 1850, 1000, 180)}), r);
        REQUIRE(has(v, "off-screen"));
        CHECK(v[0].message.find("完成") != std::string::npos);
        CHECK(v[0].message.find("1080x1920") != std::string::npos);
    }
    SUBCASE("empty or negative size") {
        CHECK(has(check_layout(json::array({button("A", 40, 300, 170, -38)}), r), "empty-size"));
        // An empty decoration without text is not a fault.
        CHECK(check_layout(json::array({json{{"type", "spacer"}, {"bounds", {0, 0, 0, 0}}}}), r).empty());
    }
    SUBCASE("small target") {
        auto v = check_layout(json::array({button("Q", 40, 300, 170, 38)}), r);
        CHECK(has(v, "small-target"));
        CHECK_FALSE(has(check_layout(json::array({button("Q", 40, 300, 60, 60)}), r), "small-target"));
    }
    SUBCASE("overlap") {
        auto v = check_layout(json::array({button("不是我", 40, 300, 500, 180), button("确认", 500, 300, 500, 180)}), r);
        CHECK(has(v, "overlap"));
    }
    SUBCASE("text cut") {
        json l = {{"type", "label"}, {"text", "政务服务中心"}, {"bounds", {40, 40, 100, 50}}, {"text_cut", true}};
        CHECK(has(check_layout(json::array({l}), r), "text-cut"));
    }
}

TEST_CASE("list rows scrolled out of their list are not judged, rows inside it are") {
    json list = {{"type", "list"},
                 {"bounds", {40, 200, 1000, 400}},
                 {"items",
                  {{{"text", "第一行"}, {"bounds", {40, 200, 1000, 150}}, {"tappable", true}},
                   {{"text", "很远的行"}, {"bounds", {40, 3000, 1000, 150}}, {"tappable", true}},
                   {{"text", "太矮"}, {"bounds", {40, 360, 1000, 30}}, {"tappable", true}}}}};
    auto v = check_layout(json::array({list}), LayoutRules{});
    REQUIRE(v.size() == 1);
    CHECK(v[0].rule == "small-target");
    CHECK(v[0].message.find("太矮") != std::string::npos);
}

TEST_CASE("behind a modal dialog only the dialog and what follows it are judged") {
    json w = json::array({button("Q", 40, 300, 20, 20),
                          {{"type", "dialog"}, {"bounds", {100, 600, 880, 600}}},
                          button("继续使用", 140, 900, 800, 180)});
    CHECK(check_layout(w, LayoutRules{}).empty());
}

TEST_CASE("a target under a banner drawn over the screen overlaps it") {
    json w = json::array({button("打印", 40, 1700, 1000, 180),
                          {{"type", "banner"}, {"text", "打印机缺纸"}, {"bounds", {40, 1750, 1000, 120}}}});
    CHECK(has(check_layout(w, LayoutRules{}), "overlap"));
}
