// Fault: the kiosk is killed while a certificate prints (a crash, or systemd's watchdog); restarted,
// it is on the home screen, the print journal settles the job from the printer (no second copy)
// and the outbox carries on.
#include <doctest/doctest.h>

#include <signal.h>

#include <filesystem>
#include <fstream>

#include "ipp_fixture.h"
#include "journey_rig.h"
#include "run_process.h"

using namespace kiosk::journeys::test;

namespace {
std::string sql(const std::string& db, const std::string& query) {
    auto r = kiosk::test::run_process({"/usr/bin/sqlite3", db, query});
    std::string out = r.output;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}
}  // namespace

TEST_CASE("killed while a certificate prints, the restarted kiosk shows home, settles the job without reprinting and empties its outbox") {
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    std::string flag = hold_jobs_while_flag(ipp.dir());  // the job waits, as for paper
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    rig.extra = {"--set", "printer.driver=cups", "--set", "printer.uri=" + ipp.uri()};
    auto first = rig.start(std::string(kCertificatePrintSteps) + R"(screenshot restart-01-printing
wait-for "不会出现的文字" 60
)");
    REQUIRE(eventually([&] { return file_exists(rig.shot("restart-01-printing")); }, std::chrono::seconds(60)));
    std::string jobs_db = rig.dir / "state/print-jobs.db";
    REQUIRE(eventually([&] { return sql(jobs_db, "SELECT phase FROM print_jobs") == "printing"; }, std::chrono::seconds(20)));
    ::kill(first->pid(), SIGKILL);  // no clean-up: as a crash or the watchdog's kill
    first->wait(std::chrono::seconds(10));
    std::filesystem::remove(flag);  // the printer finishes the job while the kiosk is down

    int rc = rig.run(R"(
expect-screen home
expect "证明打印"
live 4
dump after
)", std::chrono::seconds(60));
    INFO(rig.log());
    INFO(ipp.log());
    CHECK(rc == 0);
    CHECK(rig.dump()["screen"] == "home");
    // The journal settled the job from the printer: completed, one document on the printer.
    CHECK(eventually([&] { return sql(jobs_db, "SELECT phase FROM print_jobs") == "completed"; }, std::chrono::seconds(20)));
    CHECK(sql(jobs_db, "SELECT count(*) FROM print_jobs") == "1");
    CHECK(ipp.spooled(".pdf").size() == 1);
    // The outbox the first run filled (usage statistics, the print's record) reached the platform.
    CHECK(sql(rig.dir / "state/outbox.db", "SELECT count(*) FROM outbox") == "0");
    auto stats = rig.platform->get("/sim/stats");
    REQUIRE(stats.is_object());
    CHECK(stats["unique"].get<int64_t>() >= 1);
}
