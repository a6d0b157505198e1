// Fault 7 (issue 19): the card screen reacts to the reader's state while it waits for a card, and paused tiles say so before a citizen starts.
#include <doctest/doctest.h>

#include "fault_rig.h"

using namespace kiosk::test;

TEST_CASE("with the ID-card reader unplugged, 证明打印 says the reader is not working instead of asking for a card") {
    TempDir dir("fault-reader");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    write_file(dir / "test.ks", R"(tap "证明打印"
expect-screen certificates
wait-for "身份证读卡器暂时不能使用" 15
expect-not "请将身份证放在感应区"
screenshot reader-unplugged
)");
    // A serial reader on a port that does not exist: the state a pulled USB cable leaves.
    Child kiosk(kiosk_argv(dir, sim.url(), {"--set", "idcard.driver=serial", "--set", "idcard.port=" + (dir / "no-such-tty")}),
                dir / "kiosk.log");
    CHECK_MESSAGE(kiosk.wait(60) == 0, kiosk.log());
}

TEST_CASE("with the platform unreachable, 证明打印 and 办件查询 say 暂停服务 on the home screen and cannot be started") {
    TempDir dir("fault-reader");
    // No script step waits in real time without a text to wait for: this one never comes,
    // so the script ends (exit 1) after 15 s of real time, long enough for the first
    // heartbeat to fail, and the final screen is in the dump.
    write_file(dir / "test.ks", "wait-for \"(test: let the heartbeat fail)\" 15\n");
    Child kiosk(kiosk_argv(dir, "http://127.0.0.1:9"), dir / "kiosk.log");
    CHECK_MESSAGE(kiosk.wait(60) == 1, kiosk.log());
    auto dump = nlohmann::json::parse(read_file(dir / "dump.json"), nullptr, false);
    REQUIRE(dump.is_object());
    int paused = 0;
    for (const auto& w : dump["widgets"]) {
        std::string id = w.value("id", "");
        if (id == "certificates" || id == "case_status") {
            CHECK(w.value("enabled", true) == false);
            ++paused;
        }
        if (id == "map" || id == "guide" || id == "call_staff") CHECK(w.value("enabled", false) == true);
    }
    CHECK(paused == 2);
}
