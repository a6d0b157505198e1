// 办件查询: 重新查询 after a refused query comes back to the fields as typed (a typo costs one key, not twenty taps).
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("after a wrong query code, 重新查询 shows the case number and query code as they were typed") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
type 20261101000777
type M4X8
tap "查询"
wait-for "没有找到这个办件" 10
screenshot retry-01-not-found
tap "重新查询"
expect-screen case_status
screenshot retry-02-fields
dump retry-02-fields
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto d = shot_dump(rig, "retry-02-fields");
    CHECK(text_of(d, "case-no") == "SL20261101000777");
    CHECK(text_of(d, "query-code") == "M4X8");
}

TEST_CASE("correcting one character of the kept query code finds the case") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
type 20261101000777
type M4X8
tap "查询"
wait-for "没有找到这个办件" 10
tap "重新查询"
tap "M4X8"
tap "删除"
tap "9"
tap "查询"
wait-for "房屋买卖合同原件" 10
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
