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

TEST_CASE("with the platform unreachable for two minutes, 证明打印 and 办件查询 say 暂停服务 on the home screen and cannot be started") {
    TempDir dir("fault-reader");
    // Real time first, for the first heartbeat to fail (a refused port answers at once); one
    // failed contact pauses nothing (a blip: each journey says so and offers a retry). Two
    // minutes on the virtual clock later the outage pauses the tiles.
    write_file(dir / "test.ks", R"(live 3
expect-screen home
dump blip
wait 121
screenshot paused-tiles
tap "English"
screenshot paused-tiles-en
tap "中文"
)");
    Child kiosk(kiosk_argv(dir, "http://127.0.0.1:9"), dir / "kiosk.log");
    CHECK_MESSAGE(kiosk.wait(60) == 0, kiosk.log());
    auto tiles = [](const nlohmann::json& dump, bool want_paused) {
        REQUIRE(dump.is_object());
        int seen = 0;
        for (const auto& w : dump["widgets"]) {
            std::string id = w.value("id", "");
            if (id == "certificates" || id == "case_status") {
                CHECK(w.value("enabled", true) == !want_paused);
                ++seen;
            }
            if (id == "map" || id == "guide" || id == "call_staff") CHECK(w.value("enabled", false) == true);
        }
        CHECK(seen == 2);
    };
    tiles(nlohmann::json::parse(read_file(dir / "shots/blip.json"), nullptr, false), false);
    tiles(nlohmann::json::parse(read_file(dir / "dump.json"), nullptr, false), true);
}
