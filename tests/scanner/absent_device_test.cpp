// HID and camera scanners with no device present (the build machine has no input devices, uinput or camera).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "drivers/scanner/camera_scanner.h"
#include "drivers/scanner/hid_scanner.h"
#include "scanner_sim_process.h"

using namespace kiosk::scanner;
using scanner_test::Events;
using scanner_test::TempDir;

TEST_CASE("HID selectors parse as vendor:product in hex or as a path, anything else is refused") {
    auto s = parse_hid_selector("0c2e:0B61");
    REQUIRE(s.ok());
    CHECK(s->vendor == 0x0c2e);
    CHECK(s->product == 0x0b61);
    CHECK(parse_hid_selector("/dev/input/by-id/usb-scanner-event-kbd")->path == "/dev/input/by-id/usb-scanner-event-kbd");
    for (const char* bad : {"", "0c2e", "0c2e:", "0c2e:0b61x", "12345:1", "zz:11", "event3"}) CHECK_FALSE(parse_hid_selector(bad).ok());
}

TEST_CASE("looking for a HID scanner among no input devices gives NotFound, and regular files are skipped") {
    TempDir dir;
    std::filesystem::create_directory(dir.path + "/input");
    { std::ofstream(dir.path + "/input/event0") << "not a device"; }
    auto r = find_hid_device(parse_hid_selector("0c2e:0b61").value(), dir.path + "/input");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == kiosk::Errc::NotFound);
    CHECK(find_hid_device(parse_hid_selector(dir.path + "/absent").value()).error().code == kiosk::Errc::NotFound);
}

TEST_CASE("a HID scanner whose device is absent reports NoDevice and stops promptly") {
    TempDir dir;
    auto s = HidScanner::create(dir.path + "/event-absent");
    REQUIRE(s.ok());
    Events ev;
    (*s)->start(ev.listener());
    CHECK(ev.wait_state(ScannerState::NoDevice));
    (*s)->stop();
}

TEST_CASE("a HID scanner pointed at a file that is not an input device reports a fault") {
    TempDir dir;
    { std::ofstream(dir.path + "/event0") << "x"; }
    auto s = HidScanner::create(dir.path + "/event0");
    REQUIRE(s.ok());
    Events ev;
    (*s)->start(ev.listener());
    CHECK(ev.wait_state(ScannerState::Fault));
    (*s)->stop();
}

TEST_CASE("a camera scanner with no camera reports NoDevice, and on a non-video device a fault") {
    TempDir dir;
    CameraScanner absent(dir.path + "/video0");
    Events ev;
    absent.start(ev.listener());
    CHECK(ev.wait_state(ScannerState::NoDevice));
    absent.stop();

    CameraScanner not_video("/dev/null");
    Events ev2;
    not_video.start(ev2.listener());
    CHECK(ev2.wait_state(ScannerState::Fault));
    not_video.stop();
}

TEST_CASE("with camera_enabled the factory pairs the camera with the chosen scanner") {
    ScannerSettings o;
    o.driver = "none";
    o.camera_enabled = true;
    o.camera_device = "/nonexistent/video0";
    auto s = create_scanner(o);
    REQUIRE(s.ok());
    CHECK((*s)->describe() == "none + camera /nonexistent/video0");
    Events ev;
    (*s)->start(ev.listener());
    CHECK(ev.wait_state(ScannerState::NoDevice));
    (*s)->stop();
}
