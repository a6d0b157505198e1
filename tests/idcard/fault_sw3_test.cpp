// Fault: every SW3 error code of the spec in the read reply, select and find failures, SAM faults.
#include "reader_fixture.h"

#include "drivers/idcard/sam_frame.h"

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

TEST_CASE("each SW3 error in the read reply gives ReadFailed with that code's name") {
    ReaderRig rig;
    for (sam::Sw3 code : sam::all_sw3()) {
        auto v = static_cast<std::uint8_t>(code);
        if (sam::sw3_is_ok(v) || v == 0x80 || v == 0x81) continue;
        const std::string name = sam::sw3_name(v);
        rig.send("fault sw3 " + name + " x2");
        auto e = rig.place_and_wait("wang");
        REQUIRE_MESSAGE(e.kind == K::ReadFailed, name);
        CHECK_MESSAGE(e.message.find(name) != std::string::npos, e.message);
        rig.send("remove");
        REQUIRE(rig.events.next(K::CardRemoved));
    }
}

TEST_CASE("a select failure (SW3 81) twice gives ReadFailed, once is recovered") {
    ReaderRig rig;
    rig.send("fault sw3 81");
    CHECK(rig.place_and_wait("wang").kind == K::CardRead);
    rig.send("remove");
    REQUIRE(rig.events.next(K::CardRemoved));
    rig.send("fault sw3 81 x2");
    auto e = rig.place_and_wait("wang");
    REQUIRE(e.kind == K::ReadFailed);
    CHECK(e.message.find("select-card-failed") != std::string::npos);
}

TEST_CASE("a find failure (SW3 80) only delays the read") {
    ReaderRig rig;
    rig.send("fault sw3 80 x3");
    CHECK(rig.place_and_wait("wang").kind == K::CardRead);
}

TEST_CASE("a SAM self-test failure puts the reader in Fault until the SAM recovers") {
    ReaderRig rig;
    rig.send("fault sam sam-self-test-failed");
    rig.send("unplug 100");  // the reader re-probes the SAM when it comes back
    REQUIRE(rig.events.wait_state(ReaderState::Fault));
    CHECK(rig.reader->state() == ReaderState::Fault);
    rig.send("fault clear");
    CHECK(rig.events.wait_state(ReaderState::Ready));
}
