// Fault: the printer aborts the job ("Out of paper" from its print command).
#include <doctest/doctest.h>

#include "svc_helpers.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

TEST_CASE("a job the printer aborts ends Failed with the printer's reason and is not retried") {
    IppPrinter ipp(JobScript::OutOfPaper);
    REQUIRE(ipp.started());
    Rig rig(ipp.uri());
    PhaseLog log;
    auto id = rig.service->print({test_pdf(), "certificate", 1}, log.listener());
    REQUIRE(id.ok());
    auto r = rig.service->wait(*id, 20s);
    REQUIRE_MESSAGE(r.ok(), ipp.log());
    CHECK(r->phase == JobPhase::Failed);
    CHECK(r->printer_state == JobState::Aborted);
    CHECK(r->attempts == 1);
    CHECK(r->reason.find("aborted") != std::string::npos);
    auto js = rig.printer->job_status(r->printer_job_id);
    REQUIRE(js.ok());
    CHECK(std::find(js->reasons.begin(), js->reasons.end(), "aborted-by-system") != js->reasons.end());
    // The script also told the printer it is out of paper.
    CHECK(eventually([&] { return rig.printer->status().has(Condition::MediaEmpty); }, 5s));
    auto failures = rig.service->recent_failures();
    REQUIRE(failures.ok());
    REQUIRE(failures->size() == 1);
    CHECK(failures->front().id == *id);
}
