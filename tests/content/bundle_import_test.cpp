// Bundle verification and import: every error is reported with file and JSON path, nothing changes.
#include <doctest/doctest.h>

#include "content_fixture.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

namespace {

/// Imports the demo bundle into `root` and returns the live version folder.
std::string import_demo(const std::string& root) {
    auto r = import_bundle(demo_bundle(), root, demo_policy());
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return content_status(root)->current_dir;
}

bool has_problem(const std::vector<BundleProblem>& ps, const std::string& file, const std::string& path, const std::string& text) {
    for (const auto& p : ps)
        if (p.file == file && p.json_path == path && p.message.find(text) != std::string::npos) return true;
    return false;
}

std::string dump(const std::vector<BundleProblem>& ps) {
    std::string s;
    for (const auto& p : ps) s += to_string(p) + "\n";
    return s;
}

/// Checks a broken bundle: verify reports the problem, import fails, the live content is the same.
void expect_rejected(const fs::path& bundle, const std::string& file, const std::string& path, const std::string& text) {
    TempDir root;
    std::string live = import_demo(root.str());
    std::vector<BundleProblem> problems;
    auto v = verify_bundle(bundle.string(), &problems);
    CHECK_FALSE(v.ok());
    CHECK_MESSAGE(has_problem(problems, file, path, text), "problems were:\n" << dump(problems));
    auto r = import_bundle(bundle.string(), root.str(), demo_policy());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find(text) != std::string::npos);
    auto st = content_status(root.str());
    REQUIRE(st.ok());
    CHECK(st->current_dir == live);
    CHECK(st->previous_dir.empty());
    CHECK(st->items == 71);
    // Only the live version exists: no staging folder left behind.
    int versions = 0;
    for (const auto& e : fs::directory_iterator(root.path / "versions")) versions += e.is_directory() ? 1 : 0;
    CHECK(versions == 1);
}

}  // namespace

TEST_CASE("the committed demo bundle verifies with no problem (run make-forms assets/content after editing it)") {
    std::vector<BundleProblem> problems;
    auto v = verify_bundle(committed_demo_bundle(), &problems);
    REQUIRE_MESSAGE(v.ok(), dump(problems));
    CHECK(v->departments >= 12);
    CHECK(v->items >= 60);
    CHECK(v->forms >= 5);
    CHECK(v->has_map);
}

TEST_CASE("a missing file is reported with its name and nothing changes") {
    TempDir t;
    copy_demo(t.path / "b");
    fs::remove(t.path / "b/forms/f-bdc.pdf");
    expect_rejected(t.path / "b", "forms/f-bdc.pdf", "", "missing file");
}

TEST_CASE("a file whose sha256 differs from the manifest is reported and nothing changes") {
    TempDir t;
    copy_demo(t.path / "b");
    auto text = read_text(t.path / "b/hall.json");
    write_text(t.path / "b/hall.json", text + " ");
    expect_rejected(t.path / "b", "hall.json", "", "bad hash");
}

TEST_CASE("bad JSON is reported with the parser's position and nothing changes") {
    TempDir t;
    copy_demo(t.path / "b");
    write_text(t.path / "b/items.json", "{\"items\": [ {\"code\": \"X\", } ]");
    refresh_manifest(t.path / "b");
    expect_rejected(t.path / "b", "items.json", "", "bad JSON");
}

TEST_CASE("an item naming an unknown department is reported with its JSON path and nothing changes") {
    TempDir t;
    copy_demo(t.path / "b");
    auto items = read_json(t.path / "b/items.json");
    items["items"][5]["department"] = "no-such-bureau";
    write_json(t.path / "b/items.json", items);
    refresh_manifest(t.path / "b");
    expect_rejected(t.path / "b", "items.json", "items[5].department", "unknown department 'no-such-bureau'");
}

TEST_CASE("verify reports every problem at once, each with file and JSON path") {
    TempDir t;
    copy_demo(t.path / "b");
    auto items = read_json(t.path / "b/items.json");
    items["items"][1]["code"] = items["items"][0]["code"];             // duplicate code
    items["items"][2]["payments"] = {"bitcoin"};                       // unknown payment
    items["items"][3]["windows"] = {99};                               // window on no floor
    items["items"][4]["time_limit"] = {{"promised_days", 30}, {"legal_days", 10}};
    write_json(t.path / "b/items.json", items);
    auto hall = read_json(t.path / "b/hall.json");
    hall["notices"][0]["end"] = "2026-13-45 10:00";                    // bad date
    hall["hours"]["open"] = "9am";                                     // bad time
    write_json(t.path / "b/hall.json", hall);
    auto deps = read_json(t.path / "b/departments.json");
    deps["transfers"][0]["items"].push_back("NOPE-1");
    write_json(t.path / "b/departments.json", deps);
    refresh_manifest(t.path / "b");
    std::vector<BundleProblem> ps;
    auto v = verify_bundle((t.path / "b").string(), &ps);
    REQUIRE_FALSE(v.ok());
    CHECK_MESSAGE(has_problem(ps, "items.json", "items[1].code", "duplicate code"), dump(ps));
    CHECK(has_problem(ps, "items.json", "items[2].payments[0]", "unknown payment method"));
    CHECK(has_problem(ps, "items.json", "items[3].windows", "window 99 is on no floor"));
    CHECK(has_problem(ps, "items.json", "items[4].time_limit", "promised_days is longer"));
    CHECK(has_problem(ps, "hall.json", "notices[0].end", "bad date"));
    CHECK(has_problem(ps, "hall.json", "hours.open", "bad time"));
    CHECK(has_problem(ps, "departments.json", "transfers[0].items[3]", "unknown item code 'NOPE-1'"));
    // The duplicate code hides GAJ-002, which a form links to: reported too.
    CHECK(has_problem(ps, "forms.json", "forms[0].items[1]", "unknown item code 'GAJ-002'"));
    CHECK_MESSAGE(ps.size() == 8, dump(ps));
    // The error message carries them all too, one per line.
    CHECK(v.error().message.find("8 problems") != std::string::npos);
    CHECK(v.error().message.find("items.json: items[1].code: duplicate code") != std::string::npos);
}

