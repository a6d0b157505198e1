// Fault: the card is lifted while the reader is still reading it (idcard-sim answers late): "not read", try again.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("a card lifted during the read gives 'card not read' and a second placement works") {
    Rig rig;
    REQUIRE(rig.card);
    // A card lifted while its data is being sent: the reply is cut off (twice: the driver
    // retries once).
    REQUIRE(rig.card->send("fault truncate x2").ok());
    int rc = rig.run(R"(
tap "证明打印"
card wang
wait-for "没有读到身份证" 15
expect-not "请核对您的身份"
screenshot cert-read-failed
card-remove
wait-for "请将身份证放在感应区" 10
card wang
wait-for "请核对您的身份" 10
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
