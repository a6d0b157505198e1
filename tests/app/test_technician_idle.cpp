// Technician mode ends by itself: the technician screen after 2 minutes without a touch, the PIN pad after 1; leaving and restarting are audited too.
#include <doctest/doctest.h>

#include "kiosk_run.h"
#include "technician_support.h"

using namespace kiosk::test;

namespace {
std::string open_technician_screen() {
    std::string s = "hold 40 60 5\nexpect-screen technician_pin\n";
    for (char d : kTechnicianPin) s += std::string("tap \"") + d + "\"\n";
    return s + "tap \"确定\"\nwait-for \"退出维护\" 10\nexpect-screen technician\n";
}
}  // namespace

TEST_CASE("the technician screen stays through 119 s without a touch, shows no countdown, and ends at 2 minutes with an idle exit record") {
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    // The citizen's idle timeout (10 s here) and its countdown do not apply to the technician.
    auto r = run_kiosk(dir,
                       open_technician_screen() +
                           "wait 119\nexpect-screen technician\nexpect-not \"继续使用\"\n"
                           "wait 2\nexpect-screen home\n",
                       {"--config", cfg, "--set", "session.idle_timeout_s=10"});
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["screen"] == "home");
    auto audit = audit_records(dir / "state/outbox.db");
    REQUIRE(count_events(audit, "exit") == 1);
    CHECK(audit.back()["reason"] == "idle");
}

TEST_CASE("a PIN pad left open goes back home after a minute") {
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    auto r = run_kiosk(dir, "hold 40 60 5\nexpect-screen technician_pin\ntap \"1\"\nwait 59\nexpect-screen technician_pin\nwait 2\n"
                            "expect-screen home\n",
                       {"--config", cfg});
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["screen"] == "home");
}

TEST_CASE("leave goes home with a leave record, and restart ends a demo run cleanly with a restart record") {
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    auto left = run_kiosk(dir, open_technician_screen() + "tap \"退出维护\"\nexpect-screen home\n", {"--config", cfg});
    CHECK_MESSAGE(left.process.exit_code == 0, left.process.output);
    auto audit = audit_records(dir / "state/outbox.db");
    REQUIRE(count_events(audit, "exit") == 1);
    CHECK(audit.back()["reason"] == "leave");

    auto restarted = run_kiosk(dir, open_technician_screen() + "tap \"重启终端\"\ntap \"重启\"\nexpect \"不会到这里\"\n", {"--config", cfg});
    CHECK_MESSAGE(restarted.process.exit_code == 0, restarted.process.output);
    CHECK(restarted.process.output.find("the kiosk quit at") != std::string::npos);
    audit = audit_records(dir / "state/outbox.db");
    CHECK(count_events(audit, "exit") == 2);
    CHECK(audit.back()["reason"] == "restart");
}
