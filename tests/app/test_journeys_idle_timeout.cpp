// Fault: the citizen walks away mid-journey: after the idle countdown the dump and the kiosk's memory hold no name or ID number.
#include <doctest/doctest.h>

#include "journey_rig.h"
#include "sanitizer.h"

using namespace kiosk::journeys::test;

TEST_CASE("after an idle timeout in the middle of the certificate journey no name or ID number is left in the UI or the process memory") {
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    // The kiosk stays alive after the wipe (the last wait-for never succeeds) while the test
    // reads its memory through /proc/PID/mem; then it is stopped.
    auto kiosk = rig.start(R"(
tap "证明打印"
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
tap "社保参保证明"
wait-for "打印（共 1 页，免费）" 10
screenshot idle-01-preview
wait 61
expect "您还在使用吗？"
wait 10
expect-screen home
dump idle-02-wiped
screenshot idle-02-wiped
wait-for "this text never appears" 60
)");
    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("idle-02-wiped")); }, std::chrono::seconds(40)), rig.log());
    std::string dump = read_all(rig.dir / "shots/idle-02-wiped.json");
    CHECK(dump.find(kWangName) == std::string::npos);
    CHECK(dump.find("王*试") == std::string::npos);
    CHECK(dump.find(kWangId) == std::string::npos);
    CHECK(dump.find("1101**********1237") == std::string::npos);
    CHECK(dump.find("社保参保证明") == std::string::npos);
    auto j = nlohmann::json::parse(dump, nullptr, false);
    CHECK(j.value("session", "") == "idle");

    // The process: neither the name (UTF-8) nor the ID number anywhere in its writable memory.
    // Not under ASan: it would measure ASan, not the kiosk (tests/support/sanitizer.h says why).
    if (!kiosk::test::kAddressSanitizer) {
        long name_hits = count_in_memory(kiosk->pid(), kWangName);
        long id_hits = count_in_memory(kiosk->pid(), kWangId);
        CHECK(name_hits == 0);
        CHECK(id_hits == 0);
    }
    kiosk->stop();
}
