// Fail-closed production rules: what the kiosk refuses outside demo mode, what the production check names.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>

#include "demo_mode.h"
#include "kiosk/config/production.h"
#include "run_process.h"

using namespace kiosk;
using namespace kiosk::test;

namespace {
std::string ctl() { return std::string(KIOSK_BIN_DIR) + "/kioskctl"; }
std::string repo(const std::string& p) { return std::string(KIOSK_SOURCE_DIR) + "/" + p; }

bool names(const std::vector<config::Problem>& ps, const std::string& key) {
    return std::any_of(ps.begin(), ps.end(), [&](const config::Problem& p) { return p.key == key; });
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// Keys no one else holds the private half of (not the demo keys): what a hall's platform gives.
const char* kHallSealKey = "m7QhBWv1Zt0m0dmY8wQ2cBq4t1uX8GqLrJcN3yQhXxA=";
const char* kHallContentKey = "Jw1o7y2r4lP9pGJ2e1QZx6m8Vb0sT3uW5kYcA9dFhE4=";
}  // namespace

TEST_CASE("the built-in defaults are a hall's: production mode, real drivers, an https placeholder the check refuses") {
    auto c = config::Config::defaults();
    CHECK(c.str("kiosk.mode") == "production");
    CHECK(c.str("printer.driver") == "cups");
    CHECK(c.str("idcard.driver") == "serial");
    CHECK(c.str("scanner.driver") == "serial");
    CHECK(c.str("copier.driver") == "sane");
    CHECK(c.str("platform.url").rfind("https://", 0) == 0);
    CHECK(config::toy_problems(c).empty());  // the kiosk starts with them…
    auto p = config::production_problems(c);  // …but they are not a hall's configuration yet
    for (const char* key : {"platform.url", "platform.seal_public_key", "platform.content_public_key", "printer.uri",
                            "kiosk.id", "platform.token"})
        CHECK_MESSAGE(names(p, key), key);
}

TEST_CASE("production mode refuses each simulated device, the sim control socket, plain http and demo keys by name") {
    auto c = config::Config::defaults();
    for (const char* s : {"printer.driver=sim", "idcard.driver=sim", "scanner.driver=sim", "copier.driver=sim",
                          "idcard.sim_control=/tmp/x.sock", "platform.url=http://127.0.0.1:8480"})
        REQUIRE(c.set(s));
    REQUIRE(c.set(std::string("platform.seal_public_key=") + config::demo_public_keys()[0]));
    REQUIRE(c.set(std::string("platform.content_public_key=") + config::demo_public_keys()[1]));
    auto toys = config::toy_problems(c);
    for (const char* key : {"printer.driver", "idcard.driver", "scanner.driver", "copier.driver", "idcard.sim_control",
                            "platform.url", "platform.seal_public_key", "platform.content_public_key"})
        CHECK_MESSAGE(names(toys, key), key);
    CHECK(toys.size() == 8);
    // Demo mode allows all of it, but the production check still names all of it, and the mode.
    REQUIRE(c.set("kiosk.mode=demo"));
    CHECK(config::toy_problems(c).empty());
    auto prod = config::production_problems(c);
    CHECK(names(prod, "kiosk.mode"));
    CHECK(names(prod, "printer.driver"));
    CHECK(names(prod, "platform.seal_public_key"));
}

TEST_CASE("the list of demo keys is the public halves of the key pairs in assets/demo/platform/keys") {
    const auto& keys = config::demo_public_keys();
    for (const char* f : {"assets/demo/platform/keys/seal.pub", "assets/demo/platform/keys/content.pub"}) {
        std::string k = trimmed(read_file(repo(f)));
        CHECK_MESSAGE(std::find(keys.begin(), keys.end(), k) != keys.end(), f);
    }
}

TEST_CASE("a state directory other users can read is named with its mode, and a 0700 one passes") {
    TempDir dir;
    auto c = config::Config::defaults();
    c.set_state_dir(dir.path());
    ::chmod(dir.path().c_str(), 0755);
    auto p = config::production_problems(c);
    REQUIRE(names(p, "paths.state_dir"));
    CHECK(config::describe(p).find("0755") != std::string::npos);
    ::chmod(dir.path().c_str(), 0700);
    CHECK_FALSE(names(config::production_problems(c), "paths.state_dir"));
}

TEST_CASE("kioskctl config check --production on the shipped kiosk.toml names every missing item, and passes on a complete one") {
    TempDir dir;
    std::string state = dir / "state";
    ::mkdir(state.c_str(), 0755);
    auto shipped = run_process({ctl(), "--state-dir", state, "config", "check", "--production", repo("config/kiosk.toml")});
    CHECK(shipped.exit_code == 1);
    CHECK(shipped.output.find("not ready for production") != std::string::npos);
    for (const char* key : {"kiosk.id:", "platform.url:", "platform.seal_public_key:", "platform.content_public_key:",
                            "platform.token:", "printer.uri:", "paths.state_dir:"})
        CHECK_MESSAGE(shipped.output.find(key) != std::string::npos, key, "\n", shipped.output);
    // Without --production the shipped file is one the kiosk would start with (no toys in it).
    auto plain = run_process({ctl(), "--state-dir", state, "config", "check", repo("config/kiosk.toml")});
    CHECK_MESSAGE(plain.exit_code == 0, plain.output);

    // The same file, completed the way a technician would.
    std::string text = read_file(repo("config/kiosk.toml"));
    auto replace = [&](const std::string& from, const std::string& to) {
        auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, from);
        text.replace(at, from.size(), to);
    };
    replace("id = \"kiosk-demo-01\"", "id = \"sh-pudong-1f-03\"");
    replace("uri = \"\"", "uri = \"ipp://127.0.0.1:8631/ipp/print\"");
    replace("url = \"https://platform.example.invalid\"", "url = \"https://zwfw.example.gov.cn\"");
    replace("seal_public_key = \"\"", std::string("seal_public_key = \"") + kHallSealKey + "\"");
    replace("content_public_key = \"\"", std::string("content_public_key = \"") + kHallContentKey + "\"");
    replace("token = \"\"", "token = \"k-3b1f\"");
    write_file(dir / "complete.toml", text);
    ::chmod(state.c_str(), 0700);
    auto complete = run_process({ctl(), "--state-dir", state, "config", "check", "--production", dir / "complete.toml"});
    CHECK_MESSAGE(complete.exit_code == 0, complete.output);
    CHECK(complete.output.find("OK (production)") != std::string::npos);
    // One toy put back is named on its own.
    auto sim = run_process({ctl(), "--state-dir", state, "--set", "scanner.driver=sim", "config", "check", "--production",
                            dir / "complete.toml"});
    CHECK(sim.exit_code == 1);
    CHECK(sim.output.find("scanner.driver: \"sim\" is a simulated device") != std::string::npos);
    CHECK(sim.output.find("printer.driver") == std::string::npos);
}

