// The .deb: built by tools/package.sh from this build, lintian without errors, the right files in
// it (and no demo material), and its programs working from where the package puts them.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "demo_mode.h"
#include "run_process.h"

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {
std::string source(const std::string& p) { return std::string(KIOSK_SOURCE_DIR) + "/" + p; }
std::string build_dir() { return fs::path(KIOSK_BIN_DIR).parent_path().string(); }

/// Builds both packages once for all the checks below (a few seconds after a build; lintian most).
struct Package {
    ProcessResult built;
    std::string deb, demo_deb;
    Package() {
        built = run_process({"/bin/bash", source("tools/package.sh"), build_dir()}, 280);
        for (const auto& e : fs::directory_iterator(build_dir())) {
            if (e.path().extension() != ".deb") continue;
            std::string name = e.path().filename().string();
            if (name.rfind("kiosk_", 0) == 0) deb = e.path().string();
            if (name.rfind("kiosk-demo_", 0) == 0) demo_deb = e.path().string();
        }
    }
};
const Package& package() {
    static Package p;
    return p;
}
}  // namespace

TEST_CASE("tools/package.sh builds kiosk_<version>_amd64.deb that lintian passes without errors and that holds what a hall needs and no demo material") {
    const Package& p = package();
    REQUIRE_MESSAGE(p.built.exit_code == 0, p.built.output);
    REQUIRE(fs::path(p.deb).filename() == "kiosk_" KIOSK_VERSION "_amd64.deb");
    // Lintian ran in the script (which fails on an error); its report is kept beside the .deb.
    CHECK(p.built.output.find("E: kiosk") == std::string::npos);

    auto contents = run_process({"/usr/bin/dpkg-deb", "--contents", p.deb});
    REQUIRE(contents.exit_code == 0);
    for (const char* path : {"./usr/bin/kiosk", "./usr/bin/kioskctl", "./usr/share/kiosk/assets/strings/zh-CN.json",
                             "./usr/share/kiosk/assets/strings/en.json", "./etc/kiosk/kiosk.toml",
                             "./lib/systemd/system/kiosk.service", "./lib/systemd/system/kiosk-x11.service",
                             "./lib/udev/rules.d/99-kiosk-devices.rules", "./usr/lib/sysusers.d/kiosk.conf",
                             "./usr/lib/tmpfiles.d/kiosk.conf", "./usr/share/doc/kiosk/copyright",
                             "./usr/lib/kiosk/kiosk_pdf.so", "./usr/lib/kiosk/kiosk_cups.so"})
        CHECK_MESSAGE(contents.output.find(std::string(path) + "\n") != std::string::npos, path);
    for (const char* absent : {"platform-sim", "idcard-sim", "scanner-sim", "bench_", "assets/demo", "assets/content", ".key"})
        CHECK_MESSAGE(contents.output.find(absent) == std::string::npos, absent);
    CHECK(contents.output.find("-rw-r----- root/root") != std::string::npos);  // the config: not world-readable

    auto info = run_process({"/usr/bin/dpkg-deb", "--info", p.deb});
    CHECK(info.output.find("/etc/kiosk/kiosk.toml") != std::string::npos);  // a conffile
    CHECK(info.output.find("Depends:") != std::string::npos);
    CHECK(info.output.find("libsystemd0") != std::string::npos);
    // Opened at run time, so the package names them itself (the module's libraries come from
    // dpkg-shlibdeps on kiosk_pdf.so and kiosk_cups.so; libcurl is dlopen'ed by name).
    CHECK(info.output.find("libpoppler-cpp0v5") != std::string::npos);
    CHECK(info.output.find("libcups2") != std::string::npos);
    CHECK(info.output.find("libcurl4") != std::string::npos);

    // The unit: notify, watchdog, restart, state directory 0700.
    TempDir x;
    REQUIRE(run_process({"/usr/bin/dpkg-deb", "-x", p.deb, x.path()}).exit_code == 0);
    std::string unit = read_file(x / "lib/systemd/system/kiosk.service");
    for (const char* line : {"Type=notify", "WatchdogSec=", "Restart=always", "StateDirectoryMode=0700", "User=kiosk",
                             "ExecStartPre=/usr/bin/kioskctl config check --production /etc/kiosk/kiosk.toml"})
        CHECK_MESSAGE(unit.find(line) != std::string::npos, line);
    CHECK(read_file(x / "usr/lib/tmpfiles.d/kiosk.conf").find("d /var/lib/kiosk 0700 kiosk kiosk") != std::string::npos);
    CHECK(read_file(x / "usr/lib/sysusers.d/kiosk.conf").find("u kiosk") != std::string::npos);

    // The packaged kioskctl refuses the packaged configuration as it is…
    auto check = run_process({x / "usr/bin/kioskctl", "--state-dir", x / "state", "config", "check", "--production",
                              x / "etc/kiosk/kiosk.toml"});
    CHECK(check.exit_code == 1);
    CHECK(check.output.find("platform.seal_public_key") != std::string::npos);
    // …and the packaged kiosk finds its assets where the package put them, not in the source tree.
    write_file(x / "t.ks", "expect \"证明打印\"\n");
    std::vector<std::string> argv = {x / "usr/bin/kiosk", "--headless", "--state-dir", x / "state", "--script", x / "t.ks",
                                     "--log-level", "info"};
    auto demo = demo_mode_args();
    argv.insert(argv.end(), demo.begin(), demo.end());
    auto run = run_process(argv);
    CHECK_MESSAGE(run.exit_code == 0, run.output);
    // …and its program modules (/usr/lib/kiosk), which it opens after the first frame.
    CHECK_MESSAGE(run.output.find("program module") == std::string::npos, run.output);
    CHECK_MESSAGE(run.output.find("cannot load") == std::string::npos, run.output);
    CHECK_MESSAGE(run.output.find("assets: " + fs::canonical(x.path()).string() + "/usr/share/kiosk/assets") != std::string::npos,
                  run.output);
}

