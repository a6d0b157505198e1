// Fault: a reply cut off half way (the card lifted mid-read, a cable glitch).
#include "reader_fixture.h"

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

TEST_CASE("a truncated reply is retried and the card is still read") {
    ReaderRig rig;
    rig.send("fault truncate");
    CHECK(rig.place_and_wait("wang").kind == K::CardRead);
}

TEST_CASE("replies truncated twice give ReadFailed saying the reply was truncated") {
    ReaderRig rig;
    rig.send("fault truncate x2");
    auto e = rig.place_and_wait("wang");
    REQUIRE(e.kind == K::ReadFailed);
    CHECK(e.message.find("truncated") != std::string::npos);
    // The link resynchronises: after removal the next placement reads.
    rig.send("remove");
    REQUIRE(rig.events.next(K::CardRemoved));
    CHECK(rig.place_and_wait("li").kind == K::CardRead);
}
