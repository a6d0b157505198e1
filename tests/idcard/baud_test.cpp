// Baud probing: a reader at 9600 is found by probing down from 115200; a fixed wrong rate fails.
#include "reader_fixture.h"

#include "drivers/idcard/sam_transport.h"

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

TEST_CASE("a reader at 9600 baud is found by probing and reads a card") {
    ReaderRig rig({"--baud", "9600"});
    CHECK(rig.reader->baud() == 9600);
    auto e = rig.place_and_wait("wang");
    REQUIRE(e.kind == K::CardRead);
    CHECK(e.identity->name.reveal() == "王测试");
}

TEST_CASE("a transport fixed at the wrong rate times out instead of reading noise") {
    TempDir dir;
    auto sim = SimProcess::launch({dir.path, sim_binary(), {"--baud", "9600"}});
    REQUIRE(sim.ok());
    TransportOptions o;
    o.path = sim->link();
    o.baud = 115200;
    o.reply_timeout = 300ms;
    auto t = SamTransport::open(o);
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == kiosk::Errc::Timeout);
    o.baud = 9600;
    auto ok = SamTransport::open(o);
    REQUIRE(ok.ok());
    CHECK(ok->sam_status() == 0x90);
}

TEST_CASE("a reader whose rate changes at run time is found again after the link is reopened") {
    ReaderRig rig;
    rig.send("baud 19200");
    // Polls now meet noise; after a few failures the reader reopens and probes again.
    REQUIRE(rig.events.wait_state(ReaderState::NoDevice));
    REQUIRE(rig.events.wait_state(ReaderState::Ready));
    CHECK(rig.reader->baud() == 19200);
    CHECK(rig.place_and_wait("wang").kind == K::CardRead);
}
