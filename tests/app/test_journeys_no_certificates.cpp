// Fault: the platform offers this citizen no certificate (zhao): a plain message and where to go instead.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("a citizen with no certificate is told so, with the next step, in large text") {
    Rig rig;
    REQUIRE(rig.card);
    int rc = rig.run(R"(
tap "大字模式"
tap "证明打印"
card zhao
wait-for "请核对您的身份" 10
expect "赵*证"
tap "是我本人，查询我的证明"
wait-for "暂时没有可以为您打印的证明" 10
expect "请到人工窗口咨询"
screenshot cert-none-large
tap "完成，清除我的信息"
expect-screen home
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
