// Fault: the kiosk_pdf program module is missing (a broken installation): a clear error, never a crash.
// Its own program, because the module, once opened or found missing, stays so for the process.
#include <doctest/doctest.h>

#include <cstdlib>

#include "base/dynlib.h"
#include "kiosk/ui/pdf_render.h"
#include "run_process.h"

using namespace kiosk;
using kiosk::test::TempDir;

TEST_CASE("with kiosk_pdf.so missing, render_pdf and preload_pdf return Unavailable naming the module and the folder searched") {
    TempDir empty("no-modules");
    ::setenv("KIOSK_MODULE_DIR", empty.path().c_str(), 1);
    auto st = ui::preload_pdf();
    REQUIRE_FALSE(st);
    CHECK(st.error().code == Errc::Unavailable);
    CHECK(st.error().message.find("kiosk_pdf.so") != std::string::npos);
    CHECK(st.error().message.find(empty.path()) != std::string::npos);

    ui::PdfPageRequest req;
    req.path = std::string(KIOSK_TEST_DATA) + "/pdf/one-page.pdf";
    req.max_w = 100;
    req.max_h = 100;
    auto r = ui::render_pdf(req);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::Unavailable);
    CHECK(r.error().message == st.error().message);
    ::unsetenv("KIOSK_MODULE_DIR");
}

TEST_CASE("a program module without the expected entry is Unavailable, naming the entry") {
    // A real shared object of the right name that lacks the entry: a copy of zlib.
    TempDir dir("odd-module");
    std::string so = dir / "kiosk_odd.so";
    REQUIRE(std::system(("cp /usr/lib/x86_64-linux-gnu/libz.so.1 " + so).c_str()) == 0);
    ::setenv("KIOSK_MODULE_DIR", dir.path().c_str(), 1);
    auto e = dynlib::open_module("kiosk_odd", "kiosk_odd_module");
    REQUIRE_FALSE(e);
    CHECK(e.error().code == Errc::Unavailable);
    CHECK(e.error().message.find("kiosk_odd_module") != std::string::npos);
    ::unsetenv("KIOSK_MODULE_DIR");
}
