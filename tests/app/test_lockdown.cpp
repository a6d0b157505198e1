// Lockdown: in production mode no key or window close ends the kiosk; a windowed demo still closes.
#include <doctest/doctest.h>

#include "kiosk_run.h"

using namespace kiosk::test;

namespace {
// Production mode with no simulators: absent devices and an https platform nobody answers.
const std::vector<std::string> kProduction = {
    "--set", "kiosk.mode=production", "--set", "printer.driver=none", "--set", "idcard.driver=none",
    "--set", "scanner.driver=none",    "--set", "copier.driver=none", "--set", "platform.url=https://127.0.0.1:9"};
}  // namespace

TEST_CASE("in production mode Escape, Alt+F4, Ctrl+Q, Ctrl+Alt+F2 and a window close leave the kiosk running") {
    TempDir dir;
    auto args = kProduction;
    args.insert(args.end(), {"--set", "display.fullscreen=false"});  // not even a development window closes
    auto r = run_kiosk(dir,
                       "key Escape\nkey Alt+F4\nkey Ctrl+Q\nkey Ctrl+Alt+F2\nkey Ctrl+Alt+Backspace\nclose-window\n"
                       "expect-screen home\nexpect \"证明打印\"\n",
                       args);
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.process.output.find("the kiosk quit") == std::string::npos);
    CHECK(r.dump["screen"] == "home");
}

TEST_CASE("a windowed demo closes on Escape and on a window close, so the lockdown test above can fail") {
    TempDir dir;
    auto esc = run_kiosk(dir, "key Escape\nexpect \"不会到这里\"\n", {"--set", "display.fullscreen=false"});
    CHECK_MESSAGE(esc.process.exit_code == 0, esc.process.output);
    CHECK(esc.process.output.find("the kiosk quit at") != std::string::npos);
    TempDir dir2;
    auto close = run_kiosk(dir2, "close-window\nexpect \"不会到这里\"\n");
    CHECK(close.process.output.find("the kiosk quit at") != std::string::npos);
}
