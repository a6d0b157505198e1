// Attract screen: an ID card placed on it goes straight into 证明打印 (no touch first).
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("a card placed while the attract screen shows opens 证明打印 at the identity check, and 返回 leads home") {
    Rig rig;
    REQUIRE(rig.card);
    int rc = rig.run(R"(
live 2
wait 301
expect-screen attract
screenshot attract-card-01
card wang
wait-for "请核对您的身份" 10
expect-screen certificates
screenshot attract-card-02
tap "返回"
expect-screen home
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
