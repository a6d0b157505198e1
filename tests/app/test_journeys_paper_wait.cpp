// A citizen who waits for paper as told keeps the print: the idle countdown does not run while the job is paused, and resumes after it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "ipp_fixture.h"
#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("a print paused for paper for many idle timeouts completes after the refill, and the idle timers resume after it") {
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    std::string flag = hold_jobs_while_flag(ipp.dir());  // the job waits, as for paper
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    // Short idle timers so that the pause lasts many of them: 5 s idle + 3 s countdown, and the
    // script waits 60 s of virtual time with the paper out (without the hold the session would
    // be wiped and the job canceled after 8 s).
    rig.extra = {"--set", "printer.driver=cups", "--set", "printer.uri=" + ipp.uri(), "--set", "session.idle_timeout_s=5",
                 "--set", "session.countdown_s=3"};
    auto kiosk = rig.start(std::string(kCertificatePrintSteps) + R"(screenshot wait-01-printing
wait-for "打印机缺纸，打印暂停" 30
wait 60
expect "打印机缺纸，打印暂停"
expect-not "继续使用"
screenshot wait-02-still-waiting
wait-for "请取走您的证明" 60
screenshot wait-03-done
wait 20
expect-screen home
)");
    REQUIRE(eventually([&] { return file_exists(rig.shot("wait-01-printing")); }, std::chrono::seconds(40)));
    REQUIRE(ipp.set_main_tray_level(0));
    bool waited = eventually([&] { return file_exists(rig.shot("wait-02-still-waiting")); }, std::chrono::seconds(90));
    REQUIRE(ipp.set_main_tray_level(250));
    std::filesystem::remove(flag);
    int rc = kiosk->wait(std::chrono::seconds(90));
    INFO(rig.log());
    INFO(ipp.log());
    CHECK(waited);
    CHECK(rc == 0);
    CHECK(file_exists(rig.shot("wait-03-done")));
    // The one job printed; nothing was canceled and nothing sent again.
    CHECK(ipp.spooled(".pdf").size() == 1);
    CHECK(rig.log().find("canceled by the kiosk") == std::string::npos);
}
