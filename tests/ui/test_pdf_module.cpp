// PDF pages are drawn by the kiosk_pdf program module, opened at run time from lib/kiosk beside the program.
#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <iterator>

#include "base/dynlib.h"
#include "kiosk/ui/pdf_render.h"

using namespace kiosk;

namespace {
std::string data(const std::string& name) { return std::string(KIOSK_TEST_DATA) + "/pdf/" + name; }
}  // namespace

TEST_CASE("render_pdf draws page 2 of a three-page form through the module found in lib/kiosk beside the test program") {
    ui::PdfPageRequest req;
    req.path = data("three-pages.pdf");
    req.page = 1;
    req.max_w = 300;
    req.max_h = 400;
    auto page = ui::render_pdf(req);
    REQUIRE_MESSAGE(page, (page ? "" : page.error().message));
    CHECK(page->pages == 3);
    CHECK(page->width > 0);
    CHECK(page->width <= 300);
    CHECK(page->height <= 400);
    CHECK((page->width == 300 || page->height == 400));  // fitted to the area on one side
    CHECK(page->pixels.size() == size_t(page->pitch) * size_t(page->height));
    CHECK(dynlib::module_dir().find("/lib/kiosk") != std::string::npos);
}

TEST_CASE("render_pdf reads a PDF held in memory and returns InvalidInput, naming no file, for bytes that are not one") {
    std::ifstream in(data("one-page.pdf"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ui::PdfPageRequest req;
    req.bytes = bytes;
    req.max_w = 200;
    req.max_h = 200;
    auto page = ui::render_pdf(req);
    REQUIRE_MESSAGE(page, (page ? "" : page.error().message));
    CHECK(page->pages == 1);

    std::string junk = "%PDF-1.4 nothing else";
    req.bytes = junk;
    auto bad = ui::render_pdf(req);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Errc::InvalidInput);
    CHECK(bad.error().message == "not a readable PDF");
}

TEST_CASE("render_pdf names the form and the page when the page does not exist, and refuses an empty area") {
    ui::PdfPageRequest req;
    req.path = data("one-page.pdf");
    req.page = 4;
    req.max_w = 100;
    req.max_h = 100;
    auto r = ui::render_pdf(req);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::InvalidInput);
    CHECK(r.error().message == "form " + data("one-page.pdf") + " has no page 5");
    req.page = 0;
    req.max_w = 0;
    CHECK(ui::render_pdf(req).error().code == Errc::InvalidInput);
}

TEST_CASE("a system library that is not installed is an Unavailable error naming it, not a crash") {
    auto h = dynlib::open_library("libkiosk-no-such-library.so.9");
    REQUIRE_FALSE(h);
    CHECK(h.error().code == Errc::Unavailable);
    CHECK(h.error().message.find("libkiosk-no-such-library.so.9") != std::string::npos);
}
