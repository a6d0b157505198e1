// Journey: an ID-card copy through the headless kiosk with SANE's test device and a real ippeveprinter: one A4 page with two 85.6 × 54 mm sides.
#include <doctest/doctest.h>

#include "copy_rig.h"
#include "pdf_check.h"

using namespace kiosk::journeys::test;
using namespace kiosk::copy::test;

TEST_CASE("an ID-card copy from the SANE test device prints one A4 page with both sides at 85.6 by 54 mm") {
    kiosk::copier::test::SaneTestDir sane;
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig;
    // The test device's solid black picture has no card edges on a lid: the honest fallback
    // (the standard box at the glass corner) is what prints, and the citizen is told so.
    rig.extra = sane_copier_args(ipp.uri(), {"test-picture=Solid black"});
    int rc = rig.run(std::string(kIdCardScript) + R"(
expect "没有找到身份证的边缘"
screenshot copy-id-01-preview
tap "打印（1 页）"
wait-for "请取走您的复印件" 40
screenshot copy-id-02-done
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto pdfs = ipp.spooled(".pdf");
    REQUIRE(pdfs.size() == 1);
    auto info = pdf_info((ipp.spool_dir() + "/" + pdfs[0]));
    CHECK(info.pages == 1);
    CHECK(info.width_pt == doctest::Approx(595.28).epsilon(0.001));
    CHECK(info.height_pt == doctest::Approx(841.89).epsilon(0.001));
    auto boxes = dark_boxes((ipp.spool_dir() + "/" + pdfs[0]), rig.dir / "page");
    REQUIRE(boxes.size() == 2);
    for (const auto& b : boxes) {
        CHECK(std::abs(b.w - 85.6) <= 1.0);
        CHECK(std::abs(b.h - 54.0) <= 1.0);
    }
}

TEST_CASE("an ID card the simulated scanner finds on the lid prints without the not-found warning, with the watermark") {
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig;
    rig.extra = {"--set", "copier.driver=sim", "--set", "printer.driver=cups", "--set", "printer.uri=" + ipp.uri()};
    int rc = rig.run(std::string(kIdCardScript) + R"(
expect-not "没有找到身份证的边缘"
tap "仅供办理业务使用"
tap "打印（1 页）"
wait-for "请取走您的复印件" 40
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto pdfs = ipp.spooled(".pdf");
    REQUIRE(pdfs.size() == 1);
    CHECK(pdf_info((ipp.spool_dir() + "/" + pdfs[0])).pages == 1);
    auto text = kiosk::test::run_process({"/usr/bin/pdftotext", "-raw", (ipp.spool_dir() + "/" + pdfs[0]), "-"});
    CHECK(text.output.find("仅供办理业务使用") != std::string::npos);
    // Nothing of the copy in the kiosk's state folder.
    CHECK(rig.state_bytes().find("%PDF") == std::string::npos);
}
