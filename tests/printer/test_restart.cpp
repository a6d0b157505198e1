// Fault: the kiosk stops with a job in flight; at start-up each record is settled by asking the printer.
#include <doctest/doctest.h>

#include "drivers/printer/job_store.h"
#include "svc_helpers.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

TEST_CASE("a job in flight when the service stops is settled from the printer after the restart") {
    IppPrinter ipp(JobScript::Slow);
    REQUIRE(ipp.started());
    Rig rig(ipp.uri());
    PhaseLog log;
    auto id = rig.service->print({test_pdf(), "certificate", 1}, log.listener());
    REQUIRE(id.ok());
    REQUIRE(eventually([&] { return log.saw(JobPhase::Printing); }, 10s));
    rig.service.reset();  // the kiosk goes down mid-job
    {
        auto store = JobStore::open(rig.dir + "/print-jobs.db");
        REQUIRE(store.ok());
        auto rec = store->get(*id);
        REQUIRE(rec.ok());
        REQUIRE(rec->has_value());
        CHECK((*rec)->phase == JobPhase::Printing);  // unfinished on disk
        CHECK((*rec)->printer_job_id > 0);
    }
    rig.start_service();  // restart: recovery asks the printer about the job
    REQUIRE(rig.service);
    auto r = rig.service->wait(*id, 20s);
    REQUIRE_MESSAGE(r.ok(), ipp.log());
    CHECK(r->phase == JobPhase::Done);
    CHECK(ipp.spooled(".pdf").size() == 1);  // printed once, not resubmitted
}

TEST_CASE("a record left in sending is found on the printer by its job name, never resubmitted") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    std::string dir = make_temp_dir("kiosk-restart");
    JobRecord rec;
    rec.id = new_job_id();
    rec.name = "certificate";
    rec.printer_job_name = "certificate-" + rec.id;
    rec.phase = JobPhase::Sending;
    {
        // The crash came after Print-Job reached the printer but before the id was stored.
        auto p = CupsPrinter::create({.destination = ipp.uri(), .start_poller = false});
        REQUIRE(p.ok());
        rec.destination = (*p)->destination();
        auto store = JobStore::open(dir + "/print-jobs.db");
        REQUIRE(store.ok());
        REQUIRE(store->insert(rec).ok());
        REQUIRE((*p)->submit({test_pdf(), rec.printer_job_name, 1}).ok());
    }
    // And one that never reached the printer at all.
    JobRecord lost = rec;
    lost.id = new_job_id();
    lost.printer_job_name = "certificate-" + lost.id;
    REQUIRE(JobStore::open(dir + "/print-jobs.db")->insert(lost).ok());

    Rig rig(ipp.uri());
    rig.dir = dir;
    rig.service.reset();
    rig.start_service();
    REQUIRE(rig.service);
    auto found = rig.service->wait(rec.id, 20s);
    REQUIRE(found.ok());
    CHECK(found->phase == JobPhase::Done);
    CHECK(found->printer_job_id > 0);
    auto missing = rig.service->wait(lost.id, 20s);
    REQUIRE(missing.ok());
    CHECK(missing->phase == JobPhase::NeedsAttention);  // not guessed, not resubmitted
    CHECK(ipp.spooled(".pdf").size() == 1);
    CHECK(eventually([&] { return rig.service->recovery_done(); }, 5s));
}

TEST_CASE("a job the printer has forgotten (printer restarted) needs attention") {
    std::string dir;
    std::string id;
    {
        IppPrinter ipp(JobScript::Slow);
        REQUIRE(ipp.started());
        Rig rig(ipp.uri());
        auto r = rig.service->print({test_pdf(), "certificate", 1});
        REQUIRE(r.ok());
        id = *r;
        REQUIRE(eventually([&] { auto j = rig.service->job(id); return j && *j && (*j)->printer_job_id > 0; }, 10s));
        rig.service.reset();
        dir = make_temp_dir("kiosk-forgot");
        std::filesystem::copy_file(rig.dir + "/print-jobs.db", dir + "/print-jobs.db");
        std::error_code ec;
        std::filesystem::copy_file(rig.dir + "/print-jobs.db-wal", dir + "/print-jobs.db-wal", ec);
        // Point the copied record at the new printer's URI below by rewriting destination.
    }
    IppPrinter fresh;  // a new printer process knows no jobs
    REQUIRE(fresh.started());
    {
        auto opened = db::Database::open(dir + "/print-jobs.db");
        REQUIRE(opened.ok());
        db::Database& db = *opened;
        auto st = db.prepare("UPDATE print_jobs SET destination=?");
        REQUIRE(st.ok());
        st->bind(1, fresh.uri());
        REQUIRE(st->run().ok());
    }
    Rig rig(fresh.uri());
    rig.dir = dir;
    rig.service.reset();
    rig.start_service();
    auto r = rig.service->wait(id, 20s);
    REQUIRE(r.ok());
    CHECK(r->phase == JobPhase::NeedsAttention);
    CHECK(r->reason.find("no longer knows") != std::string::npos);
}
