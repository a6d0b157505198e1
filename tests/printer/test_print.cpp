// A PDF printed through the PrintService on a real ippeveprinter and found in its spool dir.
#include <doctest/doctest.h>

#include <filesystem>

#include "drivers/printer/cups_printer.h"
#include "drivers/printer/print_service.h"
#include "ipp_fixture.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

TEST_CASE("a PDF is printed, found in the printer's spool and recorded as done") {
    IppPrinter ipp;
    REQUIRE_MESSAGE(ipp.started(), ipp.log());
    auto printer = CupsPrinter::create({.destination = ipp.uri(), .poll_interval = 200ms});
    REQUIRE(printer.ok());
    std::shared_ptr<Printer> p = std::move(*printer);
    REQUIRE(eventually([&] { return p->status().availability == Availability::Ready; }));
    auto caps = p->capabilities();
    REQUIRE(caps.ok());
    CHECK(std::find(caps->document_formats.begin(), caps->document_formats.end(), "application/pdf") !=
          caps->document_formats.end());
    CHECK(!p->status().supplies.empty());

    std::string dir = make_temp_dir("kiosk-print");
    auto svc = PrintService::create(p, {.db_path = dir + "/print-jobs.db", .poll_interval = 100ms});
    REQUIRE(svc.ok());
    std::vector<JobPhase> phases;
    std::mutex m;
    auto id = (*svc)->print({test_pdf("three-pages.pdf"), "certificate", 1}, [&](const JobRecord& r) {
        std::lock_guard lock(m);
        if (phases.empty() || phases.back() != r.phase) phases.push_back(r.phase);
    });
    REQUIRE(id.ok());
    auto done = (*svc)->wait(*id, 20s);
    REQUIRE_MESSAGE(done.ok(), ipp.log());
    CHECK(done->phase == JobPhase::Done);
    CHECK(done->printer_job_id > 0);
    REQUIRE(eventually([&] { std::lock_guard lock(m); return !phases.empty() && phases.back() == JobPhase::Done; }));
    {
        std::lock_guard lock(m);
        REQUIRE(phases.size() >= 3);
        CHECK(phases.front() == JobPhase::Sending);
        CHECK(phases[1] == JobPhase::Printing);
        CHECK(phases.back() == JobPhase::Done);
    }
    // -k keeps the document as <job-id>-<job-name>.pdf; our job name carries our id.
    auto files = ipp.spooled(".pdf");
    REQUIRE(files.size() == 1);
    CHECK(files[0].rfind(std::to_string(done->printer_job_id) + "-", 0) == 0);
    CHECK(files[0].find(*id) != std::string::npos);
    CHECK(std::filesystem::file_size(ipp.spool_dir() + "/" + files[0]) ==
          std::filesystem::file_size(test_pdf("three-pages.pdf")));

    auto hist = (*svc)->history();
    REQUIRE(hist.ok());
    REQUIRE(hist->size() == 1);
    CHECK(hist->front().phase == JobPhase::Done);
    CHECK(hist->front().name == "certificate");
    std::filesystem::remove_all(dir);
}

TEST_CASE("a file that is not a PDF is refused before it reaches the printer") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    auto p = CupsPrinter::create({.destination = ipp.uri(), .start_poller = false});
    REQUIRE(p.ok());
    auto r = (*p)->submit({test_pdf("not-a-pdf.pdf"), "form-x", 1});
    REQUIRE(!r.ok());
    CHECK(r.error().code == Errc::InvalidInput);
    CHECK(ipp.spooled("").empty());
}

TEST_CASE("a job can be found by its name and canceled") {
    IppPrinter ipp(JobScript::Slow);
    REQUIRE(ipp.started());
    auto p = CupsPrinter::create({.destination = ipp.uri(), .start_poller = false});
    REQUIRE(p.ok());
    auto id = (*p)->submit({test_pdf(), "form-find-me", 1});
    REQUIRE(id.ok());
    auto found = (*p)->find_job("form-find-me");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->printer_job_id == *id);
    CHECK(!(*(*p)->find_job("form-other")).has_value());
    REQUIRE((*p)->cancel(*id).ok());
    CHECK(eventually([&] { auto s = (*p)->job_status(*id); return s && s->state == JobState::Canceled; }));
    CHECK((*p)->job_status(9999).error().code == Errc::NotFound);
}

TEST_CASE("bad destinations are refused with a clear error") {
    CHECK(CupsPrinter::create({.destination = ""}).error().code == Errc::InvalidInput);
    CHECK(CupsPrinter::create({.destination = "ftp://x/y"}).error().code == Errc::InvalidInput);
    CHECK(CupsPrinter::create({.destination = "bad/queue name"}).error().code == Errc::InvalidInput);
}