TEST_CASE("a missing manifest and an unsafe path in the manifest are refused") {
    TempDir t;
    copy_demo(t.path / "b");
    auto m = read_json(t.path / "b/manifest.json");
    m["files"].push_back({{"path", "../etc/passwd"}, {"sha256", std::string(64, '0')}});
    write_json(t.path / "b/manifest.json", m);
    std::vector<BundleProblem> ps;
    CHECK_FALSE(verify_bundle((t.path / "b").string(), &ps).ok());
    CHECK_MESSAGE(has_problem(ps, "manifest.json", "files[" + std::to_string(m["files"].size() - 1) + "].path", "relative path"), dump(ps));
    fs::remove(t.path / "b/manifest.json");
    ps.clear();
    CHECK_FALSE(verify_bundle((t.path / "b").string(), &ps).ok());
    CHECK(has_problem(ps, "manifest.json", "", "missing file"));
}

TEST_CASE("a map.json the wayfinding parser rejects blocks the import") {
    TempDir t;
    copy_demo(t.path / "b");
    auto map = read_json(t.path / "b/map.json");
    map["windows"][0]["floor"] = "F99";
    write_json(t.path / "b/map.json", map);
    refresh_manifest(t.path / "b");
    std::vector<BundleProblem> ps;
    CHECK_FALSE(verify_bundle((t.path / "b").string(), &ps).ok());
    bool found = false;
    for (const auto& p : ps) found = found || (p.file == "map.json" && !p.json_path.empty());
    CHECK_MESSAGE(found, dump(ps));
}

TEST_CASE("a good bundle is switched in atomically and rollback returns to the previous version") {
    TempDir t, root;
    std::string v1 = import_demo(root.str());
    copy_demo(t.path / "b");
    auto items = read_json(t.path / "b/items.json");
    items["items"][0]["name"] = "居民身份证首次申领（新版）";
    items["items"].erase(items["items"].size() - 1);
    write_json(t.path / "b/items.json", items);
    refresh_manifest(t.path / "b", "2026.12-demo2");

    // A store opened on v1 keeps reading v1 after the switch, and knows it is stale.
    auto old_store = ContentStore::open(root.str());
    REQUIRE(old_store.ok());
    auto r = import_bundle((t.path / "b").string(), root.str(), demo_policy());
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    CHECK(r->version == "2026.12-demo2");
    CHECK((*old_store)->is_stale());
    CHECK((*old_store)->item("GAJ-001")->name == "居民身份证首次申领");

    auto st = content_status(root.str());
    CHECK(st->current_version == "2026.12-demo2");
    CHECK(st->previous_dir == v1);
    CHECK(st->items == 70);
    CHECK(fs::is_symlink(root.path / "current"));
    auto now = ContentStore::open(root.str());
    REQUIRE(now.ok());
    CHECK((*now)->item("GAJ-001")->name == "居民身份证首次申领（新版）");

    auto back = rollback(root.str());
    REQUIRE(back.ok());
    CHECK(back->version == "2026.11-demo1");
    st = content_status(root.str());
    CHECK(st->current_dir == v1);
    CHECK(st->previous_version == "2026.12-demo2");
    CHECK(st->items == 71);
    auto again = ContentStore::open(root.str());
    CHECK((*again)->item("GAJ-001")->name == "居民身份证首次申领");
    // Rolling back twice swaps again (roll forward).
    CHECK(rollback(root.str())->version == "2026.12-demo2");
}

TEST_CASE("rollback without a previous version fails and leaves the content alone") {
    TempDir root;
    CHECK_FALSE(rollback(root.str()).ok());
    std::string v1 = import_demo(root.str());
    auto r = rollback(root.str());
    CHECK_FALSE(r.ok());
    CHECK(content_status(root.str())->current_dir == v1);
}

TEST_CASE("only the current and previous versions are kept after several imports") {
    TempDir root;
    for (int i = 0; i < 4; ++i) import_demo(root.str());
    int versions = 0;
    for (const auto& e : fs::directory_iterator(root.path / "versions")) versions += e.is_directory() ? 1 : 0;
    CHECK(versions == 2);
}
