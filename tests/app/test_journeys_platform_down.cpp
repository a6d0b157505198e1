// Fault: the platform is unreachable: both journeys say so plainly, offer a retry, and show nothing stale.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("with the platform down the certificate journey says it cannot connect and offers a retry") {
    Rig rig(false);
    REQUIRE(rig.card);
    int rc = rig.run(R"(
tap "证明打印"
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
wait-for "暂时无法连接政务服务平台" 15
expect "重试"
screenshot cert-offline
)");
    INFO(rig.log());
    CHECK(rc == 0);
}

TEST_CASE("with the platform down a case query gives a clear offline message, never an old answer") {
    Rig rig(false);
    int rc = rig.run(R"(
tap "办件查询"
scan ZWCASE:1:SL20261120000123:8K3Q
wait-for "现在查不到办件进度" 15
expect-not "已办结"
expect-not "21 号窗口"
screenshot case-offline
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
