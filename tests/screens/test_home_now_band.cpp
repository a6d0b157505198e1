// Issue 16 item 3: the home band says what the hall offers now, read on the real kiosk at set times of the virtual clock (weekday morning, near closing, 22:10, weekend, holiday, make-up working day, a hall with a lunch break).
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "kiosk_run.h"

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string kRepo = std::string(KIOSK_TEST_DATA) + "/../..";
const std::string kDemoBundle = kRepo + "/assets/content";

ProcessResult kioskctl(const TempDir& dir, std::vector<std::string> args) {
    std::vector<std::string> argv = {std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config", kRepo + "/assets/demo/kiosk.toml",
                                     "--state-dir", dir / "state"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
}

/// The band's text on the home screen when the kiosk starts at `when` (Beijing time) with
/// `bundle` imported, with a screenshot for a person to look at.
std::string band_at(const std::string& when, std::vector<std::string> extra = {}, const std::string& bundle = kDemoBundle) {
    TempDir dir;
    auto imported = kioskctl(dir, {"content", "import", bundle});
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.output);
    extra.insert(extra.begin(), {"--start-time", when, "--check-layout"});
    auto r = run_kiosk(dir, "expect-screen home\nscreenshot home\n", extra);
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    for (const auto& w : r.dump["widgets"])
        if (w.value("id", "") == "today") {
            CHECK_MESSAGE(!w.value("text_cut", false), "the band is cut: " << w.dump());
            return w.value("text", "");
        }
    FAIL("no band on the home screen");
    return "";
}

/// The band's first line (the "now" line; notices follow on their own lines).
std::string now_line(const std::string& band) { return band.substr(0, band.find('\n')); }

/// The demo hall with a lunch break 12:00–13:30, windows until 17:30 and a zone that lists a
/// service of its own ("自助缴费") and no copying, packed and signed with the demo key the way an
/// operator publishes (docs/content.md): the band must follow the data, not a fixed sentence.
struct LunchHall {
    TempDir dir;
    std::string bundle = dir / "bundle";
    LunchHall() {
        fs::copy(kDemoBundle, dir / "src", fs::copy_options::recursive);
        fs::remove(dir / "src/manifest.json");
        fs::remove(dir / "src/manifest.sig");
        auto hall = nlohmann::json::parse(read_file(dir / "src/hall.json"));
        hall["hours"]["close"] = "17:30";
        hall["hours"]["lunch_start"] = "12:00";
        hall["hours"]["lunch_end"] = "13:30";
        hall["self_service"]["services"] = {"certificates", "自助缴费", "case_status"};
        write_file(dir / "src/hall.json", hall.dump(1));
        // kioskctl refuses a secret key others can read; git keeps the demo key 644.
        fs::copy_file(kRepo + "/assets/demo/publisher/demo-publisher.key", dir / "demo.key");
        fs::permissions(dir / "demo.key", fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
        auto p = run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config", kRepo + "/assets/demo/kiosk.toml", "--state-dir",
                              dir / "state", "content", "pack", dir / "src", "--key", dir / "demo.key", "--out", bundle, "--version",
                              "2026.12-lunch1"});
        REQUIRE_MESSAGE(p.exit_code == 0, p.output);
    }
};

}  // namespace

TEST_CASE("home band at 09:30 on a weekday: the windows are open now with their hours, and the 24-hour zone is open") {
    CHECK(now_line(band_at("2026-12-07 09:30")) == "窗口办公中（9:00–17:00）  ·  24小时自助区全天开放");
}

TEST_CASE("home band at 07:30 on a weekday: the windows open at 9:00, the zone already offers its services") {
    CHECK(now_line(band_at("2026-12-08 07:30")) == "窗口今天9:00开始办公；24小时自助区可办理证明打印、办件查询、表格打印、复印");
}

TEST_CASE("home band at 16:40 on a weekday: the windows close soon, at 17:00, and the zone's services are named") {
    CHECK(now_line(band_at("2026-12-07 16:40")) == "窗口即将于17:00下班；24小时自助区可办理证明打印、办件查询、表格打印、复印");
}

TEST_CASE("home band at 22:10 on a weekday: the windows have closed and the 24-hour zone offers certificates, case status, forms, copying") {
    CHECK(now_line(band_at("2026-12-07 22:10")) == "窗口已下班；24小时自助区可办理证明打印、办件查询、表格打印、复印");
}

