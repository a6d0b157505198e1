// 办件查询: 返回 goes back one step (answer → the fields as typed → home), not straight home.
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("返回 on a case's answer goes back to the fields with the case kept, and 返回 there goes home") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
type 20261118000045
type Q7P2
tap "查询"
wait-for "营业执照变更登记" 10
tap "返回"
expect-screen case_status
expect "请将受理回执上的二维码对准扫码口"
dump back-01-fields
tap "返回"
expect-screen home
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto d = shot_dump(rig, "back-01-fields");
    CHECK(text_of(d, "case-no") == "SL20261118000045");
    CHECK(text_of(d, "query-code") == "Q7P2");
}

TEST_CASE("返回 on an error goes back to the fields, not home") {
    Rig rig(false);
    int rc = rig.run(R"(
tap "办件查询"
scan ZWCASE:1:SL20261120000123:8K3Q
wait-for "现在查不到办件进度" 15
tap "返回"
expect-screen case_status
dump back-02-fields
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    CHECK(text_of(shot_dump(rig, "back-02-fields"), "query-code") == "8K3Q");
}
