// Fault: wrong technician PINs. Five lock the pad for 15 minutes, the lock survives a restart and a clock set back, and every failure is an audit record.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "base/clock.h"
#include "kiosk/app/technician_lock.h"
#include "kiosk_run.h"
#include "technician_support.h"

using namespace kiosk::test;

namespace {
std::string taps(const std::string& pin) {
    std::string s;
    for (char d : pin) s += std::string("tap \"") + d + "\"\n";
    return s + "tap \"确定\"\n";
}

// Finds a widget of the dump by id.
nlohmann::json widget(const nlohmann::json& dump, const std::string& id) {
    for (const auto& w : dump["widgets"])
        if (w.value("id", "") == id) return w;
    return {};
}
}  // namespace

TEST_CASE("five wrong PINs lock the pad for 15 minutes across a restart, and each failure and the lock are audited") {
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    std::string script = "hold 40 60 5\nexpect-screen technician_pin\n";
    for (int i = 1; i <= 4; ++i)
        script += taps("111111") + "wait-for \"还可尝试 " + std::to_string(5 - i) + " 次\" 10\n";
    script += taps("111111") + "wait-for \"已锁定\" 10\nscreenshot locked\n";
    auto first = run_kiosk(dir, script, {"--config", cfg});
    CHECK_MESSAGE(first.process.exit_code == 0, first.process.output);
    CHECK(widget(first.dump, "key-1")["enabled"] == false);
    CHECK(widget(first.dump, "key-ok")["enabled"] == false);
    auto audit = audit_records(dir / "state/outbox.db");
    CHECK(count_events(audit, "pin-rejected") == 5);
    CHECK(count_events(audit, "pin-locked") == 1);
    CHECK(count_events(audit, "pin-accepted") == 0);
    for (const auto& a : audit) CHECK(a.dump().find("111111") == std::string::npos);
    // The lock is on disk, readable by the kiosk user only.
    struct stat st {};
    REQUIRE(::stat((dir / "state/technician.db").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    // Restarted (a power cut, say): still locked, even for the right PIN; after 15 minutes of
    // (virtual) time, the right PIN opens the technician screen.
    auto second = run_kiosk(dir,
                            "hold 40 60 5\nexpect-screen technician_pin\nexpect \"已锁定\"\n"
                            "wait 70\nexpect-screen home\n"  // the pad closes by itself after a minute
                            "wait 840\nhold 40 60 5\nexpect-screen technician_pin\nexpect-not \"已锁定\"\n" +
                                taps(kTechnicianPin) + "wait-for \"退出维护\" 10\nexpect-screen technician\n",
                            {"--config", cfg, "--set", "session.attract_after_s=86400"});  // no attract screen in 15 min
    CHECK_MESSAGE(second.process.exit_code == 0, second.process.output);
    CHECK(second.dump["screen"] == "technician");
    audit = audit_records(dir / "state/outbox.db");
    CHECK(count_events(audit, "pin-accepted") == 1);
    CHECK(count_events(audit, "pad-opened") == 3);
}

TEST_CASE("the right PIN after four wrong ones starts the count again") {
    TempDir dir;
    kiosk::VirtualClock clock;
    auto lock = kiosk::PinLock::open(dir / "technician.db", clock);
    REQUIRE(lock);
    for (int i = 0; i < 4; ++i) REQUIRE((*lock)->record_failure());
    CHECK((*lock)->state()->attempts_left == 1);
    REQUIRE((*lock)->record_success());
    auto s = (*lock)->state();
    CHECK(s->attempts_left == 5);
    CHECK_FALSE(s->locked);
}

TEST_CASE("a lock whose start lies in the future (the wall clock was set back) runs its 15 minutes again from now") {
    TempDir dir;
    auto now = std::chrono::system_clock::now();
    {
        kiosk::VirtualClock clock(now);
        auto lock = kiosk::PinLock::open(dir / "technician.db", clock);
        REQUIRE(lock);
        for (int i = 0; i < 5; ++i) REQUIRE((*lock)->record_failure());
        REQUIRE((*lock)->state()->locked);
    }
    // Two days earlier: a lock kept as "until" alone would look 2 days long; a lock kept in a
    // monotonic clock would be gone after a reboot. Here it is 15 minutes from the new now.
    kiosk::VirtualClock back(now - std::chrono::hours(48));
    auto lock = kiosk::PinLock::open(dir / "technician.db", back);
    REQUIRE(lock);
    auto s = (*lock)->state();
    REQUIRE(s);
    CHECK(s->locked);
    CHECK(s->locked_until_ms == back.wall_ms() + 15 * 60 * 1000);
    back.advance(std::chrono::minutes(14));
    CHECK((*lock)->state()->locked);
    back.advance(std::chrono::minutes(2));
    CHECK_FALSE((*lock)->state()->locked);
    CHECK((*lock)->state()->attempts_left == 5);
}
