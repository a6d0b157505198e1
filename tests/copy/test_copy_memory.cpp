// Privacy: a scanned card side is in the kiosk's memory while it is needed and nowhere in it after the idle wipe (marker bytes from the simulated scanner).
#include <doctest/doctest.h>

#include "copy_rig.h"
#include "drivers/copier/sim_copier.h"
#include "sanitizer.h"

using namespace kiosk::journeys::test;

namespace {
std::string marker() {
    auto m = kiosk::copier::sim_marker("copy-memory-test");
    return std::string(m.begin(), m.end());
}
/// Until the front side is scanned (the kiosk holds it for the page).
const char* kFront = R"(
tap "复印"
wait-for "身份证复印" 10
tap "身份证复印"
tap "扫描人像面"
wait-for "扫描国徽面" 20
screenshot mem-01-front
)";
}  // namespace

// Not under ASan: it would measure ASan, not the kiosk (tests/support/sanitizer.h says why).
TEST_CASE("while the copy is in progress the scanned card side is in the kiosk's memory (the probe works)" * doctest::skip(kiosk::test::kAddressSanitizer)) {
    Rig rig;
    rig.extra = {"--set", "copier.driver=sim", "--set", "copier.sim_marker=copy-memory-test"};
    auto kiosk = rig.start(std::string(kFront) + "wait-for \"this text never appears\" 60\n");
    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("mem-01-front")); }, std::chrono::seconds(40)), rig.log());
    CHECK(count_in_memory(kiosk->pid(), marker()) > 0);
    kiosk->stop();
}

// Not under ASan: it would measure ASan, not the kiosk (tests/support/sanitizer.h says why).
TEST_CASE("after the idle timeout in the middle of a copy no byte of the scan is left in the kiosk's memory" * doctest::skip(kiosk::test::kAddressSanitizer)) {
    Rig rig;
    rig.extra = {"--set", "copier.driver=sim", "--set", "copier.sim_marker=copy-memory-test"};
    auto kiosk = rig.start(std::string(kFront) + R"(
wait 61
expect "您还在使用吗？"
wait 10
expect-screen home
screenshot mem-02-wiped
wait-for "this text never appears" 60
)");
    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("mem-02-wiped")); }, std::chrono::seconds(60)), rig.log());
    CHECK(count_in_memory(kiosk->pid(), marker()) == 0);
    // And none on disk: the state folder holds no image or PDF of the copy.
    CHECK(rig.state_bytes().find(marker()) == std::string::npos);
    kiosk->stop();
}
