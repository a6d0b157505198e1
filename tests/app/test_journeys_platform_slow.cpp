// Fault: the platform answers late (platform-sim latency): slower than the timeout → "too slow, try again"; a retry works.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("a platform slower than platform.timeout_ms gives 'too slow' and the retry lists the certificates") {
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    rig.extra = {"--set", "platform.timeout_ms=1000"};
    REQUIRE(rig.platform->fault({{"kind", "latency"}, {"count", 1}, {"ms", 3000}, {"prefix", "/api/v1/certificates"}}));
    int rc = rig.run(R"(
tap "证明打印"
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
expect "正在查询您可以打印的证明"
wait-for "响应太慢" 15
screenshot cert-slow
tap "重试"
wait-for "社保参保证明" 10
)");
    INFO(rig.log());
    CHECK(rc == 0);
}

TEST_CASE("a slow case query within the timeout shows the progress and then the answer") {
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.platform->fault({{"kind", "latency"}, {"count", 1}, {"ms", 1500}, {"prefix", "/api/v1/cases"}}));
    int rc = rig.run(R"(
tap "办件查询"
scan ZWCASE:1:SL20261118000045:Q7P2
expect "正在查询办件进度"
screenshot case-slow
wait-for "审核中" 15
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
