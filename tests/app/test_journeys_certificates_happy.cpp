// Happy path of 证明打印 with a real IPP printer (ippeveprinter): card → masked identity → list → preview → print → 好差评.
#include <doctest/doctest.h>

#include "ipp_fixture.h"
#include "journey_rig.h"

using namespace kiosk::journeys::test;

TEST_CASE("a citizen prints a certificate with the ID card on a real IPP printer and is asked to rate the service") {
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    rig.extra = {"--set", "printer.driver=cups", "--set", "printer.uri=" + ipp.uri()};
    int rc = rig.run(R"(
tap "证明打印"
expect "请将身份证放在感应区"
screenshot cert-01-place-card
card wang
wait-for "请核对您的身份" 10
expect "王*试"
expect-not "王测试"
expect "1101**********1237"
screenshot cert-02-confirm
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
expect "不动产登记信息查询结果"
expect "个人纳税证明"
screenshot cert-03-list
tap "社保参保证明"
wait-for "打印（共 1 页，免费）" 10
screenshot cert-04-preview
tap "打印（共 1 页，免费）"
wait-for "请取走您的证明" 30
screenshot cert-05-take-it
tap "评价本次服务"
expect-screen rating
)");
    INFO(rig.log());
    CHECK(rc == 0);
    // One job reached the printer: printed once.
    CHECK(eventually([&] { return ipp.spooled(".pdf").size() == 1; }, std::chrono::seconds(5)));
    // The audit record: in the outbox (sealed) or already at the platform; the ID number is
    // nowhere on disk in clear.
    std::string disk = rig.state_bytes();
    auto stats = rig.platform->get("/sim/stats");
    bool uploaded = stats.is_object() && stats["by_kind"].value("print-audit", 0) >= 1;
    CHECK((disk.find("print-audit") != std::string::npos || uploaded));
    CHECK(disk.find(kWangId) == std::string::npos);
    CHECK(disk.find(kWangName) == std::string::npos);
    CHECK(disk.find("%PDF-") == std::string::npos);  // the certificate was never on disk
}

TEST_CASE("the certificate journey works in English for a citizen with one certificate") {
    Rig rig;
    REQUIRE(rig.card);
    int rc = rig.run(R"(
tap "English"
tap "Certificates"
expect "Place your ID card on the reader"
card li
wait-for "Please check that this is you" 10
expect "李*测"
screenshot cert-en-confirm
tap "This is me: find my certificates"
wait-for "Choose a certificate to print" 10
screenshot cert-en-list
)");
    INFO(rig.log());
    CHECK(rc == 0);
}