TEST_CASE("the kiosk refuses to start in production mode on a simulated printer, and starts in demo mode with a DEMO band") {
    TempDir dir;
    write_file(dir / "t.ks", "expect \"证明打印\"\n");
    std::vector<std::string> base = {std::string(KIOSK_BIN_DIR) + "/kiosk", "--headless", "--state-dir", dir / "state",
                                     "--script", dir / "t.ks", "--dump", dir / "dump.json", "--log-level", "warn"};
    auto refused = base;
    refused.insert(refused.end(), {"--set", "printer.driver=sim", "--set", "platform.url=https://127.0.0.1:9"});
    auto r = run_process(refused);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("refusing to start in production mode") != std::string::npos);
    CHECK(r.output.find("printer.driver: \"sim\" is a simulated device") != std::string::npos);

    auto demo = base;
    auto args = demo_mode_args();
    demo.insert(demo.end(), args.begin(), args.end());
    auto d = run_process(demo);
    REQUIRE_MESSAGE(d.exit_code == 0, d.output);
    CHECK(read_file(dir / "dump.json").find("\"demo-band\"") != std::string::npos);
    CHECK(read_file(dir / "dump.json").find("演示模式") != std::string::npos);

    // Production mode on the real drivers (absent here: the kiosk still starts, without the band).
    auto prod = base;
    prod.insert(prod.end(), {"--set", "platform.url=https://127.0.0.1:9", "--set", "idcard.port=" + dir / "no-reader",
                             "--set", "scanner.port=" + dir / "no-scanner"});
    auto p = run_process(prod);
    REQUIRE_MESSAGE(p.exit_code == 0, p.output);
    CHECK(read_file(dir / "dump.json").find("\"demo-band\"") == std::string::npos);
}
