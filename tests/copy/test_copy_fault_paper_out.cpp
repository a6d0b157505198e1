// Fault: the printer runs out of paper while the copy prints: the citizen is told to wait, after the refill the one job prints once.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "copy_rig.h"

using namespace kiosk::journeys::test;
using namespace kiosk::copy::test;

TEST_CASE("paper runs out mid-copy: the citizen is told, and after the refill the copy prints once and is not resubmitted") {
    kiosk::copier::test::SaneTestDir sane;
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    // The job command holds the job "processing" while the flag file exists, as a printer
    // waiting for paper does (the same trick as tests/journeys' paper-out test).
    std::string flag = ipp.dir() + "/no-paper";
    std::ofstream(flag) << "1";
    std::ofstream(ipp.dir() + "/job.sh") << "#!/bin/sh\ncat \"$1\" >/dev/null 2>&1\nwhile [ -f '" << flag
                                         << "' ]; do sleep 0.1; done\nexit 0\n";
    Rig rig;
    rig.extra = sane_copier_args(ipp.uri(), {"test-picture=Solid white"});
    auto kiosk = rig.start(R"(
tap "复印"
wait-for "文件复印" 10
tap "文件复印"
tap "扫描第 1 页"
wait-for "已扫描 1 页" 30
tap "打印（1 页 × 1 份）"
wait-for "正在打印，请稍候…" 20
screenshot copy-paper-01-printing
wait-for "打印机缺纸" 30
expect "不用重新复印"
screenshot copy-paper-02-out
wait-for "请取走您的复印件" 40
)");
    REQUIRE(eventually([&] { return file_exists(rig.shot("copy-paper-01-printing")); }, std::chrono::seconds(40)));
    REQUIRE(ipp.set_main_tray_level(0));
    bool out_shown = eventually([&] { return file_exists(rig.shot("copy-paper-02-out")); }, std::chrono::seconds(40));
    REQUIRE(ipp.set_main_tray_level(250));
    std::filesystem::remove(flag);
    int rc = kiosk->wait(std::chrono::seconds(60));
    INFO(rig.log());
    CHECK(out_shown);
    CHECK(rc == 0);
    CHECK(ipp.spooled(".pdf").size() == 1);
}
