// Fault 4 (issue 19): a damaged content database is repaired — the intact previous version takes over, the ETag is forgotten, the bundle is fetched again, and it is said once.
#include <doctest/doctest.h>

#include "content_fixture.h"
#include "fault_rig.h"
#include "kiosk/content/bundle.h"

using namespace kiosk::test;
namespace fs = std::filesystem;
namespace ct = kiosk::content::test;

namespace {
/// Imports a signed copy of the demo bundle as `version` into `root` (the demo publisher key).
void import_demo_as(const ct::TempDir& t, const std::string& root, const std::string& version) {
    fs::path p = t.path / version;
    ct::copy_demo(p);
    ct::refresh_manifest(p, version);
    auto r = kiosk::content::import_bundle(p.string(), root, ct::demo_policy());
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
}

/// Overwrites pages 2 to 4 of the live version's content.db (its header stays intact, so
/// SQLite opens it and only a check of the pages finds the damage).
std::string damage_live_content(const std::string& root) {
    auto st = kiosk::content::content_status(root);
    REQUIRE(st.ok());
    std::string db = st->current_dir + "/content.db";
    REQUIRE(fs::file_size(db) > 5 * 4096);
    overwrite_bytes(db, 4096, 3 * 4096);
    return st->current_version;
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
    return n;
}
}  // namespace

TEST_CASE("a damaged live content db falls back to the intact previous version, forgets the ETag and says so once") {
    TempDir dir("fault-content");
    ct::TempDir bundles;
    std::string root = dir / "state/content";
    fs::create_directories(root);
    import_demo_as(bundles, root, "2026.11-demo1");
    import_demo_as(bundles, root, "2026.12-demo1");
    REQUIRE(damage_live_content(root) == "2026.12-demo1");
    write_file(dir / "state/content-etag", "\"sim-2026.12\"");
    // The platform is down: what the kiosk serves comes from the disk alone. Several seconds of
    // the app loop (the content check runs about once a second) for any repeated log line.
    write_file(dir / "test.ks", "live 2\nwait 5\ntap \"办事指南\"\ntap \"按部门查找\"\nexpect \"公安局\"\nscreenshot guide-after-fallback\n");
    Child kiosk(kiosk_argv(dir, "http://127.0.0.1:9"), dir / "kiosk.log");
    CHECK_MESSAGE(kiosk.wait(60) == 0, kiosk.log());
    std::string log = kiosk.log();
    CHECK_MESSAGE(count(log, "is damaged") == 1, log);
    CHECK_MESSAGE(count(log, "no content installed") == 0, log);
    auto st = kiosk::content::content_status(root);
    REQUIRE(st.ok());
    CHECK(st->current_version == "2026.11-demo1");
    CHECK(st->previous_dir.empty());  // nobody rolls back onto the damaged version
    CHECK_FALSE(fs::exists(dir / "state/content-etag"));
}

TEST_CASE("with no intact content version left the kiosk says once that none is installed, and installs the platform's bundle again") {
    TempDir dir("fault-content");
    ct::TempDir bundles;
    std::string root = dir / "state/content";
    fs::create_directories(root);
    import_demo_as(bundles, root, "2026.11-demo1");
    std::string damaged_dir = kiosk::content::content_status(root)->current_dir;
    damage_live_content(root);
    write_file(dir / "state/content-etag", "\"sim-2026.11\"");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    // Real time for the heartbeat's content download and import, then virtual time for the
    // app's once-a-second look at the content folder.
    write_file(dir / "test.ks", "live 10\nwait 2\ntap \"办事指南\"\ntap \"按部门查找\"\nexpect \"公安局\"\n");
    Child kiosk(kiosk_argv(dir, sim.url()), dir / "kiosk.log");
    CHECK_MESSAGE(kiosk.wait(90) == 0, kiosk.log());
    std::string log = kiosk.log();
    CHECK_MESSAGE(count(log, "is damaged") == 1, log);
    CHECK_MESSAGE(count(log, "no content installed") <= 1, log);
    auto st = kiosk::content::content_status(root);
    REQUIRE(st.ok());
    CHECK(!st->current_dir.empty());
    CHECK(st->current_dir != damaged_dir);
    CHECK(st->items == 71);
    CHECK(fs::exists(dir / "state/content-etag"));  // the new bundle's, written after its import
}

TEST_CASE("heal_content changes nothing while the live version is sound") {
    ct::TempDir bundles, root;
    import_demo_as(bundles, root.str(), "2026.11-demo1");
    import_demo_as(bundles, root.str(), "2026.12-demo1");
    auto h = kiosk::content::heal_content(root.str());
    REQUIRE(h.ok());
    CHECK(h->state == kiosk::content::ContentHeal::State::Intact);
    auto st = kiosk::content::content_status(root.str());
    CHECK(st->current_version == "2026.12-demo1");
    CHECK(st->previous_version == "2026.11-demo1");
}
