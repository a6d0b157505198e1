// Session: idle countdown, continue, wipe and attract, driven by scripts on the virtual clock.
#include <doctest/doctest.h>

#include "base/clock.h"
#include "kiosk/app/session.h"
#include "kiosk_run.h"

using namespace kiosk;
using namespace kiosk::test;
using namespace std::chrono_literals;

TEST_CASE("the session counts down after the idle timeout and wipes when the countdown ends") {
    VirtualClock clock;
    Session s(clock, {60s, 10s, 300s});
    int wiped = 0;
    s.begin();
    s.on_wipe([&] { ++wiped; });
    s.login_token = Secret("ZWLOGIN-token-of-citizen");
    clock.advance(59s);
    CHECK_FALSE(s.update());
    CHECK(s.phase() == Session::Phase::Active);
    clock.advance(1s);
    CHECK_FALSE(s.update());
    CHECK(s.phase() == Session::Phase::Countdown);
    CHECK(s.countdown_left() == 10);
    clock.advance(3500ms);
    CHECK(s.countdown_left() == 7);
    s.touch();  // a touch during the countdown keeps the session
    CHECK(s.phase() == Session::Phase::Active);
    clock.advance(60s);
    s.update();
    clock.advance(10s);
    CHECK(s.update());  // expired: the app wipes
    s.wipe();
    CHECK(wiped == 1);
    CHECK(s.login_token.empty());
    CHECK(s.phase() == Session::Phase::Idle);
    CHECK_FALSE(s.attract_due());
    clock.advance(300s);
    CHECK(s.attract_due());
}

TEST_CASE("a scripted run shows the countdown after 60 s idle and returns home wiped after 10 s more") {
    TempDir dir;
    auto r = run_kiosk(dir,
                       "tap \"English\"\n"
                       "tap \"Case status\"\n"
                       "expect-screen case_status\n"
                       "wait 59\n"
                       "expect-not \"Are you still there?\"\n"
                       "wait 1.5\n"
                       "expect \"Are you still there?\"\n"
                       "expect \"seconds this kiosk returns\"\n"
                       "screenshot countdown\n"
                       "wait 10\n"
                       "expect-screen home\n"
                       "expect \"证明打印\"\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["session"] == "idle");
    CHECK(r.dump["language"] == "zh-CN");  // the next citizen starts in the default language
}

TEST_CASE("continue in the countdown keeps the citizen where they were") {
    TempDir dir;
    auto r = run_kiosk(dir,
                       "tap \"办件查询\"\n"
                       "wait 61\n"
                       "expect \"您还在使用吗？\"\n"
                       "tap \"继续使用\"\n"
                       "expect-not \"您还在使用吗？\"\n"
                       "wait 30\n"
                       "expect-screen case_status\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["session"] == "active");
}

TEST_CASE("the idle durations come from the configuration") {
    TempDir dir;
    auto r = run_kiosk(dir,
                       "tap \"办件查询\"\n"
                       "wait 19\n"
                       "expect-not \"您还在使用吗？\"\n"
                       "wait 1.5\n"
                       "expect \"您还在使用吗？\"\n"
                       "wait 5\n"
                       "expect-screen home\n",
                       {"--set", "session.idle_timeout_s=20", "--set", "session.countdown_s=5"});
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
}

TEST_CASE("after a long idle the attract screen appears, and a touch brings the home screen back") {
    TempDir dir;
    auto r = run_kiosk(dir,
                       "wait 299\n"
                       "expect-screen home\n"
                       "wait 2\n"
                       "expect-screen attract\n"
                       "expect \"请触摸屏幕开始\"\n"
                       "tap 540 960\n"
                       "expect-screen home\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
}
