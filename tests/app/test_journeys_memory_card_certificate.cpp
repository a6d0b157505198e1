// Fault: after an idle wipe the kiosk's memory still held the card's text block (UCS-2LE) and the certificate: scan the live process for every encoding.
#include <doctest/doctest.h>

#include <unistd.h>

#include <memory>

#include "ipp_fixture.h"
#include "journey_rig.h"
#include "memory_checks.h"
#include "sanitizer.h"

using namespace kiosk::journeys::test;

namespace {

/// What an attacker would look for after a card read and a certificate: the name and the ID
/// number in every encoding they travel in, the address (only the card has it), and the
/// certificate itself. Its text is in compressed streams of glyph numbers (cairo), so the
/// needle is 48 bytes of its first compressed stream as the platform sends it.
std::vector<MemoryNeedle> wang_needles() {
    std::vector<MemoryNeedle> n;
    for (auto& e : encodings_of("name", kWangName)) n.push_back(e);
    for (auto& e : encodings_of("id", kWangId)) n.push_back(e);
    for (auto& e : encodings_of("address", "北京市朝阳区演示路1号院2号楼301室")) n.push_back(e);
    std::string pdf = read_all(std::string(KIOSK_SOURCE_DIR) + "/assets/demo/platform/certificates/wang-shebao.pdf");
    size_t at = pdf.find("stream\n");
    REQUIRE(at != std::string::npos);
    REQUIRE(pdf.size() > at + 7 + 48);
    n.push_back({"certificate bytes", pdf.substr(at + 7, 48)});
    return n;
}

}  // namespace

// Not under ASan: it would measure ASan, not the kiosk (tests/support/sanitizer.h says why).
TEST_CASE("the scan finds personal data in UCS-2LE and GB18030, so a clean result means something" * doctest::skip(kiosk::test::kAddressSanitizer)) {
    auto needles = wang_needles();
    // 王 is U+738B: 8B 73 in UCS-2LE, CD F5 in GB18030.
    CHECK(needles[1].bytes.substr(0, 2) == std::string("\x8b\x73"));
    CHECK(needles[2].bytes.substr(0, 2) == std::string("\xcd\xf5"));
    // Plant each form in this process's heap and find it with the same scan the kiosk gets.
    std::vector<std::unique_ptr<std::string>> planted;
    for (const auto& n : needles) planted.push_back(std::make_unique<std::string>("prefix-to-defeat-SSO:" + n.bytes));
    auto scan = scan_memory(::getpid(), needles);
    INFO(scan.report());
    REQUIRE(scan.readable);
    for (const auto& n : needles) CHECK_MESSAGE(scan.count(n.what) > 0, n.what);
}

// Not under ASan: it would measure ASan, not the kiosk (tests/support/sanitizer.h says why).
TEST_CASE("after a card read, a certificate preview and print and the idle wipe, nothing of the citizen is left in the kiosk's memory" * doctest::skip(kiosk::test::kAddressSanitizer)) {
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);  // the real serial driver on idcard-sim's pseudo-terminal, not the simulated reader
    rig.extra = {"--set", "printer.driver=cups", "--set", "printer.uri=" + ipp.uri()};
    // Real-time waits after each marker screenshot leave the test time to stop the kiosk and
    // read its memory; the last wait-for never succeeds, so the process stays alive after the wipe.
    auto kiosk = rig.start(R"(
tap "证明打印"
card wang
wait-for "请核对您的身份" 10
screenshot mem-01-card
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
tap "社保参保证明"
wait-for "打印（共 1 页，免费）" 10
screenshot mem-02-preview
tap "打印（共 1 页，免费）"
wait-for "请取走您的证明" 30
screenshot mem-03-printed
wait 61
wait 10
wait 61
wait 10
dump mem-04-wiped
screenshot mem-04-wiped
wait-for "this text never appears" 60
)");
    auto needles = wang_needles();

    // During the journey the scan must find the citizen: otherwise a clean result proves nothing.
    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("mem-02-preview")); }, std::chrono::seconds(40)), rig.log());
    {
        Paused stop(kiosk->pid());
        auto during = scan_memory(kiosk->pid(), needles);
        INFO("during the preview:\n" << during.report());
        REQUIRE(during.readable);
        CHECK(during.total_of("name") > 0);
        CHECK(during.total_of("id") > 0);
        CHECK(during.total_of("certificate bytes") > 0);  // the PDF is open for the preview
    }

    REQUIRE_MESSAGE(eventually([&] { return file_exists(rig.shot("mem-04-wiped")); }, std::chrono::seconds(60)), rig.log());
    CHECK(eventually([&] { return ipp.spooled(".pdf").size() == 1; }, std::chrono::seconds(5)));
    auto dump = nlohmann::json::parse(read_all(rig.dir / "shots/mem-04-wiped.json"), nullptr, false);
    REQUIRE(dump.is_object());
    CHECK(dump.value("session", "") == "idle");
    check_gone(kiosk->pid(), needles, "after the idle wipe");
}
