// Fault: the card is lifted while the reader is still reading it (idcard-sim answers late): "not read", try again.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("a card lifted during the read gives 'card not read' and a second placement works") {
    Rig rig;
    REQUIRE(rig.card);
    // The card-data replies come 3 s late (twice: the driver retries once), so the read is
    // still going when the card leaves.
    REQUIRE(rig.card->send("fault slow 3000 x2").ok());
    int rc = rig.run(R"(
tap "证明打印"
card wang
card-remove
wait-for "没有读到身份证" 15
expect-not "请核对您的身份"
screenshot cert-read-failed
tap "重新放置身份证"
card wang
wait-for "请核对您的身份" 10
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
