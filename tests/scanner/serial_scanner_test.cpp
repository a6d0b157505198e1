// Serial scanner against scanner-sim through a real pseudo-terminal: terminators, GB18030, garbage, stale codes, unplug.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include "drivers/scanner/payload.h"
#include "drivers/scanner/serial_scanner.h"
#include "scanner_sim_process.h"

using namespace kiosk::scanner;
using namespace scanner_test;

namespace {
std::unique_ptr<SerialScanner> make(const std::string& port, Terminator t = Terminator::CR, Charset c = Charset::Utf8) {
    auto s = SerialScanner::create(SerialScannerOptions{port, 9600, c, t});
    REQUIRE(s.ok());
    return std::move(s.value());
}
}  // namespace

TEST_CASE("codes arrive through a pty with each terminator the scanner may be set to") {
    for (auto [name, term] : {std::pair{"CR", Terminator::CR}, std::pair{"LF", Terminator::LF},
                              std::pair{"CRLF", Terminator::CRLF}, std::pair{"TAB", Terminator::TAB}}) {
        CAPTURE(name);
        TempDir dir;
        SimProcess sim(dir.path, {"--terminator", name});
        Events ev;
        auto scanner = make(sim.link(), term);
        scanner->start(ev.listener());
        REQUIRE(ev.wait_state(ScannerState::Ready));
        CHECK(sim.command("scan ZWCASE:1:SL20261120000123:8K3Q") == "ok");
        CHECK(sim.command("scan https://localhost/a?b=c") == "ok");
        REQUIRE(ev.wait_scans(2));
        CHECK(ev.scans() == std::vector<std::string>{"ZWCASE:1:SL20261120000123:8K3Q", "https://localhost/a?b=c"});
        scanner->stop();
    }
}

TEST_CASE("a GB18030 scanner's Chinese text arrives as UTF-8") {
    TempDir dir;
    SimProcess sim(dir.path, {"--charset", "GB18030", "--terminator", "CRLF"});
    Events ev;
    auto scanner = make(sim.link(), Terminator::CRLF, Charset::Gb18030);
    scanner->start(ev.listener());
    REQUIRE(ev.wait_state(ScannerState::Ready));
    CHECK(sim.command("scan 政务服务中心 办事指南") == "ok");
    CHECK(sim.command("scan ZWCASE:1:SL20261118000045:Q7P2") == "ok");
    REQUIRE(ev.wait_scans(2));
    CHECK(ev.scans() == std::vector<std::string>{"政务服务中心 办事指南", "ZWCASE:1:SL20261118000045:Q7P2"});
}

TEST_CASE("GB18030 bytes read by a scanner set to UTF-8 are refused by the payload rules as invalid UTF-8") {
    TempDir dir;
    SimProcess sim(dir.path, {"--charset", "GB18030"});
    Events ev;
    auto scanner = make(sim.link());
    scanner->start(ev.listener());
    REQUIRE(ev.wait_state(ScannerState::Ready));
    CHECK(sim.command("scan 中文") == "ok");
    REQUIRE(ev.wait_scans(1));
    auto p = classify_payload(ev.scans().at(0), {});
    REQUIRE(std::holds_alternative<Rejected>(p));
    CHECK(std::get<Rejected>(p).reason == RejectReason::InvalidUtf8);
}

TEST_CASE("line noise is never accepted and the code after it arrives intact") {
    TempDir dir;
    SimProcess sim(dir.path, {"--charset", "GB18030"});
    Events ev;
    auto scanner = make(sim.link(), Terminator::CR, Charset::Gb18030);
    scanner->start(ev.listener());
    REQUIRE(ev.wait_state(ScannerState::Ready));
    CHECK(sim.command("garbage") == "ok");
    CHECK(sim.command("scan ZWLOGIN:1:demo-login-wang-0001abcd") == "ok");
    REQUIRE(ev.wait([](const auto& all) {
        for (const auto& e : all)
            if (e.text == "ZWLOGIN:1:demo-login-wang-0001abcd") return true;
        return false;
    }));
    int noise = 0;
    for (const auto& e : ev.all()) {
        if (e.kind == ScanEvent::Kind::StateChanged || e.text == "ZWLOGIN:1:demo-login-wang-0001abcd") continue;
        ++noise;  // noise is Unreadable (not GB18030) or text the payload rules refuse
        if (e.kind == ScanEvent::Kind::Scanned) CHECK(std::holds_alternative<Rejected>(classify_payload(e.text, {"localhost"})));
    }
    CHECK(noise == 1);
}

