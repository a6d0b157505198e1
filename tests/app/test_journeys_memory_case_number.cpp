// Fault: a case number typed on the on-screen keyboard must be gone from the kiosk's memory after the idle wipe (UTF-8, UCS-2LE).
// The copy that outlived the wipe (found 2026-12-05 with an allocation tracer) was the script
// runner's own: the step's text and the script file's buffer. Both are wiped now (kiosk/app/script.cpp).
#include <doctest/doctest.h>

#include "journey_rig.h"
#include "memory_checks.h"
#include "sanitizer.h"

using namespace kiosk::journeys::test;

// Not under ASan: it would measure ASan, not the kiosk (tests/support/sanitizer.h says why).
TEST_CASE("a typed case number is in the kiosk's memory during the query and nowhere in it after the idle wipe" * doctest::skip(kiosk::test::kAddressSanitizer)) {
    Rig rig;
    REQUIRE(rig.platform);
    const std::string case_no = "SL20261101000777";
    auto kiosk = rig.start(R"(
tap "办件查询"
type SL20261101000777
type M4X9
tap "查询"
wait-for "需要补充材料" 10
screenshot mem-case-01-result
wait 61
wait 10
wait 61
wait 10
dump mem-case-02-wiped
screenshot mem-case-02-wiped
wait-for "this text never appears" 60
)");
    auto needles = encodings_of("case number", case_no);
    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("mem-case-01-result")); }, std::chrono::seconds(40)), rig.log());
    check_seen(kiosk->pid(), needles, "during the query");
    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("mem-case-02-wiped")); }, std::chrono::seconds(60)), rig.log());
    auto dump = nlohmann::json::parse(read_all(rig.dir / "shots/mem-case-02-wiped.json"), nullptr, false);
    REQUIRE(dump.is_object());
    CHECK(dump.value("session", "") == "idle");
    check_gone(kiosk->pid(), needles, "after the idle wipe");
}
