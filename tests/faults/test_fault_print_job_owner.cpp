// Fault 3 (issue 19): two processes printing to one real ippeveprinter — kioskctl never follows, recovers or cancels the kiosk's job.
#include <doctest/doctest.h>

#include "drivers/printer/cups_printer.h"
#include "drivers/printer/print_service.h"
#include "ipp_fixture.h"
#include "run_process.h"

using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

TEST_CASE("kioskctl print while the kiosk's job waits for paper leaves the citizen's job alone, and it prints when paper is back") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    REQUIRE(ipp.set_main_tray_level(0));  // the kiosk's job will wait in the printer for paper
    kiosk::test::TempDir dir("fault-owner");
    auto printer = CupsPrinter::create({.destination = ipp.uri(), .poll_interval = 200ms, .request_timeout = 2000ms});
    REQUIRE(printer);
    PrintService::Options o;
    o.db_path = dir / "print-jobs.db";
    o.poll_interval = 100ms;
    o.job_timeout = 120s;  // the kiosk waits for the technician
    o.owner = "kiosk";
    auto kiosk = PrintService::create(std::move(*printer), o);
    REQUIRE(kiosk);
    auto id = (*kiosk)->print({test_pdf(), "certificate", 1});
    REQUIRE(id);
    REQUIRE(eventually([&] {
        auto r = (*kiosk)->job(*id);
        return r && *r && (*r)->printer_job_id > 0;
    }, 15s));

    // A technician prints a test page from the same state dir, with a short timeout: its own
    // job stalls (no paper) and is canceled — the kiosk's must not be.
    auto ctl = kiosk::test::run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--log-level", "info", "--state-dir", dir.path(),
                                         "print", test_pdf(), "--printer", ipp.uri(), "--timeout", "2"},
                                        90);
    CHECK(ctl.exit_code != 0);
    CHECK(ctl.output.find("recovering job " + *id) == std::string::npos);
    auto mine = (*kiosk)->job(*id);
    REQUIRE(mine);
    REQUIRE(mine->has_value());
    CHECK_MESSAGE(!is_final((*mine)->phase), phase_name((*mine)->phase), " ", (*mine)->reason);
    CHECK((*mine)->owner == "kiosk");

    REQUIRE(ipp.set_main_tray_level(250));
    auto done = (*kiosk)->wait(*id, 60s);
    REQUIRE_MESSAGE(done, ipp.log());
    CHECK_MESSAGE(done->phase == JobPhase::Done, done->reason);
}
