// kioskctl: help, version and config check, run as the technician would.
#include <doctest/doctest.h>

#include "run_process.h"

using namespace kiosk::test;

namespace {
std::string ctl() { return std::string(KIOSK_BIN_DIR) + "/kioskctl"; }
}  // namespace

TEST_CASE("kioskctl --help lists its commands and version prints the version") {
    auto help = run_process({ctl(), "--help"});
    CHECK(help.exit_code == 0);
    for (const char* cmd : {"config", "version", "print", "printer", "idcard", "scan", "content", "search", "outbox", "sync"})
        CHECK_MESSAGE(help.output.find(std::string("  ") + cmd + " ") != std::string::npos, cmd);
    auto v = run_process({ctl(), "version"});
    CHECK(v.exit_code == 0);
    CHECK(v.output.find("kioskctl " KIOSK_VERSION) != std::string::npos);
    auto unknown = run_process({ctl(), "frobnicate"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.output.find("unknown command 'frobnicate'") != std::string::npos);
}

TEST_CASE("kioskctl config check names the file, line and key of every problem") {
    TempDir dir;
    write_file(dir / "good.toml", "[printer]\ndriver = \"cups\"\nuri = \"ipp://127.0.0.1:8631/ipp/print\"\n");
    auto good = run_process({ctl(), "config", "check", dir / "good.toml"});
    CHECK(good.exit_code == 0);
    CHECK(good.output.find("good.toml: OK") != std::string::npos);
    write_file(dir / "bad.toml", "[printer]\ndriver = \"laser\"\n\n[scanner]\nbaud = \"fast\"\n");
    auto bad = run_process({ctl(), "config", "check", dir / "bad.toml"});
    CHECK(bad.exit_code == 1);
    CHECK(bad.output.find("bad.toml:2: printer.driver: value \"laser\" is not one of") != std::string::npos);
    CHECK(bad.output.find("bad.toml:5: scanner.baud: expected an integer") != std::string::npos);
    // --set applies to the file being checked, and is itself checked.
    auto set = run_process({ctl(), "--set", "session.countdown_s=1", "config", "check", dir / "good.toml"});
    CHECK(set.exit_code == 1);
    CHECK(set.output.find("--set session.countdown_s: value 1 is out of range") != std::string::npos);
}
