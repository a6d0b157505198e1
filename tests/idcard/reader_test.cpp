// The serial reader loop against idcard-sim through a real pty: reads, placements, removal, layouts.
#include "reader_fixture.h"

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

TEST_CASE("placing wang on idcard-sim delivers his identity through the serial driver") {
    ReaderRig rig;
    auto e = rig.place_and_wait("wang");
    REQUIRE(e.kind == K::CardRead);
    REQUIRE(e.identity);
    CHECK(e.identity->name.reveal() == "王测试");
    CHECK(e.identity->id_number.reveal() == "110105198808081237");
    CHECK(e.identity->nation.reveal() == "汉");
    CHECK(e.identity->photo.size() == 1024);
    CHECK(e.message == "resident");
    CHECK(rig.reader->state() == ReaderState::Ready);
    CHECK(rig.reader->baud() == 115200);
}

TEST_CASE("a card lying on the reader is read once, and again only after it was removed") {
    ReaderRig rig;
    REQUIRE(rig.place_and_wait("li").kind == K::CardRead);
    // Give the loop plenty of polls: it must not read the same placement twice.
    std::this_thread::sleep_for(600ms);
    CHECK(rig.events.count(K::CardRead) == 1);
    rig.send("remove");
    REQUIRE(rig.events.next(K::CardRemoved));
    auto again = rig.place_and_wait("li");
    CHECK(again.kind == K::CardRead);
    CHECK(rig.events.count(K::CardRead) == 2);
}

TEST_CASE("the bad demo card is reported as CardInvalid with the check character named") {
    ReaderRig rig;
    auto e = rig.place_and_wait("bad");
    REQUIRE(e.kind == K::CardInvalid);
    CHECK(e.message.find("GB 11643") != std::string::npos);
    CHECK_FALSE(e.identity);
    rig.send("remove");
    CHECK(rig.events.next(K::CardRemoved));
}

TEST_CASE("every layout of the demo cards is read through the pty") {
    ReaderRig rig;
    for (const char* name : {"chan", "smith", "anna"}) {
        auto e = rig.place_and_wait(name);
        REQUIRE_MESSAGE(e.kind == K::CardRead, name << ": " << e.message);
        rig.send("remove");
        REQUIRE(rig.events.next(K::CardRemoved));
    }
    CHECK(rig.events.count(K::CardRead) == 3);
}

TEST_CASE("the reader reports NoDevice while the port does not exist and Ready once it appears") {
    TempDir dir;
    SerialReaderOptions o;
    o.transport.path = dir.path + "/idcard";
    o.reconnect_interval = 50ms;
    EventLog events;
    SerialIdCardReader reader(o);
    reader.start([&](const ReaderEvent& e) { events(e); });
    REQUIRE(events.wait_state(ReaderState::NoDevice));
    auto sim = SimProcess::launch({dir.path, sim_binary(), {}});
    REQUIRE(sim.ok());
    CHECK(events.wait_state(ReaderState::Ready));
    reader.stop();
}