TEST_CASE("home band on a Saturday: windows resting today, the zone's services listed") {
    CHECK(now_line(band_at("2026-12-05 10:00")) == "今天窗口休息；24小时自助区可办理证明打印、办件查询、表格打印、复印");
}

TEST_CASE("home band on New Year's Day, a Friday: a public holiday, windows closed, the zone's services listed") {
    CHECK(now_line(band_at("2027-01-01 10:00")) == "节假日，窗口休息；24小时自助区可办理证明打印、办件查询、表格打印、复印");
}

TEST_CASE("home band on the make-up working Sunday after Spring Festival: windows open 9:00–12:00, then closing soon at 11:45") {
    CHECK(now_line(band_at("2027-02-14 10:00")) == "今天调休上班，窗口办公中（9:00–12:00）  ·  24小时自助区全天开放");
    CHECK(now_line(band_at("2027-02-14 11:45")) == "窗口即将于12:00下班；24小时自助区可办理证明打印、办件查询、表格打印、复印");
}

TEST_CASE("home band in a hall with a lunch break: split hours, lunch soon at 11:50, at lunch at 12:30, closing at 17:20, its own zone list") {
    LunchHall hall;
    CHECK(now_line(band_at("2026-12-07 09:30", {}, hall.bundle)) == "窗口办公中（9:00–12:00、13:30–17:30）  ·  24小时自助区全天开放");
    CHECK(now_line(band_at("2026-12-07 11:50", {}, hall.bundle)) == "窗口即将于12:00午休，13:30恢复办公；24小时自助区可办理证明打印、自助缴费、办件查询");
    CHECK(now_line(band_at("2026-12-07 12:30", {}, hall.bundle)) == "窗口午休中，13:30恢复办公；24小时自助区可办理证明打印、自助缴费、办件查询");
    CHECK(now_line(band_at("2026-12-07 17:20", {}, hall.bundle)) == "窗口即将于17:30下班；24小时自助区可办理证明打印、自助缴费、办件查询");
    CHECK(now_line(band_at("2026-12-07 17:30", {}, hall.bundle)) == "窗口已下班；24小时自助区可办理证明打印、自助缴费、办件查询");
}

TEST_CASE("home band in English, landscape, large text at 22:10: the same facts in the citizen's language, never cut") {
    std::string band = band_at("2026-12-07 22:10", {"--set", "display.orientation=landscape", "--set", "kiosk.language=en",
                                                    "--set", "display.large_text=true"});
    CHECK(now_line(band) ==
          "Windows have closed for today; the 24-hour self-service zone offers certificate printing, case status, form printing and copying");
}

TEST_CASE("--start-time without a script, or malformed, is refused with a clear message") {
    auto a = run_process({std::string(KIOSK_BIN_DIR) + "/kiosk", "--headless", "--start-time", "2026-12-07 22:10"});
    CHECK(a.exit_code == 2);
    CHECK(a.output.find("--start-time needs --script") != std::string::npos);
    TempDir dir;
    write_file(dir / "s.ks", "wait 1\n");
    auto b = run_process({std::string(KIOSK_BIN_DIR) + "/kiosk", "--headless", "--script", dir / "s.ks", "--start-time", "22:10"});
    CHECK(b.exit_code == 2);
    CHECK(b.output.find("is not \"YYYY-MM-DD HH:MM\"") != std::string::npos);
}

TEST_CASE("home band at 22:10 once the platform has been unreachable past the grace period: paused 证明打印 and 办件查询 are not promised") {
    TempDir dir;
    auto imported = kioskctl(dir, {"content", "import", kDemoBundle});
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.output);
    // platform.url points where nothing listens (demo_mode.h): after kPlatformDownGrace (120 s
    // on the virtual clock) the tiles say 暂停服务, and the band follows them.
    auto r = run_kiosk(dir, "expect-screen home\nexpect \"证明打印\"\nwait 130\nexpect-screen home\n", {"--start-time", "2026-12-07 22:10"});
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    std::string band;
    bool certificates_paused = false;
    for (const auto& w : r.dump["widgets"]) {
        if (w.value("id", "") == "today") band = w.value("text", "");
        if (w.value("id", "") == "certificates") certificates_paused = !w.value("enabled", true);
    }
    REQUIRE(certificates_paused);
    CHECK(now_line(band) == "窗口已下班；24小时自助区可办理表格打印、复印");
}
