// The in-memory SimIdCardReader used by the windowed demo and UI tests.
#include "reader_fixture.h"

#include "drivers/idcard/reader_factory.h"
#include "drivers/idcard/sim_reader.h"

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

TEST_CASE("the in-memory reader delivers placed cards, invalid cards and removals in order") {
    auto r = SimIdCardReader::create();
    REQUIRE(r.ok());
    auto& reader = *r.value();
    EventLog events;
    reader.start([&](const ReaderEvent& e) { events(e); });
    REQUIRE(reader.place("wang").ok());
    auto e = events.next(K::CardRead, 2000ms);
    REQUIRE(e);
    CHECK(e->identity->id_number.reveal() == "110105198808081237");
    REQUIRE(reader.place("bad").ok());
    CHECK(events.next(K::CardRemoved, 2000ms));
    auto bad = events.next(K::CardInvalid, 2000ms);
    REQUIRE(bad);
    CHECK(bad->message.find("GB 11643") != std::string::npos);
    CHECK(reader.place("nobody").error().code == kiosk::Errc::NotFound);
    reader.fail_next_read("lifted");
    REQUIRE(reader.place("li").ok());
    CHECK(events.next(K::ReadFailed, 2000ms));
    reader.stop();
}

TEST_CASE("the factory picks the in-memory reader, the serial reader or none") {
    ReaderSettings c;
    auto sim = create_reader(c);
    REQUIRE(sim.ok());
    CHECK(dynamic_cast<SimIdCardReader*>(sim->get()) != nullptr);
    c.driver = "serial";
    c.port = "/dev/does-not-exist";
    auto serial = create_reader(c);
    REQUIRE(serial.ok());
    CHECK(serial->get() != nullptr);
    c.driver = "none";
    CHECK(create_reader(c)->get() == nullptr);
    c.driver = "bogus";
    CHECK_FALSE(create_reader(c).ok());
}

TEST_CASE("the control client reports the sim's errors and a missing sim") {
    TempDir dir;
    auto sim = SimProcess::launch({dir.path, sim_binary(), {}});
    REQUIRE(sim.ok());
    CHECK(sim->send("place wang").ok());
    auto bad = sim->send("place nobody");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == kiosk::Errc::Rejected);
    CHECK(sim->send("status")->find("placed=wang") != std::string::npos);
    CHECK_FALSE(sim->send("fault sw3 zz").ok());
    CHECK(SimControl(dir.path + "/nothing").send("status").error().code == kiosk::Errc::Unavailable);
}
