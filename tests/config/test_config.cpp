// Configuration: every kind of bad input stops with a message naming file, line and key.
#include <doctest/doctest.h>

#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "kiosk/config/config.h"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {
std::string write_toml(const std::string& name, const std::string& text) {
    fs::path dir = fs::temp_directory_path() / ("kiosk-config-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path p = dir / name;
    std::ofstream(p) << text;
    return p.string();
}
}  // namespace

TEST_CASE("every schema default parses with its own type and range") {
    for (const auto& k : config::schema()) {
        auto v = config::parse_value(k, k.default_value);
        CHECK_MESSAGE(v.ok(), k.key, ": ", (v.ok() ? "" : v.error().message));
    }
    auto c = config::Config::defaults();
    CHECK(c.integer("session.idle_timeout_s") == 60);
    CHECK(c.integer("session.countdown_s") == 10);
    CHECK(c.str("display.orientation") == "portrait");
}

TEST_CASE("a good file is read and its values override the defaults") {
    auto path = write_toml("good.toml", "[session]\nidle_timeout_s = 30\n[display]\norientation = \"landscape\"\n");
    auto c = config::Config::load(path);
    REQUIRE(c.ok());
    CHECK(c->integer("session.idle_timeout_s") == 30);
    CHECK(c->str("display.orientation") == "landscape");
    CHECK(c->integer("session.countdown_s") == 10);
}

TEST_CASE("an unknown key names the file, the line, the key and the nearest known key") {
    auto path = write_toml("unknown.toml", "[session]\nidle_timeout_s = 30\n\n[printer]\nuir = \"ipp://x\"\n");
    auto c = config::Config::load(path);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find(path + ":5: printer.uir: unknown key") != std::string::npos);
    CHECK(c.error().message.find("did you mean printer.uri?") != std::string::npos);
}

TEST_CASE("a value of the wrong type names its line and key") {
    auto path = write_toml("type.toml", "[session]\nidle_timeout_s = \"sixty\"\n");
    auto c = config::Config::load(path);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message == path + ":2: session.idle_timeout_s: expected an integer");
}

TEST_CASE("an out-of-range value gives the allowed range") {
    auto path = write_toml("range.toml", "[session]\ncountdown_s = 1\n");
    auto c = config::Config::load(path);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find(":2: session.countdown_s: value 1 is out of range (minimum 3, maximum 120)") !=
          std::string::npos);
}

TEST_CASE("a value outside a fixed set lists the choices") {
    auto path = write_toml("choice.toml", "[display]\norientation = \"sideways\"\n");
    auto c = config::Config::load(path);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find("display.orientation: value \"sideways\" is not one of: portrait landscape") !=
          std::string::npos);
}

TEST_CASE("a TOML syntax error names the line") {
    auto path = write_toml("syntax.toml", "[session]\nidle_timeout_s = 30\ncountdown_s = = 4\n");
    auto c = config::Config::load(path);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.rfind(path + ":3: ", 0) == 0);
}

TEST_CASE("a key outside any section is refused") {
    auto path = write_toml("nosection.toml", "idle_timeout_s = 30\n");
    auto c = config::Config::load(path);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find(":1: idle_timeout_s: expected a [section]") != std::string::npos);
}

TEST_CASE("every problem in a file is reported, not only the first") {
    auto path = write_toml("many.toml", "[session]\nidle_timeout_s = \"x\"\ncountdown_s = 999\n[nope]\nkey = 1\n");
    auto c = config::Config::load(path);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find(":2:") != std::string::npos);
    CHECK(c.error().message.find(":3:") != std::string::npos);
    CHECK(c.error().message.find(":5: nope.key: unknown key") != std::string::npos);
}

TEST_CASE("a missing file is an error, not the defaults") {
    auto c = config::Config::load("/nonexistent/kiosk.toml");
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find("no such configuration file") != std::string::npos);
}

TEST_CASE("--set overrides any key, checks it, and accepts bare words for strings") {
    auto c = config::Config::load("", {"printer.driver=cups", "session.idle_timeout_s=90", "display.large_text=true"});
    REQUIRE(c.ok());
    CHECK(c->str("printer.driver") == "cups");
    CHECK(c->integer("session.idle_timeout_s") == 90);
    CHECK(c->boolean("display.large_text"));
    auto bad = config::Config::load("", {"session.idle_timeout_s=soon"});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("--set session.idle_timeout_s: expected an integer") != std::string::npos);
    auto unknown = config::Config::load("", {"sesion.idle_timeout_s=5"});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.find("did you mean session.idle_timeout_s?") != std::string::npos);
    auto noeq = config::Config::load("", {"session.idle_timeout_s"});
    CHECK_FALSE(noeq.ok());
}

TEST_CASE("the state directory comes from --state-dir, then KIOSK_STATE_DIR, then the file") {
    auto c = config::Config::defaults();
    ::unsetenv("KIOSK_STATE_DIR");
    CHECK(c.state_dir() == "/var/lib/kiosk");
    ::setenv("KIOSK_STATE_DIR", "/tmp/env-state", 1);
    CHECK(c.state_dir() == "/tmp/env-state");
    c.set_state_dir("/tmp/flag-state");
    CHECK(c.state_dir() == "/tmp/flag-state");
    CHECK(c.state_path("printer.sim_dir") == "/tmp/flag-state/sim-printer");
    ::unsetenv("KIOSK_STATE_DIR");
}

TEST_CASE("the example configuration documents every key and loads cleanly") {
    std::string path = std::string(KIOSK_SOURCE_DIR) + "/config/kiosk.example.toml";
    std::ifstream in(path);
    REQUIRE(in);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    for (const auto& k : config::schema()) {
        std::string key = k.key;
        std::string section = "[" + key.substr(0, key.find('.')) + "]";
        std::string name = "\n" + key.substr(key.find('.') + 1) + " = ";
        size_t start = text.find(section);
        REQUIRE_MESSAGE(start != std::string::npos, key);
        size_t end = text.find("\n[", start + 1);
        std::string block = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        CHECK_MESSAGE(block.find(name) != std::string::npos, key,
                      " is missing from kiosk.example.toml (run kioskctl config example)");
    }
    CHECK(config::Config::load(path).ok());
}
