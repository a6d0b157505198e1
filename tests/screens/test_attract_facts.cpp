// Attract screen: it rotates the hall's hours, the 24-hour zone and where the lift is, and says which services are paused.
#include <doctest/doctest.h>

#include <set>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("the attract screen shows the hours, the 24-hour zone and the lift in turn") {
    Rig rig;
    REQUIRE(rig.platform);
    import_content(rig);
    int rc = rig.run(R"(
wait 301
expect-screen attract
screenshot facts-1
dump facts-1
wait 8
dump facts-2
wait 8
screenshot facts-3
dump facts-3
wait 8
dump facts-4
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    std::set<std::string> seen;
    for (const char* n : {"facts-1", "facts-2", "facts-3"}) seen.insert(text_of(shot_dump(rig, n), "attract-info"));
    CHECK(seen.size() == 3);
    std::string all;
    for (const auto& s : seen) all += s + "\n";
    CHECK(all.find("窗口") != std::string::npos);
    CHECK(all.find("24小时自助服务区：一楼东门") != std::string::npos);
    CHECK(all.find("电梯在您") != std::string::npos);
    // Round and round: the fourth is the first again.
    CHECK(text_of(shot_dump(rig, "facts-4"), "attract-info") == text_of(shot_dump(rig, "facts-1"), "attract-info"));
}

TEST_CASE("with the platform down the attract screen says 证明打印 and 办件查询 are paused and why") {
    Rig rig(false);
    int rc = rig.run(R"(
live 3
wait 301
expect-screen attract
screenshot facts-paused
dump facts-paused
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    std::string band = text_of(shot_dump(rig, "facts-paused"), "paused");
    CHECK(band.find("证明打印、办件查询暂停服务") != std::string::npos);
    CHECK(band.find("连不上政务服务平台") != std::string::npos);
}
