// The CUPS printer comes from the kiosk_cups program module: libcups is loaded when a printer is made, not at start.
// Linked without libcups (tests/printer/CMakeLists.txt), so the test sees when the module brings it in.
#include <doctest/doctest.h>

#include <dlfcn.h>

#include "drivers/printer/cups_module.h"
#include "drivers/printer/printer_factory.h"
#include "ipp_fixture.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

namespace {
bool libcups_loaded() {
    void* h = dlopen("libcups.so.2", RTLD_NOW | RTLD_NOLOAD);
    if (h) dlclose(h);  // only drops the reference NOLOAD took
    return h != nullptr;
}
}  // namespace

TEST_CASE("create_printer with driver cups loads libcups through the kiosk_cups module, and the printer reports and prints on a real ippeveprinter") {
    CHECK_FALSE(libcups_loaded());
    IppPrinter ipp;
    REQUIRE_MESSAGE(ipp.started(), ipp.log());
    PrinterSettings s;
    s.driver = "cups";
    s.uri = ipp.uri();
    s.poll_interval = 200ms;
    auto printer = create_printer(s);
    REQUIRE_MESSAGE(printer, (printer ? "" : printer.error().message));
    CHECK(libcups_loaded());
    std::shared_ptr<Printer> p = *printer;
    REQUIRE(eventually([&] { return p->status().availability == Availability::Ready; }));
    CHECK(p->destination() == ipp.uri());
    auto id = p->submit({test_pdf("one-page.pdf"), "module-test", 1});
    REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
    CHECK(eventually([&] { return !ipp.spooled().empty(); }));
    CHECK(preload_cups());  // already loaded: still fine
}

TEST_CASE("a bad printer URI is refused by the module's CupsPrinter with InvalidInput, as the linked one does") {
    PrinterSettings s;
    s.driver = "cups";
    s.uri = "ftp://x/y";
    auto printer = create_printer(s);
    REQUIRE_FALSE(printer);
    CHECK(printer.error().code == Errc::InvalidInput);
}
