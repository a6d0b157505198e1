// Happy paths of 办件查询: receipt QR scanned, and case number + query code typed; "带我去 21号窗口" (公安局, where ID cards are collected) opens the map.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("a scanned receipt shows the timeline and a ready case leads to its window on the map") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
expect "请将受理回执上的二维码对准扫码口"
screenshot case-01-enter
scan ZWCASE:1:SL20261120000123:8K3Q
wait-for "已办结，请到 3 楼 21 号窗口领取" 10
expect "已受理"
screenshot case-02-ready
tap "带我去 21 号窗口"
expect-screen map
)");
    INFO(rig.log());
    CHECK(rc == 0);
}

TEST_CASE("a case typed on the on-screen keyboard shows that more material is needed and where to bring it") {
    Rig rig;
    REQUIRE(rig.platform);
    // The whole number typed (prefix and all) fills the field once; complete, it moves on to
    // the query code by itself (issue 13).
    int rc = rig.run(R"(
tap "办件查询"
type SL20261101000777
type M4X9
screenshot case-03-typed
tap "查询"
wait-for "需要补充材料" 10
screenshot case-04-needs-material
expect "带我去 10 号窗口"
)");
    INFO(rig.log());
    CHECK(rc == 0);
}

TEST_CASE("a wrong query code is refused plainly and a case sent by post says so") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "English"
tap "Case status"
scan ZWCASE:1:SL20261120000123:ZZZZ
wait-for "No case was found" 10
screenshot case-en-not-found
scan ZWCASE:1:SL20261015000310:T2B6
wait-for "Done, sent by post" 10
screenshot case-en-posted
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
