// kioskctl print and printer status against a real ippeveprinter, as a technician runs them.
#include <doctest/doctest.h>

#include "ipp_fixture.h"
#include "run_process.h"

using namespace kiosk::printer::test;
using kiosk::test::run_process;
using kiosk::test::TempDir;

namespace {
std::string ctl() { return std::string(KIOSK_BIN_DIR) + "/kioskctl"; }
}  // namespace

TEST_CASE("kioskctl print waits for the printed job and printer status reports state and supplies") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    TempDir state;
    auto printed = run_process({ctl(), "--state-dir", state.path(), "print", test_pdf(), "--printer", ipp.uri(),
                                "--timeout", "30"});
    CHECK_MESSAGE(printed.exit_code == 0, printed.output);
    CHECK(eventually([&] { return !ipp.spooled(".pdf").empty(); }));

    REQUIRE(ipp.set_toner_level(5));
    bool low = eventually([&] {
        auto st = run_process({ctl(), "--state-dir", state.path(), "printer", "status", "--printer", ipp.uri(), "--json"});
        return st.exit_code == 0 && st.output.find("toner-low") != std::string::npos;
    });
    CHECK(low);
}

TEST_CASE("kioskctl print exits non-zero with the reason when the printer cannot print") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    TempDir state;
    REQUIRE(ipp.set_main_tray_level(0));
    auto r = run_process({ctl(), "--state-dir", state.path(), "print", test_pdf(), "--printer", ipp.uri(), "--timeout",
                          "4"});
    CHECK(r.exit_code != 0);
    CHECK_MESSAGE(r.output.find("media") != std::string::npos, r.output);

    auto missing = run_process({ctl(), "--state-dir", state.path(), "print", "/nonexistent.pdf", "--printer", ipp.uri()});
    CHECK(missing.exit_code != 0);
    CHECK(missing.output.find("nonexistent.pdf") != std::string::npos);

    int closed = free_port();
    auto unreachable = run_process({ctl(), "--state-dir", state.path(), "printer", "status", "--printer",
                                    "ipp://127.0.0.1:" + std::to_string(closed) + "/ipp/print"});
    CHECK(unreachable.exit_code != 0);
}
