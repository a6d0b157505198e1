// Fault: the scanner goes away mid-scan (SANE_STATUS_IO_ERROR from the test device's sane_read): the citizen is told, nothing prints.
#include <doctest/doctest.h>

#include "copy_rig.h"

using namespace kiosk::journeys::test;
using namespace kiosk::copy::test;

TEST_CASE("a scanner lost mid-scan tells the citizen the scan stopped, offers a retry and prints nothing") {
    kiosk::copier::test::SaneTestDir sane;
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig;
    rig.extra = sane_copier_args(ipp.uri(), {"read-return-value=SANE_STATUS_IO_ERROR"});
    int rc = rig.run(R"(
tap "复印"
wait-for "文件复印" 10
tap "文件复印"
tap "扫描第 1 页"
wait-for "扫描中断" 30
expect "重试"
screenshot copy-gone
tap "返回首页"
expect-screen home
)");
    INFO(rig.log());
    CHECK(rc == 0);
    CHECK(ipp.spooled(".pdf").empty());
}