TEST_CASE("the simulators, demo content and demo keys go into kiosk-demo, whose launcher runs the demo tour from where the packages put it") {
    const Package& p = package();
    REQUIRE_MESSAGE(p.built.exit_code == 0, p.built.output);
    REQUIRE(fs::path(p.demo_deb).filename() == "kiosk-demo_" KIOSK_VERSION "_amd64.deb");
    CHECK(p.built.output.find("E: kiosk-demo") == std::string::npos);

    auto contents = run_process({"/usr/bin/dpkg-deb", "--contents", p.demo_deb});
    REQUIRE(contents.exit_code == 0);
    for (const char* path : {"./usr/bin/kiosk-demo", "./usr/lib/kiosk-demo/platform-sim", "./usr/lib/kiosk-demo/idcard-sim",
                             "./usr/lib/kiosk-demo/scanner-sim", "./usr/lib/kiosk-demo/demo.sh",
                             "./usr/share/kiosk-demo/assets/demo/cards.json", "./usr/share/kiosk-demo/assets/demo/kiosk.toml",
                             "./usr/share/kiosk-demo/assets/content/manifest.sig", "./usr/share/man/man1/kiosk-demo.1.gz",
                             "./usr/share/doc/kiosk-demo/copyright"})
        CHECK_MESSAGE(contents.output.find(std::string(path) + "\n") != std::string::npos, path);
    // The kiosk itself is not in it twice: it depends on the production package of the same version.
    CHECK(contents.output.find("./usr/bin/kiosk\n") == std::string::npos);
    auto info = run_process({"/usr/bin/dpkg-deb", "--field", p.demo_deb, "Depends"});
    CHECK_MESSAGE(info.output.find("kiosk (= " KIOSK_VERSION ")") != std::string::npos, info.output);

    // Both packages unpacked side by side run the demo's headless tour: the launcher's paths
    // are the package's, redirected here into the unpacked tree.
    TempDir x;
    REQUIRE(run_process({"/usr/bin/dpkg-deb", "-x", p.deb, x.path()}).exit_code == 0);
    REQUIRE(run_process({"/usr/bin/dpkg-deb", "-x", p.demo_deb, x.path()}).exit_code == 0);
    std::string launcher = read_file(x / "usr/bin/kiosk-demo");
    for (const char* line : {"KIOSK_BIN=/usr/lib/kiosk-demo", "KIOSK_APP_BIN=/usr/bin", "KIOSK_DEMO_DATA=/usr/share/kiosk-demo/assets",
                             "exec /usr/lib/kiosk-demo/demo.sh"})
        CHECK_MESSAGE(launcher.find(line) != std::string::npos, line);
    auto tour = run_process({"/usr/bin/env", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY", "KIOSK_DEMO_HEADLESS=1",
                             "KIOSK_BIN=" + (x / "usr/lib/kiosk-demo"), "KIOSK_APP_BIN=" + (x / "usr/bin"),
                             "KIOSK_DEMO_DATA=" + (x / "usr/share/kiosk-demo/assets"), "KIOSK_DEMO_OUT=" + (x / "out"),
                             "/bin/bash", x / "usr/lib/kiosk-demo/demo.sh"},
                            240);
    CHECK_MESSAGE(tour.exit_code == 0, tour.output);
    CHECK_MESSAGE(tour.output.find("screenshots of the tour are in") != std::string::npos, tour.output);
    CHECK(fs::exists(x / "out/screenshots/01-home.png"));
}
