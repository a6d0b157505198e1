// Fault: slow replies, within and beyond the reader's reply timeout.
#include "reader_fixture.h"

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

TEST_CASE("a reply slower than usual but inside the timeout is read") {
    ReaderRig rig;
    rig.send("fault slow 300");
    CHECK(rig.place_and_wait("wang").kind == K::CardRead);
    CHECK(rig.events.count(K::ReadFailed) == 0);
}

TEST_CASE("replies slower than the timeout give ReadFailed and the late bytes are not taken for the next reply") {
    ReaderRig rig;  // reply timeout 600 ms
    rig.send("fault slow 1200 x2");
    auto e = rig.place_and_wait("wang");
    REQUIRE(e.kind == K::ReadFailed);
    CHECK(e.message.find("no reply") != std::string::npos);
    rig.send("remove");
    REQUIRE(rig.events.next(K::CardRemoved, 15000ms));
    auto next = rig.place_and_wait("li");
    REQUIRE(next.kind == K::CardRead);
    CHECK(next.identity->name.reveal() == "李小测");
}
