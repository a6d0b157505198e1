// Home screen with the platform unreachable past its grace: 证明打印 and 办件查询 say 暂停服务 and a band says why in plain words, before the citizen starts; the rest stays open.
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("the platform down past its grace pauses 证明打印 and 办件查询 on the home screen and says why, in Chinese and English") {
    Rig rig(false);
    import_content(rig);
    // Real time first, for the first heartbeat to fail; two minutes of virtual time later the
    // outage is past its grace (a blip pauses nothing).
    int rc = rig.run(R"(
live 3
expect-screen home
dump down-01-blip
wait 125
expect-screen home
screenshot down-02-paused
dump down-02-paused
tap "English"
screenshot down-03-paused-en
dump down-03-paused-en
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto blip = shot_dump(rig, "down-01-blip");
    CHECK_FALSE(widget(blip, "paused").is_object());
    CHECK(widget(blip, "certificates").value("enabled", false));
    auto d = shot_dump(rig, "down-02-paused");
    std::string band = text_of(d, "paused");
    CHECK(band.find("证明打印、办件查询暂停服务") != std::string::npos);
    CHECK(band.find("连不上政务服务平台") != std::string::npos);
    CHECK(band.find("复印") == std::string::npos);  // the printer works: copying is not paused
    CHECK_FALSE(widget(d, "certificates").value("enabled", true));
    CHECK_FALSE(widget(d, "case_status").value("enabled", true));
    CHECK(widget(d, "copy").value("enabled", false));
    CHECK(widget(d, "map").value("enabled", false));
    std::string en = text_of(shot_dump(rig, "down-03-paused-en"), "paused");
    CHECK(en.find("Certificates") != std::string::npos);
    CHECK(en.find("cannot be reached") != std::string::npos);
}
