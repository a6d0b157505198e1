// kioskctl copy against SANE's test device and a real ippeveprinter, as a technician runs it.
#include <doctest/doctest.h>

#include "copy_rig.h"
#include "pdf_check.h"

using namespace kiosk::copy::test;
using kiosk::test::run_process;
using kiosk::test::TempDir;

namespace {
std::string ctl() { return std::string(KIOSK_BIN_DIR) + "/kioskctl"; }
}  // namespace

TEST_CASE("kioskctl copy --idcard scans both sides and the printer gets one A4 page with two card-sized sides") {
    kiosk::copier::test::SaneTestDir sane;
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    TempDir state;
    auto r = run_process({ctl(), "--state-dir", state.path(), "--set", "copier.sane_options=[\"test-picture=Solid black\"]", "copy",
                          "--idcard", "--device", kiosk::copier::test::SaneTestDir::device(), "--printer", ipp.uri(), "--timeout", "30"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    CHECK(r.output.find("copied: ID card, 1 page(s)") != std::string::npos);
    CHECK(r.output.find("no card edges found") != std::string::npos);
    REQUIRE(kiosk::printer::test::eventually([&] { return ipp.spooled(".pdf").size() == 1; }));
    auto boxes = dark_boxes(ipp.spool_dir() + "/" + ipp.spooled(".pdf")[0], state / "page");
    REQUIRE(boxes.size() == 2);
    CHECK(std::abs(boxes[0].w - 85.6) <= 1.0);
    CHECK(std::abs(boxes[0].h - 54.0) <= 1.0);
}

TEST_CASE("kioskctl copy --page --pages 3 prints three A4 pages; a missing scanner or bad arguments fail with the reason") {
    kiosk::copier::test::SaneTestDir sane;
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    TempDir state;
    auto r = run_process({ctl(), "--state-dir", state.path(), "copy", "--page", "--pages", "3", "--copies", "2", "--device",
                          kiosk::copier::test::SaneTestDir::device(), "--printer", ipp.uri(), "--timeout", "30"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    REQUIRE(kiosk::printer::test::eventually([&] { return ipp.spooled(".pdf").size() == 1; }));
    CHECK(pdf_info(ipp.spool_dir() + "/" + ipp.spooled(".pdf")[0]).pages == 3);

    auto missing = run_process({ctl(), "--state-dir", state.path(), "copy", "--page", "--device", "test:9", "--printer", ipp.uri()});
    CHECK(missing.exit_code == 1);
    CHECK(missing.output.find("no-device") != std::string::npos);
    auto both = run_process({ctl(), "--state-dir", state.path(), "copy", "--page", "--idcard"});
    CHECK(both.exit_code == 2);
    auto many = run_process({ctl(), "--state-dir", state.path(), "copy", "--page", "--copies", "21"});
    CHECK(many.exit_code == 2);
}
