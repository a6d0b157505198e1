// Fault 5 (issue 19): a configuration typo is never a dead screen — last-known-good with a technician banner, else 暂停服务 naming the problem.
#include <doctest/doctest.h>

#include "fault_rig.h"

using namespace kiosk::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
const std::string kGood = R"([kiosk]
mode = "demo"
id = "kiosk-lkg-01"
location = "2F 自助区"
[printer]
driver = "sim"
[scanner]
driver = "sim"
[platform]
url = "http://127.0.0.1:9"
)";
// A typo in a key name: the whole file is refused, as before; what changes is what follows.
const std::string kTypo = R"([kiosk]
mode = "demo"
id = "kiosk-lkg-01"
[platfrom]
url = "http://127.0.0.1:9"
)";

ProcessResult run_kiosk_on(const TempDir& dir, const std::string& config, const std::string& script) {
    write_file(dir / "test.ks", script);
    return run_process({std::string(KIOSK_BIN_DIR) + "/kiosk", "--headless", "--state-dir", dir / "state", "--script", dir / "test.ks",
                        "--screenshots", dir / "shots", "--dump", dir / "dump.json", "--log-level", "warn", "--config", config},
                       120);
}

bool has_widget(const json& dump, const std::string& id, const std::string& text_part = {}) {
    if (!dump.is_object()) return false;
    for (const auto& w : dump["widgets"])
        if (w.value("id", "") == id && w.value("text", "").find(text_part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("a config typo after a good start runs the kiosk on the last good configuration with a technician banner") {
    TempDir dir("fault-config");
    write_file(dir / "kiosk.toml", kGood);
    auto first = run_kiosk_on(dir, dir / "kiosk.toml", "expect-screen home\n");
    REQUIRE_MESSAGE(first.exit_code == 0, first.output);
    CHECK(fs::exists(dir / "state/config.last-good.toml"));
    CHECK_FALSE(has_widget(json::parse(read_file(dir / "dump.json"), nullptr, false), "config-fallback"));

    write_file(dir / "kiosk.toml", kTypo);
    auto r = run_kiosk_on(dir, dir / "kiosk.toml", "expect-screen home\ntap \"呼叫帮办\"\nexpect \"2F 自助区\"\nscreenshot on-last-good\n");
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    CHECK(r.output.find("platfrom.url") != std::string::npos);
    CHECK(has_widget(json::parse(read_file(dir / "dump.json"), nullptr, false), "config-fallback", "上次可用的配置"));
    // The bad file never becomes the "good" one.
    CHECK(read_file(dir / "state/config.last-good.toml") == kGood);
}

TEST_CASE("a config typo with no last good configuration shows 暂停服务 and names the problem to a technician") {
    TempDir dir("fault-config");
    write_file(dir / "kiosk.toml", kTypo);
    auto r = run_kiosk_on(dir, dir / "kiosk.toml",
                          "expect-screen out_of_service\nexpect \"暂停服务\"\nwait 400\nexpect-screen out_of_service\nscreenshot out-of-service\n");
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    auto dump = json::parse(read_file(dir / "dump.json"), nullptr, false);
    CHECK(has_widget(dump, "technician", "platfrom.url"));
    CHECK(has_widget(dump, "technician", "did you mean platform.url"));
    CHECK_FALSE(fs::exists(dir / "state/config.last-good.toml"));
}

TEST_CASE("a directory given as the configuration file is an error, for the kiosk and for config check") {
    TempDir dir("fault-config");
    fs::create_directories(dir / "conf.d");
    auto check = kioskctl({"config", "check", dir / "conf.d"});
    CHECK(check.exit_code != 0);
    CHECK(check.output.find("is a directory") != std::string::npos);
    auto r = run_kiosk_on(dir, dir / "conf.d", "expect-screen out_of_service\n");
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    CHECK(has_widget(json::parse(read_file(dir / "dump.json"), nullptr, false), "technician", "is a directory"));
}

TEST_CASE("config check refuses a platform URL the policy refuses and a malformed seal key; --production names a missing one") {
    TempDir dir("fault-config");
    // Demo mode allows plain http, but only to this machine: a LAN address is refused too.
    write_file(dir / "plain-http.toml", "[kiosk]\nmode = \"demo\"\n[platform]\nurl = \"http://10.20.30.40:8480\"\n");
    auto a = kioskctl({"config", "check", dir / "plain-http.toml"});
    CHECK(a.exit_code != 0);
    CHECK(a.output.find("platform.url") != std::string::npos);
    write_file(dir / "no-seal.toml", "[platform]\nurl = \"https://platform.example.gov.cn\"\n");
    auto b = kioskctl({"config", "check", "--production", dir / "no-seal.toml"});
    CHECK(b.exit_code != 0);
    CHECK(b.output.find("platform.seal_public_key") != std::string::npos);
    write_file(dir / "bad-seal.toml", "[platform]\nseal_public_key = \"not-a-key\"\n");
    auto c = kioskctl({"config", "check", dir / "bad-seal.toml"});
    CHECK(c.exit_code != 0);
    CHECK(c.output.find("platform.seal_public_key") != std::string::npos);
    // The demo configuration passes.
    auto demo = kioskctl({"config", "check", std::string(KIOSK_SOURCE_DIR) + "/assets/demo/kiosk.toml"});
    CHECK_MESSAGE(demo.exit_code == 0, demo.output);
}

TEST_CASE("the kiosk refuses what config check refuses: a demo platform URL on the LAN over plain http is 暂停服务, not a promise it cannot keep") {
    TempDir dir("fault-config");
    write_file(dir / "kiosk.toml", "[kiosk]\nmode = \"demo\"\n[platform]\nurl = \"http://10.20.30.40:8480\"\n");
    auto r = run_kiosk_on(dir, dir / "kiosk.toml", "expect-screen out_of_service\n");
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    CHECK(has_widget(json::parse(read_file(dir / "dump.json"), nullptr, false), "technician", "platform.url"));
}
