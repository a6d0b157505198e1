// The technician screen's actions against real parts: a test page on a real IPP printer (ippeveprinter), dead letters requeued in the real SQLite outbox, content re-checked.
#include <doctest/doctest.h>

#include "ipp_fixture.h"
#include "kiosk/sync/outbox.h"
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

TEST_CASE("print a test page: one PDF reaches the real IPP printer, the screen says it printed, the journal lists it") {
    kiosk::printer::test::IppPrinter ipp;
    REQUIRE(ipp.started());
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    auto r = run_kiosk(dir,
                       open_technician_screen() + "tap \"打印测试页\"\nwait-for \"测试页：已完成\" 30\nwait 3\n"
                                                  "expect \"测试页  已完成\"\nscreenshot technician-test-page\n",
                       {"--config", cfg, "--set", "printer.driver=cups", "--set", "printer.uri=" + ipp.uri()});
    INFO(ipp.log());
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto pdfs = ipp.spooled(".pdf");
    REQUIRE(pdfs.size() == 1);
    std::string pdf = read_file(ipp.spool_dir() + "/" + pdfs[0]);
    CHECK(pdf.rfind("%PDF-1.5", 0) == 0);
    // The page's text as a reader extracts it (cairo compresses the content streams).
    auto text = run_process({"/usr/bin/pdftotext", "-layout", ipp.spool_dir() + "/" + pdfs[0], "-"});
    CHECK(text.output.find("自助终端打印测试页") != std::string::npos);
    CHECK(text.output.find("Kiosk printer test page") != std::string::npos);
    CHECK(text.output.find("kiosk-demo-01") != std::string::npos);
    auto audit = audit_records(dir / "state/outbox.db");
    bool sent = false;
    for (const auto& a : audit) sent |= a.value("action", "") == "test-page" && a.value("result", "") == "sent";
    CHECK(sent);
}

TEST_CASE("retry dead letters puts the outbox's dead letters back in the queue and says how many") {
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    // Two records the platform refused for good, in the real outbox the kiosk will open.
    run_process({"/bin/mkdir", "-p", dir / "state"});
    {
        auto outbox = kiosk::sync::Outbox::open(dir / "state/outbox.db", {});
        REQUIRE(outbox);
        for (int i = 0; i < 2; ++i)
            REQUIRE((*outbox)->post({"usage", kiosk::sync::Priority::Usage, "", "{\"event\":\"open\",\"screen\":\"map\"}"}));
        auto q = kiosk::sync::OutboxQueue::open(dir / "state/outbox.db");
        REQUIRE(q);
        auto batch = q->take_batch(10);
        REQUIRE(batch);
        REQUIRE(batch->size() == 2);
        REQUIRE(q->dead_letter({{(*batch)[0].id, "unknown kind"}, {(*batch)[1].id, "unknown kind"}}, 1));
        REQUIRE(q->stats()->dead_letters == 2);
    }
    auto r = run_kiosk(dir, open_technician_screen() + "tap \"重试失败数据\"\nwait-for \"已重新排队 2 条失败数据\" 10\n",
                       {"--config", cfg});
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(sql(dir / "state/outbox.db", "SELECT count(*) FROM outbox_dead") == "0");
    CHECK(sql(dir / "state/outbox.db", "SELECT count(*) FROM outbox WHERE kind = 'usage'") == "2");
    auto audit = audit_records(dir / "state/outbox.db");
    bool retried = false;
    for (const auto& a : audit) retried |= a.value("action", "") == "retry-dead-letters" && a.value("count", 0) == 2;
    CHECK(retried);
}

TEST_CASE("re-check content verifies the installed bundle and says the platform was not reached") {
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    // The demo bundle as the first-boot seed (signed by the demo publisher); no platform.
    std::string repo = KIOSK_SOURCE_DIR;
    std::string publisher = read_file(repo + "/assets/demo/publisher/demo-publisher.pub");
    while (!publisher.empty() && (publisher.back() == '\n' || publisher.back() == ' ')) publisher.pop_back();
    auto r = run_kiosk(dir, open_technician_screen() + "tap \"重新检查内容\"\nwait-for \"校验通过\" 20\nscreenshot technician-content\n",
                       {"--config", cfg, "--set", "content.seed_bundle=" + repo + "/assets/content", "--set",
                        "content.signing_keys=[\"" + publisher + "\"]"});
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    bool found = false;
    for (const auto& w : r.dump["widgets"]) found |= w.value("text", "").find("无法连接平台") != std::string::npos;
    CHECK(found);
}
