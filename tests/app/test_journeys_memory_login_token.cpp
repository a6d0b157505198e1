// Fault: an app login token scanned for 证明打印 must be gone from the kiosk's memory after the idle wipe.
// The copy that outlived the wipe (found 2026-12-05 with an allocation tracer) was the script
// runner's own: the step's text and the script file's buffer. Both are wiped now (kiosk/app/script.cpp).
#include <doctest/doctest.h>

#include "journey_rig.h"
#include "memory_checks.h"
#include "sanitizer.h"

using namespace kiosk::journeys::test;

// Not under ASan: it would measure ASan, not the kiosk (tests/support/sanitizer.h says why).
TEST_CASE("a scanned app login token is in the kiosk's memory during the journey and nowhere in it after the idle wipe" * doctest::skip(kiosk::test::kAddressSanitizer)) {
    Rig rig;
    REQUIRE(rig.platform);
    const std::string token = "demo-login-wang-0001abcd";  // assets/demo/platform/identities.json
    auto kiosk = rig.start(R"(
tap "证明打印"
scan ZWLOGIN:1:demo-login-wang-0001abcd
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
screenshot mem-login-01-list
wait 61
wait 10
wait 61
wait 10
dump mem-login-02-wiped
screenshot mem-login-02-wiped
wait-for "this text never appears" 60
)");
    auto needles = encodings_of("token", token);
    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("mem-login-01-list")); }, std::chrono::seconds(40)), rig.log());
    check_seen(kiosk->pid(), needles, "during the journey");
    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("mem-login-02-wiped")); }, std::chrono::seconds(60)), rig.log());
    auto dump = nlohmann::json::parse(read_all(rig.dir / "shots/mem-login-02-wiped.json"), nullptr, false);
    REQUIRE(dump.is_object());
    CHECK(dump.value("session", "") == "idle");
    check_gone(kiosk->pid(), needles, "after the idle wipe");
}
