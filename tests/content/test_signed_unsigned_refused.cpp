// Finding (issue 12): an edited hall.json with a recomputed sha256 was imported as "9999.99-unsigned".
#include "signing_helpers.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

TEST_CASE("an unsigned bundle with a recomputed manifest is refused by import and the old content keeps serving") {
    TempDir t, root;
    std::string live = import_signed_demo(root.str());
    copy_demo(t.path / "b");
    auto hall = read_json(t.path / "b/hall.json");
    hall["name"] = "假冒的政务服务中心";
    write_json(t.path / "b/hall.json", hall);
    auto m = read_json(t.path / "b/manifest.json");
    for (auto& f : m["files"]) f["sha256"] = detail::sha256_file((t.path / "b" / f["path"].get<std::string>()).string());
    m["version"] = "9999.99-unsigned";
    write_json(t.path / "b/manifest.json", m);
    fs::remove(t.path / "b/manifest.sig");

    auto r = import_bundle((t.path / "b").string(), root.str(), demo_policy());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("manifest.sig: missing") != std::string::npos);
    expect_unchanged(root.str(), live);
}

TEST_CASE("kioskctl content import refuses the unsigned bundle and names manifest.sig") {
    TempDir t;
    copy_demo(t.path / "b");
    fs::remove(t.path / "b/manifest.sig");
    auto r = ctl(t.str(), "content import " + (t.path / "b").string());
    CHECK(r.code == 1);
    CHECK_MESSAGE(r.out.find("manifest.sig: missing") != std::string::npos, r.out);
    CHECK(ctl(t.str(), "content status").code == 1);  // nothing installed
}

TEST_CASE("a kiosk with no signing key configured installs nothing, even the signed demo bundle") {
    TempDir root;
    ImportPolicy none;
    auto r = import_bundle(demo_bundle(), root.str(), none);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("content.signing_keys") != std::string::npos);
    CHECK(content_status(root.str())->current_dir.empty());
}
