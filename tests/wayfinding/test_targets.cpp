// Search targets: facilities, window numbers and departments resolved to places on the demo hall, ranked.
#include "kiosk/wayfinding/targets.h"
#include "wf_test_util.h"

using namespace wftest;
using MK = wf::TargetMatch::Kind;

namespace {
wf::NodeIndex kiosk_node() { return *demo_hall().find_node("F1-kiosk"); }
}

TEST_CASE("window numbers are read in the ways people type them") {
    CHECK(wf::parse_window_number("12") == 12);
    CHECK(wf::parse_window_number("12号窗口") == 12);
    CHECK(wf::parse_window_number("第12窗口") == 12);
    CHECK(wf::parse_window_number("第 12 号窗口") == 12);
    CHECK(wf::parse_window_number("１２号") == 12);  // full-width digits
    CHECK(wf::parse_window_number("Window 7") == 7);
    CHECK(wf::parse_window_number("12楼") == 0);
    CHECK(wf::parse_window_number("电梯") == 0);
    CHECK(wf::parse_window_number("") == 0);
    CHECK(wf::parse_window_number("123456") == 0);
}

TEST_CASE("'12号窗口' and '12' resolve to window 12 on floor 2 first") {
    const auto& m = demo_hall();
    for (const char* q : {"12号窗口", "12", "第12窗口", "window 12"}) {
        CAPTURE(q);
        auto r = wf::resolve_target(m, q, kiosk_node());
        REQUIRE_FALSE(r.empty());
        CHECK(r[0].kind == MK::Window);
        CHECK(m.windows[r[0].index].number == 12);
        CHECK(m.floors[r[0].floor].id == "F2");
        CHECK(r[0].score == 100);
    }
    CHECK(wf::resolve_target(m, "99号窗口").empty());
}

TEST_CASE("'电梯' resolves to the elevators, the nearest to the kiosk first, and not to the escalator first") {
    const auto& m = demo_hall();
    auto r = wf::resolve_target(m, "电梯", kiosk_node());
    REQUIRE(r.size() >= 4);
    for (size_t i = 0; i < 4; ++i) {
        REQUIRE(r[i].kind == MK::Poi);
        CHECK(m.pois[r[i].index].kind == wf::PoiKind::Elevator);
    }
    CHECK(m.pois[r[0].index].id == "F1-elevator");
    auto en = wf::resolve_target(m, "Lift", kiosk_node());
    REQUIRE_FALSE(en.empty());
    CHECK(m.pois[en[0].index].kind == wf::PoiKind::Elevator);
}

TEST_CASE("'卫生间' ranks plain restrooms first and '无障碍卫生间' the accessible ones") {
    const auto& m = demo_hall();
    auto r = wf::resolve_target(m, "卫生间", kiosk_node());
    REQUIRE_FALSE(r.empty());
    CHECK(m.pois[r[0].index].kind == wf::PoiKind::Restroom);
    CHECK(m.pois[r[0].index].floor == 0);
    bool accessible_listed = false;
    for (const auto& t : r)
        if (t.kind == MK::Poi && m.pois[t.index].kind == wf::PoiKind::AccessibleRestroom) accessible_listed = true;
    CHECK(accessible_listed);
    auto a = wf::resolve_target(m, "无障碍卫生间", kiosk_node());
    REQUIRE_FALSE(a.empty());
    CHECK(m.pois[a[0].index].kind == wf::PoiKind::AccessibleRestroom);
    CHECK(m.pois[a[0].index].id == "F1-accessible-restroom");
    CHECK(m.pois[wf::resolve_target(m, "厕所", kiosk_node())[0].index].kind == wf::PoiKind::Restroom);
}

TEST_CASE("a department name or alias resolves to its windows") {
    const auto& m = demo_hall();
    for (const char* q : {"不动产", "不动产登记中心", "房产管理局", "Real estate registration"}) {
        CAPTURE(q);
        auto r = wf::resolve_target(m, q, kiosk_node());
        REQUIRE(r.size() >= 4);
        for (size_t i = 0; i < 4; ++i) {
            REQUIRE(r[i].kind == MK::Window);
            int n = m.windows[r[i].index].number;
            CHECK(n >= 9);
            CHECK(n <= 12);
        }
        CHECK(wf::target_name(m, r[0], "zh-CN") == "不动产登记中心");
    }
    auto tax = wf::resolve_target(m, "税务");
    REQUIRE_FALSE(tax.empty());
    CHECK(m.windows[tax[0].index].departments.front() == "swj");
}

TEST_CASE("a window shared by several departments is found by each, and named after the one searched") {
    const auto& m = demo_hall();
    for (auto [q, name] : {std::pair{"教育", "教育局"}, std::pair{"司法局", "司法局"}, std::pair{"交通", "交通运输局"}}) {
        CAPTURE(q);
        auto r = wf::resolve_target(m, q, kiosk_node());
        REQUIRE(r.size() >= 2);
        CHECK(m.windows[r[0].index].number <= 2);
        CHECK(wf::target_name(m, r[0], "zh-CN") == name);
    }
}

TEST_CASE("facilities: service desk, exit, parking, print and copy, escalator") {
    const auto& m = demo_hall();
    auto kind_of = [&](const char* q) {
        auto r = wf::resolve_target(m, q, kiosk_node());
        REQUIRE_MESSAGE(!r.empty(), q);
        REQUIRE(r[0].kind == MK::Poi);
        return m.pois[r[0].index].kind;
    };
    CHECK(kind_of("服务台") == wf::PoiKind::ServiceDesk);
    CHECK(kind_of("出口") == wf::PoiKind::Exit);
    CHECK(kind_of("停车场") == wf::PoiKind::Parking);
    CHECK(kind_of("打印") == wf::PoiKind::PrintCopy);
    CHECK(kind_of("扶梯") == wf::PoiKind::Escalator);
    CHECK(kind_of("parking") == wf::PoiKind::Parking);
}

TEST_CASE("empty or meaningless text resolves to nothing") {
    const auto& m = demo_hall();
    CHECK(wf::resolve_target(m, "").empty());
    CHECK(wf::resolve_target(m, "   ").empty());
    CHECK(wf::resolve_target(m, "x").empty());
    CHECK(wf::resolve_target(m, "火星").empty());
}
