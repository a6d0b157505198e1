// Fault: the card is lifted after the certificate list came: everything is wiped and the kiosk goes home.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("lifting the card in the middle of the journey wipes the citizen's data and returns home") {
    Rig rig;
    REQUIRE(rig.card);
    int rc = rig.run(R"(
tap "证明打印"
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
card-remove
wait-for "表格下载" 10
expect-screen home
expect-not "社保参保证明"
expect-not "王*试"
dump after-removal
tap "证明打印"
expect "请将身份证放在感应区"
)");
    INFO(rig.log());
    CHECK(rc == 0);
    std::string dump = read_all(rig.dir / "shots/after-removal.json");
    CHECK(dump.find("王") == std::string::npos);
    CHECK(dump.find("1237") == std::string::npos);
    auto j = nlohmann::json::parse(dump, nullptr, false);
    CHECK(j.value("session", "") == "idle");
}
