// Fault: toner low (a warning: printing goes on) and toner empty (printing impossible).
#include <doctest/doctest.h>

#include "svc_helpers.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

static int toner_level(const PrinterStatus& s) {
    for (const auto& sup : s.supplies)
        if (sup.type == "toner") return sup.level;
    return -2;
}

TEST_CASE("toner low is reported with the supply level and printing stays possible") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig(ipp.uri());
    REQUIRE(eventually([&] { return rig.printer->status().availability == Availability::Ready; }));
    CHECK(toner_level(rig.printer->status()) == 75);  // ippeveprinter's default
    REQUIRE(ipp.set_toner_level(5));
    REQUIRE(eventually([&] { return rig.printer->status().has(Condition::TonerLow); }, 5s));
    auto s = rig.printer->status();
    CHECK(s.can_print());
    CHECK(toner_level(s) == 5);
    auto id = rig.service->print({test_pdf(), "form", 1});
    REQUIRE(id.ok());
    CHECK(rig.service->wait(*id, 20s)->phase == JobPhase::Done);
}

TEST_CASE("toner empty makes the printer unavailable") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig(ipp.uri());
    REQUIRE(ipp.set_toner_level(0));
    REQUIRE(eventually([&] { return rig.printer->status().has(Condition::TonerEmpty); }, 5s));
    CHECK(!rig.printer->status().can_print());
    CHECK(toner_level(rig.printer->status()) == 0);
}
