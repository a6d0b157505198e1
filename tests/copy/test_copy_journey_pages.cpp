// Journey: a two-page document, two copies, through the headless kiosk with SANE's test device and a real ippeveprinter.
#include <doctest/doctest.h>

#include "copy_rig.h"
#include "pdf_check.h"

using namespace kiosk::journeys::test;
using namespace kiosk::copy::test;

TEST_CASE("two pages scanned one after the other and two copies reach the printer as one job of two A4 pages") {
    kiosk::copier::test::SaneTestDir sane;
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig;
    rig.extra = sane_copier_args(ipp.uri(), {"test-picture=Grid"});
    int rc = rig.run(R"(
tap "复印"
wait-for "文件复印" 10
tap "文件复印"
tap "扫描第 1 页"
wait-for "已扫描 1 页" 30
tap "扫描第 2 页"
wait-for "已扫描 2 页" 30
tap "+"
screenshot copy-doc-01-preview
tap "打印（2 页 × 2 份）"
wait-for "请取走您的复印件" 60
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto pdfs = ipp.spooled(".pdf");
    REQUIRE(pdfs.size() == 1);
    auto info = pdf_info((ipp.spool_dir() + "/" + pdfs[0]));
    CHECK(info.pages == 2);
    CHECK(info.width_pt == doctest::Approx(595.28).epsilon(0.001));
    // Black and white (the default): the pages are grey images.
    auto images = kiosk::test::run_process({"/usr/bin/pdfimages", "-list", (ipp.spool_dir() + "/" + pdfs[0])});
    CHECK(images.output.find("gray") != std::string::npos);
}
