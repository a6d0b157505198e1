// SimScanner and the factory: the in-memory scanner the UI and demo use, and option checking.
#include <doctest/doctest.h>

#include "drivers/scanner/sim_scanner.h"

using namespace kiosk::scanner;

TEST_CASE("the sim scanner delivers injected codes synchronously once started, and none after stop") {
    SimScanner s;
    std::vector<ScanEvent> ev;
    CHECK_FALSE(s.inject("early"));
    s.start([&](const ScanEvent& e) { ev.push_back(e); });
    CHECK(s.inject("ZWCASE:1:SL20261120000123:8K3Q"));
    s.set_state(ScannerState::NoDevice, "unplugged");
    CHECK_FALSE(s.inject("while unplugged"));
    s.set_state(ScannerState::Ready);
    CHECK(s.inject_unreadable("bad charset"));
    s.stop();
    CHECK_FALSE(s.inject("late"));
    REQUIRE(ev.size() == 5);
    CHECK(ev[0].kind == ScanEvent::Kind::StateChanged);
    CHECK(ev[1].text == "ZWCASE:1:SL20261120000123:8K3Q");
    CHECK(ev[2].state == ScannerState::NoDevice);
    CHECK(ev[3].state == ScannerState::Ready);
    CHECK(ev[4].kind == ScanEvent::Kind::Unreadable);
}

TEST_CASE("the factory makes each driver and refuses bad options") {
    ScannerSettings o;
    for (const char* d : {"sim", "window", "none", "serial", "hid"}) {
        o.driver = d;
        o.hid_device = "0c2e:0b61";
        auto s = create_scanner(o);
        REQUIRE_MESSAGE(s.ok(), d);
    }
    o.driver = "serial";
    o.baud = 12345;
    CHECK(create_scanner(o).error().code == kiosk::Errc::InvalidInput);
    o.baud = 9600;
    o.terminator = "ETX";
    CHECK_FALSE(create_scanner(o).ok());
    o.driver = "hid";
    o.hid_device = "scanner";
    CHECK_FALSE(create_scanner(o).ok());
    o.driver = "camera";
    o.camera_enabled = false;
    CHECK_FALSE(create_scanner(o).ok());
    o.driver = "gopher";
    CHECK_FALSE(create_scanner(o).ok());
}

TEST_CASE("the none driver reports no device") {
    ScannerSettings o;
    o.driver = "none";
    auto s = create_scanner(o);
    REQUIRE(s.ok());
    ScannerState st = ScannerState::Ready;
    (*s)->start([&](const ScanEvent& e) { st = e.state; });
    CHECK(st == ScannerState::NoDevice);
    CHECK((*s)->state() == ScannerState::NoDevice);
}
