// The one PDF path (drivers/printer/pdf_writer): Chinese text that poppler renders and extracts, a regression for glyphs cairo 1.16 lost, bad input, the test page.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "drivers/printer/pdf_writer.h"
#include "drivers/printer/test_page.h"
#include "run_process.h"

using namespace kiosk::printer;
using kiosk::test::TempDir;

namespace {

/// A page rendered by poppler at 72 dpi in grey: one pixel a point.
struct Grey {
    int w = 0, h = 0;
    std::string px;
    int dark_in(double x, double y, double cw, double ch) const {
        int n = 0;
        for (int yy = int(y); yy < int(y + ch) && yy < h; ++yy)
            for (int xx = int(x); xx < int(x + cw) && xx < w; ++xx) n += static_cast<unsigned char>(px[size_t(yy * w + xx)]) < 128;
        return n;
    }
};

Grey render(const std::string& pdf_bytes) {
    TempDir t;
    kiosk::test::write_file(t / "d.pdf", pdf_bytes);
    auto r = kiosk::test::run_process({"/usr/bin/pdftoppm", "-r", "72", "-gray", "-singlefile", t / "d.pdf", t / "page"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    std::ifstream in(t / "page.pgm", std::ios::binary);
    std::string magic;
    int maxval = 0;
    Grey g;
    in >> magic >> g.w >> g.h >> maxval;
    in.get();
    g.px.resize(size_t(g.w) * size_t(g.h));
    in.read(g.px.data(), std::streamsize(g.px.size()));
    REQUIRE(magic == "P5");
    return g;
}

std::string text_of(const std::string& pdf_bytes) {
    TempDir t;
    kiosk::test::write_file(t / "d.pdf", pdf_bytes);
    auto r = kiosk::test::run_process({"/usr/bin/pdftotext", "-enc", "UTF-8", t / "d.pdf", "-"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    return r.output;
}

}  // namespace

TEST_CASE("every character of 参保明细如下 has ink on the page (cairo 1.16 subsetting Noto Sans CJK itself left 如 blank)") {
    auto pdf = PdfWriter::create({"t", "", "test", "2026-11-01T09:00:00"});
    REQUIRE(pdf.ok());
    const std::string line = "参保明细如下";
    (*pdf)->text(100, 100, -1, 40, line);
    auto bytes = (*pdf)->finish();
    REQUIRE(bytes.ok());
    Grey g = render(*bytes);
    // Noto Sans CJK's Han characters are one em wide: 40 points a cell here.
    const char* const chars[] = {"参", "保", "明", "细", "如", "下"};
    for (int i = 0; i < 6; ++i) {
        CAPTURE(chars[i]);
        CHECK(g.dark_in(100 + 40 * i + 2, 100, 36, 58) > 60);
    }
    CHECK(text_of(*bytes).find(line) != std::string::npos);
}

TEST_CASE("the same drawing with a fixed creation date gives the same bytes (the demo bundle's sha256 stays put)") {
    auto make = [] {
        auto pdf = PdfWriter::create({"居民身份证申领登记表", "", "test", "2026-11-01T09:00:00"});
        REQUIRE(pdf.ok());
        (*pdf)->text(50, 50, 400, 14, "居民身份证申领登记表 姓名 性别", FontWeight::Bold);
        (*pdf)->box(50, 100, 300, 40);
        REQUIRE((*pdf)->qr(400, 400, 100, "https://zwfw.example.gov.cn/forms/f-sfz.pdf").ok());
        return *(*pdf)->finish();
    };
    std::string a = make(), b = make();
    CHECK(a.rfind("%PDF-1.5", 0) == 0);
    CHECK(a == b);
}

TEST_CASE("malformed UTF-8 prints as replacement characters, and the rest of the text is still there") {
    auto pdf = PdfWriter::create({"t", "", "", ""});
    REQUIRE(pdf.ok());
    double h = (*pdf)->text(50, 50, 400, 12, std::string("表格\xff\xfe打印"));
    CHECK(h > 0);
    auto bytes = (*pdf)->finish();
    REQUIRE(bytes.ok());
    std::string text = text_of(*bytes);
    CHECK(text.find("表格") != std::string::npos);
    CHECK(text.find("打印") != std::string::npos);
}

TEST_CASE("a QR payload too long for any QR code is an InvalidInput error, not a crash") {
    auto pdf = PdfWriter::create({"t", "", "", ""});
    REQUIRE(pdf.ok());
    auto st = (*pdf)->qr(0, 0, 100, std::string(8000, 'x'));
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == kiosk::Errc::InvalidInput);
    CHECK((*pdf)->finish().ok());
}

TEST_CASE("finish twice is an error, and drawing after finish is ignored") {
    auto pdf = PdfWriter::create({"t", "", "", ""});
    REQUIRE(pdf.ok());
    REQUIRE((*pdf)->finish().ok());
    CHECK_FALSE((*pdf)->finish().ok());
    CHECK((*pdf)->text(0, 0, 100, 12, "x") == 0);
}

TEST_CASE("the technician's test page carries its facts in Chinese and English as extractable text") {
    TestPageInfo info{"kiosk-demo-01", "0.1.0", "2026-12-05 22:10", {"打印机 Printer: idle", "Supply toner: 80%"}};
    auto pdf = test_page_pdf(info);
    REQUIRE(pdf.ok());
    std::string text = text_of(*pdf);
    CHECK(text.find("自助终端打印测试页") != std::string::npos);
    CHECK(text.find("Kiosk printer test page") != std::string::npos);
    CHECK(text.find("kiosk-demo-01") != std::string::npos);
    CHECK(text.find("打印机 Printer: idle") != std::string::npos);
    CHECK(text.find("2026-12-05 22:10") != std::string::npos);
}
