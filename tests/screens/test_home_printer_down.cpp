// Home screen with the printer out of paper: 证明打印 and 复印 say 暂停服务 and the band says why, and both come back by themselves when the paper is back (updated live).
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("a printer out of paper pauses the print tiles on the home screen with the reason, and refilled they open again") {
    Rig rig;
    REQUIRE(rig.platform);
    import_content(rig);
    int rc = rig.run(R"(
live 2
expect-screen home
dump printer-01-ok
printer media-empty
wait-for "打印机缺纸" 10
screenshot printer-02-paper
dump printer-02-paper
printer ok
live 3
expect-not "打印机缺纸"
dump printer-03-refilled
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    CHECK_FALSE(widget(shot_dump(rig, "printer-01-ok"), "paused").is_object());
    auto d = shot_dump(rig, "printer-02-paper");
    std::string band = text_of(d, "paused");
    CHECK(band.find("证明打印、复印暂停服务") != std::string::npos);
    CHECK(band.find("打印机缺纸") != std::string::npos);
    CHECK(band.find("办件查询") == std::string::npos);  // needs no printer
    CHECK_FALSE(widget(d, "certificates").value("enabled", true));
    CHECK_FALSE(widget(d, "copy").value("enabled", true));
    CHECK(widget(d, "case_status").value("enabled", false));
    auto back = shot_dump(rig, "printer-03-refilled");
    CHECK_FALSE(widget(back, "paused").is_object());
    CHECK(widget(back, "certificates").value("enabled", false));
}
