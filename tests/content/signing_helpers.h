// Shared by the signed-content tests: import the demo bundle, check that nothing changed, run kioskctl.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <sys/wait.h>

#include "content_fixture.h"
#include "kiosk/content/bundle.h"

namespace kiosk::content::test {

/// Imports the signed demo bundle into `root`; returns the live version folder.
inline std::string import_signed_demo(const std::string& root) {
    auto r = import_bundle(demo_bundle(), root, demo_policy());
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return content_status(root)->current_dir;
}

/// The live content is still `live` and serves the demo's 71 items.
inline void expect_unchanged(const std::string& root, const std::string& live) {
    auto st = content_status(root);
    REQUIRE(st.ok());
    CHECK(st->current_dir == live);
    CHECK(st->items == 71);
    CHECK(st->current_version == "2026.11-demo1");
}

struct CtlRun {
    int code = -1;
    std::string out;
};
/// Runs kioskctl with the demo configuration (trusts the demo publisher key); stdout + stderr.
inline CtlRun ctl(const std::string& state, const std::string& args) {
    std::string cmd = std::string(KIOSK_BIN_DIR) + "/kioskctl --config " + KIOSK_SOURCE_DIR + "/assets/demo/kiosk.toml --state-dir " +
                      state + " " + args + " 2>&1";
    CtlRun r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int st = ::pclose(p);
    r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

}  // namespace kiosk::content::test
