// Fault: the kiosk_cups program module is missing (a broken installation): the printer is Unavailable with a reason, never a crash.
// Its own program, because the module, once opened or found missing, stays so for the process.
#include <doctest/doctest.h>

#include <cstdlib>

#include "drivers/printer/cups_module.h"
#include "drivers/printer/printer_factory.h"
#include "run_process.h"

using namespace kiosk;
using namespace kiosk::printer;
using kiosk::test::TempDir;

TEST_CASE("with kiosk_cups.so missing, create_printer for cups returns Unavailable naming the module and the folder searched") {
    TempDir empty("no-modules");
    ::setenv("KIOSK_MODULE_DIR", empty.path().c_str(), 1);
    PrinterSettings s;
    s.driver = "cups";
    s.uri = "ipp://127.0.0.1:1/ipp/print";
    auto printer = create_printer(s);
    REQUIRE_FALSE(printer);
    CHECK(printer.error().code == Errc::Unavailable);
    CHECK(printer.error().message.find("kiosk_cups.so") != std::string::npos);
    CHECK(printer.error().message.find(empty.path()) != std::string::npos);
    auto st = preload_cups();
    REQUIRE_FALSE(st);
    CHECK(st.error().message == printer.error().message);
    // The simulated printer needs no module.
    s.driver = "sim";
    s.sim_dir = empty / "sim";
    CHECK(create_printer(s));
    ::unsetenv("KIOSK_MODULE_DIR");
}
