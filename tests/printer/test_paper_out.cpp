// Fault: no paper, before a job and while our job is at the printer; refilled → it prints.
#include <doctest/doctest.h>

#include "svc_helpers.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

TEST_CASE("paper out before a job: status says media-empty, the job stops, and prints once paper is loaded") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig(ipp.uri());
    REQUIRE(rig.service);
    REQUIRE(eventually([&] { return rig.printer->status().availability == Availability::Ready; }));
    std::atomic<int> unavailable_events{0};
    rig.printer->set_status_listener([&](const PrinterStatus& s) {
        if (s.has(Condition::MediaEmpty) && !s.can_print()) ++unavailable_events;
    });
    REQUIRE(ipp.set_main_tray_level(0));
    // The listener hears of it within the poll interval (200 ms; generous deadline).
    REQUIRE_MESSAGE(eventually([&] { return unavailable_events > 0; }, 5s), ipp.log());
    CHECK(rig.printer->status().blocking() == Condition::MediaEmpty);

    PhaseLog log;
    auto id = rig.service->print({test_pdf(), "form", 1}, log.listener());
    REQUIRE(id.ok());
    REQUIRE(eventually([&] { return log.saw(JobPhase::Stopped, Condition::MediaEmpty); }, 10s));
    CHECK(ipp.spooled(".prn").empty());  // not printed while there is no paper
    CHECK(!log.saw(JobPhase::Done));

    REQUIRE(ipp.set_main_tray_level(250));
    auto done = rig.service->wait(*id, 20s);
    REQUIRE_MESSAGE(done.ok(), ipp.log());
    CHECK(done->phase == JobPhase::Done);
    CHECK(eventually([&] { return rig.printer->status().can_print(); }, 5s));
}

TEST_CASE("paper out while the printer is busy and our job is queued: it stops, then completes when refilled") {
    IppPrinter ipp(JobScript::Slow);  // each job takes 3 s; ippeveprinter answers "busy" meanwhile
    REQUIRE(ipp.started());
    Rig rig(ipp.uri());
    REQUIRE(rig.service);
    PhaseLog first_log, log;
    auto first = rig.service->print({test_pdf(), "form", 1}, first_log.listener());
    auto ours = rig.service->print({test_pdf("three-pages.pdf"), "certificate", 1}, log.listener());
    REQUIRE(first.ok());
    REQUIRE(ours.ok());
    REQUIRE(eventually([&] { return first_log.saw(JobPhase::Printing); }, 10s));
    REQUIRE(ipp.set_main_tray_level(0));  // the tray runs out during the first job
    // Ours is held back (busy), never failed, and is accepted once the first is done.
    REQUIRE(eventually([&] { return log.saw(JobPhase::Stopped, Condition::MediaEmpty); }, 15s));
    auto r = rig.service->job(*ours);
    REQUIRE(r.ok());
    CHECK((*r)->phase == JobPhase::Stopped);
    REQUIRE(ipp.set_main_tray_level(250));
    auto done = rig.service->wait(*ours, 20s);
    REQUIRE_MESSAGE(done.ok(), ipp.log());
    CHECK(done->phase == JobPhase::Done);
    CHECK(rig.service->wait(*first, 10s)->phase == JobPhase::Done);
}
