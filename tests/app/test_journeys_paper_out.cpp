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
    std::string flag = hold_jobs_while_flag(ipp.dir());  // the job waits, as for paper
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    rig.extra = {"--set", "printer.driver=cups", "--set", "printer.uri=" + ipp.uri()};
    auto kiosk = rig.start(std::string(kCertificatePrintSteps) + R"(screenshot paper-01-printing
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
