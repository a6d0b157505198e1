// Fault: the printer cannot be reached (closed port, or it goes away while the kiosk runs).
#include <doctest/doctest.h>

#include "svc_helpers.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono_literals;

TEST_CASE("a printer on a closed port is offline and a job fails without being printed") {
    int port = free_port();  // nothing listens there
    Rig rig("ipp://127.0.0.1:" + std::to_string(port) + "/ipp/print");
    REQUIRE(rig.service);
    REQUIRE(eventually([&] { return rig.printer->status().has(Condition::Offline); }, 5s));
    CHECK(!rig.printer->status().can_print());
    auto direct = rig.printer->submit({test_pdf(), "form", 1});
    REQUIRE(!direct.ok());
    CHECK(direct.error().code == Errc::Unavailable);
    auto id = rig.service->print({test_pdf(), "form", 1});
    REQUIRE(id.ok());
    auto r = rig.service->wait(*id, 20s);
    REQUIRE(r.ok());
    CHECK(r->phase == JobPhase::Failed);
    CHECK(r->printer_job_id == 0);
    CHECK(r->attempts == 3);  // retried: the printer never took it, so no double print
    auto failures = rig.service->recent_failures();
    REQUIRE(failures.ok());
    CHECK(failures->size() == 1);
}

TEST_CASE("a printer that goes away shows offline within the poll interval and again ready when back") {
    IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig(ipp.uri(), 300ms);
    REQUIRE(eventually([&] { return rig.printer->status().availability == Availability::Ready; }));
    std::atomic<bool> offline_heard{false};
    rig.printer->set_status_listener([&](const PrinterStatus& s) {
        if (s.has(Condition::Offline)) offline_heard = true;
    });
    ipp.stop();
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(eventually([&] { return offline_heard.load(); }, 5s));
    MESSAGE("offline heard after " << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count() << " ms");
    CHECK(!rig.printer->status().can_print());
}
