// Attract screen: a case receipt scanned on it goes straight to 办件查询 with the answer.
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("a receipt scanned while the attract screen shows opens 办件查询 with that case's answer") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
wait 301
expect-screen attract
scan ZWCASE:1:SL20261120000123:8K3Q
wait-for "已办结，请到 3 楼 21 号窗口领取" 10
expect-screen case_status
screenshot attract-receipt
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
