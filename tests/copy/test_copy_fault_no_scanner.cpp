// Fault: no scanner: the copy screen says so and offers nothing to scan; the rest of the kiosk works.
#include <doctest/doctest.h>

#include "copy_rig.h"

using namespace kiosk::journeys::test;
using namespace kiosk::copy::test;

TEST_CASE("with the scanner missing the copy screen says it cannot be used and both copy kinds are disabled") {
    kiosk::copier::test::SaneTestDir sane(false);
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig;
    rig.extra = sane_copier_args(ipp.uri());
    int rc = rig.run(R"(
tap "复印"
wait-for "扫描仪暂时不能使用" 10
screenshot copy-noscanner
dump copy-noscanner
tap "首页"
expect-screen home
)");
    INFO(rig.log());
    CHECK(rc == 0);
    auto dump = nlohmann::json::parse(read_all(rig.dir / "shots/copy-noscanner.json"), nullptr, false);
    int disabled = 0;
    for (const auto& w : dump["widgets"])
        if ((w.value("text", "") == "身份证复印" || w.value("text", "") == "文件复印") && !w.value("enabled", true)) ++disabled;
    CHECK(disabled == 2);
    CHECK(ipp.spooled(".pdf").empty());
}
