// The simulated printer: PDFs into a folder, scripted faults, and the stall timeout on a virtual clock.
#include <doctest/doctest.h>

#include <filesystem>

#include "drivers/printer/print_service.h"
#include "drivers/printer/sim_printer.h"
#include "ipp_fixture.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

namespace {
struct SimRig {
    std::string dir = make_temp_dir("kiosk-sim");
    std::shared_ptr<SimPrinter> sim;
    std::unique_ptr<PrintService> service;
    explicit SimRig(std::shared_ptr<Clock> clock = system_clock(), std::chrono::seconds timeout = 60s) {
        auto s = SimPrinter::create({.dir = dir + "/out", .job_duration = 100ms, .tick = 10ms}, clock);
        REQUIRE(s.ok());
        sim = std::shared_ptr<SimPrinter>(std::move(s.value()));
        auto svc = PrintService::create(sim, {.db_path = dir + "/print-jobs.db", .job_timeout = timeout,
                                              .poll_interval = 20ms, .retry_delay = 10ms}, clock);
        REQUIRE(svc.ok());
        service = std::move(svc.value());
    }
    ~SimRig() {
        service.reset();
        sim.reset();
        std::filesystem::remove_all(dir);
    }
    size_t printed() {
        size_t n = 0;
        for (auto& e : std::filesystem::directory_iterator(dir + "/out"))
            if (e.is_regular_file()) ++n;
        return n;
    }
};
}  // namespace

TEST_CASE("the simulated printer writes each job's PDF into its folder") {
    SimRig rig;
    auto id = rig.service->print({test_pdf(), "form", 1});
    REQUIRE(id.ok());
    CHECK(rig.service->wait(*id, 10s)->phase == JobPhase::Done);
    CHECK(rig.printed() == 1);
}

TEST_CASE("the simulated printer holds a job while paper is out and finishes it when refilled") {
    SimRig rig;
    rig.sim->set_conditions({Condition::MediaEmpty});
    CHECK(!rig.sim->status().can_print());
    auto id = rig.service->print({test_pdf(), "form", 1});
    REQUIRE(id.ok());
    REQUIRE(eventually([&] { auto j = rig.service->job(*id); return j && *j && (*j)->phase == JobPhase::Stopped; }));
    CHECK((*rig.service->job(*id))->stopped_by == Condition::MediaEmpty);
    CHECK(rig.printed() == 0);
    rig.sim->set_conditions({});
    CHECK(rig.service->wait(*id, 10s)->phase == JobPhase::Done);
    CHECK(rig.printed() == 1);
}

TEST_CASE("the simulated printer can abort a job and go offline") {
    SimRig rig;
    rig.sim->abort_next_job();
    auto id = rig.service->print({test_pdf(), "form", 1});
    REQUIRE(id.ok());
    auto r = rig.service->wait(*id, 10s);
    CHECK(r->phase == JobPhase::Failed);
    CHECK(r->reason.find("Out of paper") != std::string::npos);
    rig.sim->set_conditions({Condition::Offline});
    CHECK(rig.sim->status().has(Condition::Offline));
    auto id2 = rig.service->print({test_pdf(), "form", 1});
    CHECK(rig.service->wait(*id2, 10s)->phase == JobPhase::Failed);
}

TEST_CASE("a stalled job is canceled at the timeout so it cannot come out later") {
    auto clock = std::make_shared<VirtualClock>();
    SimRig rig(clock, 120s);
    rig.sim->set_conditions({Condition::DoorOpen});
    auto id = rig.service->print({test_pdf(), "certificate", 1});
    REQUIRE(id.ok());
    REQUIRE(eventually([&] { auto j = rig.service->job(*id); return j && *j && (*j)->phase == JobPhase::Stopped; }));
    clock->advance(121s);
    auto r = rig.service->wait(*id, 10s);
    REQUIRE(r.ok());
    CHECK(r->phase == JobPhase::Failed);
    CHECK(r->reason.find("stalled") != std::string::npos);
    rig.sim->set_conditions({});
    clock->advance(1s);
    std::this_thread::sleep_for(50ms);
    CHECK(rig.printed() == 0);
}

TEST_CASE("canceling a job when the citizen leaves ends it Canceled") {
    SimRig rig;
    rig.sim->set_conditions({Condition::MediaEmpty});
    auto id = rig.service->print({test_pdf(), "form", 1});
    REQUIRE(id.ok());
    REQUIRE(eventually([&] { auto j = rig.service->job(*id); return j && *j && (*j)->printer_job_id > 0; }));
    REQUIRE(rig.service->cancel(*id).ok());
    CHECK(rig.service->wait(*id, 10s)->phase == JobPhase::Canceled);
    CHECK(rig.service->cancel(*id).error().code == Errc::NotFound);
}

TEST_CASE("bad print orders are refused with a clear error") {
    SimRig rig;
    CHECK(rig.service->print({test_pdf(), "王测试", 1}).error().code == Errc::InvalidInput);
    CHECK(rig.service->print({test_pdf(), "form", 0}).error().code == Errc::InvalidInput);
    CHECK(rig.service->print({"/nonexistent.pdf", "form", 1}).error().code == Errc::NotFound);
    auto id = rig.service->print({test_pdf("not-a-pdf.pdf"), "form", 1});
    REQUIRE(id.ok());
    CHECK(rig.service->wait(*id, 10s)->phase == JobPhase::Failed);
}
