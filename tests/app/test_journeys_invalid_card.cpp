// Fault: an ID card whose number fails the GB 11643 check character (card "bad") is refused with a next step.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("an ID card with a wrong check character is refused and the citizen can try another card") {
    Rig rig;
    REQUIRE(rig.card);
    int rc = rig.run(R"(
tap "证明打印"
card bad
wait-for "这张身份证的信息没有通过校验" 10
expect-not "钱错号"
expect-not "请核对您的身份"
screenshot cert-invalid-card
card-remove
wait-for "请将身份证放在感应区" 10
card wang
wait-for "请核对您的身份" 10
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
