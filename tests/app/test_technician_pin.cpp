// Technician mode: the corner hold opens the PIN pad only with a PIN configured; the right PIN opens the technician screen; every step is an audit record without the PIN.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "kiosk/config/technician_pin.h"
#include "kiosk_run.h"
#include "technician_support.h"

using namespace kiosk::test;

namespace {
std::string taps(const std::string& pin) {
    std::string s;
    for (char d : pin) s += std::string("tap \"") + d + "\"\n";
    return s + "tap \"确定\"\n";
}
}  // namespace

TEST_CASE("without a technician PIN, holding the top-left corner of the home screen for 6 s does nothing") {
    TempDir dir;
    auto r = run_kiosk(dir, "hold 40 60 6\nexpect-screen home\n");
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["screen"] == "home");
}

TEST_CASE("with a PIN, a 4.5 s hold in the corner and a 6 s hold in the middle do nothing, but 5 s in the corner opens the PIN pad") {
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    auto r = run_kiosk(dir,
                       "hold 40 60 4.5\nexpect-screen home\n"
                       "hold 540 960 6\nexpect-screen home\n"
                       "hold 40 60 5\nexpect-screen technician_pin\nexpect \"请输入维护密码\"\n",
                       {"--config", cfg});
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["screen"] == "technician_pin");
    auto audit = audit_records(dir / "state/outbox.db");
    CHECK(count_events(audit, "pad-opened") == 1);
}

TEST_CASE("the right PIN opens the technician screen, pad-opened and pin-accepted are audited and the PIN is nowhere in the state dir") {
    TempDir dir;
    std::string cfg = technician_config(dir);
    REQUIRE_FALSE(cfg.empty());
    // kioskctl wrote an Argon2id hash, not the PIN.
    std::string file = read_file(cfg);
    CHECK(file.find("pin_hash = \"$argon2id$") != std::string::npos);
    CHECK(file.find(kTechnicianPin) == std::string::npos);
    auto r = run_kiosk(dir,
                       "hold 40 60 5.2\nexpect-screen technician_pin\nscreenshot pin-pad\n" + taps(kTechnicianPin) +
                           "wait-for \"退出维护\" 10\nexpect-screen technician\nexpect \"打印测试页\"\n"
                           "expect \"重试失败数据\"\nexpect \"重新检查内容\"\nexpect \"重启终端\"\n",
                       {"--config", cfg});
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["screen"] == "technician");
    // The dots show how many digits, never which.
    for (const auto& w : r.dump["widgets"]) CHECK(w.value("text", "").find(kTechnicianPin) == std::string::npos);
    auto audit = audit_records(dir / "state/outbox.db");
    CHECK(count_events(audit, "pad-opened") == 1);
    CHECK(count_events(audit, "pin-accepted") == 1);
    CHECK(count_events(audit, "pin-rejected") == 0);
    CHECK(sql(dir / "state/outbox.db", "SELECT DISTINCT prio FROM outbox WHERE kind = 'technician-audit'") == "1");  // Priority::Audit
    // Not in the outbox, the lock file, the log or anything else the kiosk wrote.
    auto all = run_process({"/bin/grep", "-rl", kTechnicianPin, dir / "state"});
    CHECK_MESSAGE(all.output.empty(), all.output);
    CHECK(r.process.output.find(kTechnicianPin) == std::string::npos);
}

TEST_CASE("a PIN hash that is not Argon2id keeps technician mode off and the kiosk running") {
    TempDir dir;
    auto r = run_kiosk(dir, "hold 40 60 6\nexpect-screen home\n", {"--set", "technician.pin_hash=plaintext246813"});
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["screen"] == "home");
}

TEST_CASE("pin_matches accepts the hashed PIN only, and hash_pin refuses PINs that are not 6 to 12 digits") {
    auto h = kiosk::config::hash_pin("135790");
    REQUIRE(h);
    CHECK(kiosk::config::is_pin_hash(*h));
    CHECK(kiosk::config::pin_matches(*h, "135790"));
    CHECK_FALSE(kiosk::config::pin_matches(*h, "135791"));
    CHECK_FALSE(kiosk::config::pin_matches(*h, ""));
    CHECK_FALSE(kiosk::config::pin_matches("$argon2id$garbage", "135790"));
    CHECK(kiosk::config::hash_pin("12345").error().code == kiosk::Errc::InvalidInput);
    CHECK(kiosk::config::hash_pin("1234567890123").error().code == kiosk::Errc::InvalidInput);
    CHECK(kiosk::config::hash_pin("12345a").error().code == kiosk::Errc::InvalidInput);
    // A fresh salt each time.
    CHECK(*kiosk::config::hash_pin("135790") != *h);
}
