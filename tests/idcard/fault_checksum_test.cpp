// Fault: replies with a bad checksum, and line noise before a reply.
#include "reader_fixture.h"

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

TEST_CASE("one reply with a bad checksum is retried and the card is still read") {
    ReaderRig rig;
    rig.send("fault checksum");
    auto e = rig.place_and_wait("wang");
    CHECK(e.kind == K::CardRead);
    CHECK(rig.events.count(K::ReadFailed) == 0);
}

TEST_CASE("a card whose every reply fails its checksum gives ReadFailed naming the checksum") {
    ReaderRig rig;
    rig.send("fault checksum always");
    auto e = rig.place_and_wait("wang");
    REQUIRE(e.kind == K::ReadFailed);
    CHECK(e.message.find("checksum") != std::string::npos);
    rig.send("fault clear");
    rig.send("remove");
    CHECK(rig.events.next(K::CardRemoved));
    CHECK(rig.place_and_wait("wang").kind == K::CardRead);
}

TEST_CASE("line noise with a false preamble before the reply is skipped") {
    ReaderRig rig;
    rig.send("fault garbage");
    auto e = rig.place_and_wait("zhao");
    REQUIRE(e.kind == K::CardRead);
    CHECK(e.identity->id_number.reveal() == "440306199901014563");
    CHECK(rig.events.count(K::ReadFailed) == 0);
}
