// The printed page: an ID-card copy is one A4 page with both sides at 85.6 × 54 mm (checked with pdfinfo and pdftoppm); document pages, grey and colour.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "kiosk/copy/card_detect.h"
#include "kiosk/copy/copy_pdf.h"
#include "pdf_check.h"
#include "run_process.h"

using namespace kiosk;
using namespace kiosk::copy;
using kiosk::test::TempDir;

namespace {
copier::ScanImage card(int level, int dpi = 300, int channels = 3) {
    auto img = copier::ScanImage::make(int(std::lround(85.6 / 25.4 * dpi)), int(std::lround(54 / 25.4 * dpi)), channels, dpi);
    std::memset(img.pixels.data(), level, img.pixels.size());
    return img;
}
std::string save(const PdfBytes& b, const std::string& path) {
    kiosk::test::write_file(path, std::string(b.begin(), b.end()));
    return path;
}
}  // namespace

TEST_CASE("an ID-card copy is one A4 page with the front above the back, each 85.6 by 54 mm and centred") {
    auto pdf = idcard_page(card(40), card(40), "", copier::ColorMode::Color);
    REQUIRE(pdf);
    TempDir dir("kiosk-copy-pdf");
    auto path = save(*pdf, dir / "id.pdf");
    auto info = copy::test::pdf_info(path);
    CHECK(info.pages == 1);
    CHECK(info.width_pt == doctest::Approx(595.28).epsilon(0.001));
    CHECK(info.height_pt == doctest::Approx(841.89).epsilon(0.001));
    auto boxes = copy::test::dark_boxes(path, dir / "page");
    REQUIRE(boxes.size() == 2);
    for (const auto& b : boxes) {
        CHECK(std::abs(b.w - 85.6) <= 1.0);
        CHECK(std::abs(b.h - 54.0) <= 1.0);
        CHECK(std::abs(b.x - (210 - 85.6) / 2) <= 1.0);
    }
    CHECK(std::abs(boxes[0].y - kIdFrontTopMm) <= 1.0);
    CHECK(std::abs(boxes[1].y - (kIdFrontTopMm + 54 + kIdGapMm)) <= 1.0);
}

TEST_CASE("a card scanned at 150 dpi prints at the same true size as one at 300 dpi") {
    auto pdf = idcard_page(card(40, 150), card(40, 150, 1), "", copier::ColorMode::Gray);
    REQUIRE(pdf);
    TempDir dir("kiosk-copy-pdf");
    auto boxes = copy::test::dark_boxes(save(*pdf, dir / "id.pdf"), dir / "page");
    REQUIRE(boxes.size() == 2);
    CHECK(std::abs(boxes[1].w - 85.6) <= 1.0);
    CHECK(std::abs(boxes[1].h - 54.0) <= 1.0);
}

TEST_CASE("the watermark the citizen typed is printed lightly over both sides and only when asked") {
    TempDir dir("kiosk-copy-pdf");
    auto plain = idcard_page(card(235), card(235), "", copier::ColorMode::Gray);
    auto marked = idcard_page(card(235), card(235), "仅供办理社保业务使用", copier::ColorMode::Gray);
    REQUIRE(plain);
    REQUIRE(marked);
    // Pale cards draw nothing below 215; the watermark does, inside both card boxes.
    CHECK(copy::test::dark_boxes(save(*plain, dir / "plain.pdf"), dir / "p", 100, 215).empty());
    auto boxes = copy::test::dark_boxes(save(*marked, dir / "marked.pdf"), dir / "m", 100, 215);
    REQUIRE(boxes.size() == 2);
    for (const auto& b : boxes) {
        CHECK(b.x >= (210 - 85.6) / 2 - 0.5);
        CHECK(b.x + b.w <= (210 + 85.6) / 2 + 0.5);
    }
    auto text = kiosk::test::run_process({"/usr/bin/pdftotext", "-raw", dir / "marked.pdf", "-"});
    CHECK(text.output.find("仅供办理社保业务使用") != std::string::npos);
}

TEST_CASE("missing sides are refused with InvalidInput") {
    copier::ScanImage none;
    auto r = idcard_page(card(40), none, "", copier::ColorMode::Color);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::InvalidInput);
}

TEST_CASE("document pages added one by one make an A4 PDF of as many pages, grey pages as grey images") {
    auto doc = PagesPdf::create();
    REQUIRE(doc);
    for (int i = 0; i < 3; ++i) {
        auto page = copier::ScanImage::make(827, 1169, 3, 100);
        std::memset(page.pixels.data(), 200, page.pixels.size());
        REQUIRE((*doc)->add(page, copier::ColorMode::Gray));
    }
    CHECK((*doc)->pages() == 3);
    auto pdf = (*doc)->finish();
    REQUIRE(pdf);
    TempDir dir("kiosk-copy-pdf");
    auto path = save(*pdf, dir / "doc.pdf");
    auto info = copy::test::pdf_info(path);
    CHECK(info.pages == 3);
    CHECK(info.width_pt == doctest::Approx(595.28).epsilon(0.001));
    auto images = kiosk::test::run_process({"/usr/bin/pdfimages", "-list", path});
    CHECK(images.output.find("gray") != std::string::npos);
    CHECK(images.output.find("rgb") == std::string::npos);
    CHECK_FALSE((*doc)->finish());  // spent
}

TEST_CASE("a colour page stays colour and a document without pages is refused") {
    auto doc = PagesPdf::create();
    REQUIRE(doc);
    auto none = (*doc)->finish();
    REQUIRE_FALSE(none);
    CHECK(none.error().code == Errc::InvalidInput);
    auto doc2 = PagesPdf::create();
    auto page = copier::ScanImage::make(200, 280, 3, 50);
    for (int y = 0; y < page.height; ++y)
        for (int x = 0; x < page.width; ++x) page.row(y)[3 * x] = 200, page.row(y)[3 * x + 1] = 30, page.row(y)[3 * x + 2] = 30;
    REQUIRE((*doc2)->add(page, copier::ColorMode::Color));
    auto pdf = (*doc2)->finish();
    REQUIRE(pdf);
    TempDir dir("kiosk-copy-pdf");
    auto images = kiosk::test::run_process({"/usr/bin/pdfimages", "-list", save(*pdf, dir / "c.pdf")});
    CHECK(images.output.find("rgb") != std::string::npos);
}

TEST_CASE("clean_page whitens the paper and blackens the print") {
    auto page = copier::ScanImage::make(4, 1, 1, 100);
    page.row(0)[0] = 240, page.row(0)[1] = 20, page.row(0)[2] = 125, page.row(0)[3] = 215;
    clean_page(page);
    CHECK(page.row(0)[0] == 255);
    CHECK(page.row(0)[1] == 0);
    CHECK(page.row(0)[2] > 100);
    CHECK(page.row(0)[2] < 150);
    CHECK(page.row(0)[3] == 255);
}
