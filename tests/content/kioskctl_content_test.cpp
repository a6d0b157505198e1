// kioskctl content verify/import/rollback/status and kioskctl search, run as a real process.
#include <doctest/doctest.h>

#include <cstdio>
#include <sys/wait.h>

#include "content_fixture.h"

using namespace kiosk::content::test;

namespace {
struct Run {
    int code = -1;
    std::string out;
};
/// Runs kioskctl with a private state dir; stdout and stderr together.
Run kioskctl(const std::string& state, const std::string& args) {
    std::string cmd = std::string(KIOSK_BIN_DIR) + "/kioskctl --config " + KIOSK_SOURCE_DIR + "/assets/demo/kiosk.toml --state-dir " +
                      state + " " + args + " 2>&1";
    Run r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int st = ::pclose(p);
    r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}
}  // namespace

TEST_CASE("kioskctl content verify exits non-zero and prints every problem with file and JSON path") {
    TempDir t;
    copy_demo(t.path / "b");
    auto items = read_json(t.path / "b/items.json");
    items["items"][0]["department"] = "nope";
    items["items"][2]["popularity"] = -5;
    write_json(t.path / "b/items.json", items);
    refresh_manifest(t.path / "b");
    write_text(t.path / "b/hall.json", "{");
    auto r = kioskctl(t.str(), "content verify " + (t.path / "b").string());
    CHECK(r.code == 1);
    CHECK(r.out.find("items.json: items[0].department: unknown department 'nope'") != std::string::npos);
    CHECK(r.out.find("items.json: items[2].popularity: must be between 0 and") != std::string::npos);
    CHECK(r.out.find("hall.json: bad hash") != std::string::npos);
    CHECK(r.out.find("3 problems; nothing was changed") != std::string::npos);
    auto ok = kioskctl(t.str(), "content verify " + committed_demo_bundle());
    CHECK(ok.code == 0);
    CHECK(ok.out.find("OK") != std::string::npos);
}

TEST_CASE("kioskctl content import, status, search, rollback work on a state directory") {
    TempDir state;
    CHECK(kioskctl(state.str(), "content status").code == 1);
    auto imp = kioskctl(state.str(), "content import " + demo_bundle());
    REQUIRE_MESSAGE(imp.code == 0, imp.out);
    auto st = kioskctl(state.str(), "content status");
    CHECK(st.code == 0);
    CHECK(st.out.find("2026.11-demo1") != std::string::npos);
    auto s = kioskctl(state.str(), "search bdcdj --limit 3");
    CHECK(s.code == 0);
    CHECK(s.out.find("不动产登记资料查询") != std::string::npos);
    auto j = kioskctl(state.str(), "search 公安消防 --json --limit 50");
    CHECK(j.code == 0);
    auto hits = nlohmann::json::parse(j.out);
    bool moved = false;
    for (const auto& h : hits) moved = moved || (h["code"] == "ZJJ-001" && h["match"] == "former-department");
    CHECK(moved);
    std::string key = private_demo_key(state.path);
    CHECK(kioskctl(state.str(), "content import-catalog " + catalog_data("catalog-sample.json")).code == 1);  // unsigned: refused
    auto cat = kioskctl(state.str(), "content import-catalog " + catalog_data("catalog-sample.json") + " --key " + key);
    CHECK_MESSAGE(cat.code == 0, cat.out);
    CHECK(kioskctl(state.str(), "content status --json").out.find("catalog-catalog-sample") != std::string::npos);
    auto rb = kioskctl(state.str(), "content rollback");
    CHECK(rb.code == 0);
    CHECK(rb.out.find("2026.11-demo1") != std::string::npos);
    CHECK(kioskctl(state.str(), "content frobnicate").code == 2);
}
