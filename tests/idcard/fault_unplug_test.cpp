// Fault: the reader unplugged and plugged back (pty closed, link removed, then recreated).
#include "reader_fixture.h"

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

TEST_CASE("unplugging the reader gives NoDevice and replugging brings it back Ready") {
    ReaderRig rig;
    rig.send("unplug");
    REQUIRE(rig.events.wait_state(ReaderState::NoDevice));
    CHECK(rig.reader->state() == ReaderState::NoDevice);
    rig.send("replug");
    REQUIRE(rig.events.wait_state(ReaderState::Ready));
    CHECK(rig.place_and_wait("wang").kind == K::CardRead);
}

TEST_CASE("unplugging with a card on the reader reports the card removed, and it is read again after") {
    ReaderRig rig;
    REQUIRE(rig.place_and_wait("wang").kind == K::CardRead);
    rig.send("unplug 300");
    REQUIRE(rig.events.next(K::CardRemoved));
    REQUIRE(rig.events.wait_state(ReaderState::Ready));
    // The card stayed halted across the unplug, as on a real reader: lift and lay it again.
    rig.send("remove");
    CHECK(rig.place_and_wait("wang").kind == K::CardRead);
}
