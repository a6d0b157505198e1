// Finding (issue 12): an older signed content version could be installed again over a newer one.
#include "signing_helpers.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

namespace {
/// A signed copy of the demo bundle with another version.
fs::path demo_as(const TempDir& t, const std::string& name, const std::string& version) {
    fs::path p = t.path / name;
    copy_demo(p);
    refresh_manifest(p, version);
    return p;
}
}  // namespace

TEST_CASE("versions order numerically, so 2026.9 is older than 2026.10") {
    CHECK(compare_versions("2026.9", "2026.10") < 0);
    CHECK(compare_versions("2026.10", "2026.10.1") < 0);
    CHECK(compare_versions("2026.11-demo1", "2026.11-demo1") == 0);
    CHECK(compare_versions("2026.12-demo1", "2026.11-demo2") > 0);
    CHECK(compare_versions("00010", "9") > 0);
}

TEST_CASE("an older signed version is refused unless a downgrade is allowed, and the downgrade is logged with its actor") {
    TempDir t, state;
    fs::path newer = demo_as(t, "newer", "2026.12-demo1");
    fs::path older = demo_as(t, "older", "2026.11-demo1");
    auto a = ctl(state.str(), "content import " + newer.string());
    REQUIRE_MESSAGE(a.code == 0, a.out);
    auto b = ctl(state.str(), "content import " + older.string());
    CHECK(b.code == 1);
    CHECK_MESSAGE(b.out.find("version 2026.11-demo1 is older than the installed 2026.12-demo1") != std::string::npos, b.out);
    CHECK(ctl(state.str(), "content status").out.find("2026.12-demo1") != std::string::npos);
    auto c = ctl(state.str(), "content import --allow-downgrade " + older.string());
    REQUIRE_MESSAGE(c.code == 0, c.out);
    CHECK_MESSAGE(c.out.find("downgrade from content version 2026.12-demo1 to 2026.11-demo1 allowed by kioskctl (user ") !=
                      std::string::npos,
                  c.out);
    CHECK(ctl(state.str(), "content status").out.find("current:  2026.11-demo1") != std::string::npos);
}

TEST_CASE("the platform's importer never downgrades") {
    TempDir t, root;
    fs::path newer = demo_as(t, "newer", "2026.12-demo1");
    REQUIRE(import_bundle(newer.string(), root.str(), demo_policy()).ok());
    ImportPolicy platform = demo_policy();
    platform.actor = "platform update";
    auto r = import_bundle(demo_bundle(), root.str(), platform);
    REQUIRE_FALSE(r.ok());
    CHECK(content_status(root.str())->current_version == "2026.12-demo1");
}