TEST_CASE("a half-sent code is dropped once stale and does not spoil the next code") {
    TempDir dir;
    SimProcess sim(dir.path);
    Events ev;
    auto scanner = make(sim.link());
    scanner->start(ev.listener());
    REQUIRE(ev.wait_state(ScannerState::Ready));
    CHECK(sim.command("partial ZWCASE:1:SL2026") == "ok");
    // Generous margin: the gap is measured when the driver reads, which a busy machine may delay.
    std::this_thread::sleep_for(kSerialStaleGap + std::chrono::milliseconds(1000));
    CHECK(sim.command("scan ZWCASE:1:SL20261101000777:M4X9") == "ok");
    REQUIRE(ev.wait_scans(1));
    CHECK(ev.scans() == std::vector<std::string>{"ZWCASE:1:SL20261101000777:M4X9"});
}

TEST_CASE("unplugging the scanner reports no device and replugging brings it back without a restart") {
    TempDir dir;
    SimProcess sim(dir.path);
    Events ev;
    auto scanner = make(sim.link());
    scanner->start(ev.listener());
    REQUIRE(ev.wait_state(ScannerState::Ready));
    size_t mark = ev.all().size();
    CHECK(sim.command("unplug") == "ok");
    REQUIRE(ev.wait_state(ScannerState::NoDevice, mark));
    CHECK(scanner->state() == ScannerState::NoDevice);
    mark = ev.all().size();
    CHECK(sim.command("replug") == "ok");
    REQUIRE(ev.wait_state(ScannerState::Ready, mark));
    CHECK(sim.command("scan ZWCASE:1:SL20261015000310:T2B6") == "ok");
    REQUIRE(ev.wait_scans(1));
    CHECK(ev.scans().back() == "ZWCASE:1:SL20261015000310:T2B6");
}

TEST_CASE("a scanner started before its device exists becomes ready when the device appears") {
    TempDir dir;
    Events ev;
    auto scanner = make(dir.path + "/qrscanner");
    scanner->start(ev.listener());
    REQUIRE(ev.wait_state(ScannerState::NoDevice));
    SimProcess sim(dir.path);
    REQUIRE(ev.wait_state(ScannerState::Ready));
    CHECK(sim.command("scan https://127.0.0.1/x") == "ok");
    REQUIRE(ev.wait_scans(1));
    CHECK(ev.scans().back() == "https://127.0.0.1/x");
    auto t0 = std::chrono::steady_clock::now();
    scanner->stop();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3));
}

TEST_CASE("scanner-sim --send codes (the demo mode) arrive in order with a TAB terminator and GB18030") {
    TempDir dir;
    Events ev;
    auto scanner = make(dir.path + "/qrscanner", Terminator::TAB, Charset::Gb18030);
    scanner->start(ev.listener());
    REQUIRE(ev.wait_state(ScannerState::NoDevice));
    // The sim sends 3 s after it starts; the driver finds the new device within 0.5 s.
    SimProcess sim(dir.path, {"--terminator", "TAB", "--charset", "GB18030", "--delay-ms", "3000", "--interval-ms", "50",
                              "--send", "ZWCASE:1:SL20261120000123:8K3Q", "--send", "二维码"});
    REQUIRE(ev.wait_scans(2));
    CHECK(ev.scans() == std::vector<std::string>{"ZWCASE:1:SL20261120000123:8K3Q", "二维码"});
}
