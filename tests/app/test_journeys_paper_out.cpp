// Fault: a real IPP printer runs out of paper while the certificate prints; refilled, the same job finishes (never resubmitted).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "ipp_fixture.h"
#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("paper runs out mid-job: the citizen is told to wait, and after the refill the one job prints once") {
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    // The printer's job command holds the job "processing" while the flag file exists, as a
    // printer waiting for paper does.
    std::string flag = ipp.dir() + "/no-paper";
    std::ofstream(flag) << "1";
    std::ofstream(ipp.dir() + "/job.sh") << "#!/bin/sh\ncat \"$1\" >/dev/null 2>&1\nwhile [ -f '" << flag
                                         << "' ]; do sleep 0.1; done\nexit 0\n";
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    rig.extra = {"--set", "printer.driver=cups", "--set", "printer.uri=" + ipp.uri()};
    auto kiosk = rig.start(R"(
tap "证明打印"
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
tap "社保参保证明"
wait-for "打印（共 1 页，免费）" 10
tap "打印（共 1 页，免费）"
wait-for "正在打印，请稍候…" 20
screenshot paper-01-printing
wait-for "打印机缺纸，打印暂停" 30
expect "不用重新打印"
expect-not "重试"
screenshot paper-02-out
wait-for "请取走您的证明" 40
screenshot paper-03-done
)");
    REQUIRE(eventually([&] { return file_exists(rig.shot("paper-01-printing")); }, std::chrono::seconds(40)));
    REQUIRE(ipp.set_main_tray_level(0));
    bool out_shown = eventually([&] { return file_exists(rig.shot("paper-02-out")); }, std::chrono::seconds(40));
    REQUIRE(ipp.set_main_tray_level(250));
    std::filesystem::remove(flag);
    int rc = kiosk->wait(std::chrono::seconds(60));
    INFO(rig.log());
    INFO(ipp.log());
    CHECK(out_shown);
    CHECK(rc == 0);
    // Exactly one job reached the printer: nothing was sent again after the refill.
    // (ippeveprinter keeps each job's document as <job-id>-<name>.pdf.)
    CHECK(ipp.spooled(".pdf").size() == 1);
}
