// Finding (issue 12): tampering with any file of a signed bundle is refused with the file named.
#include "signing_helpers.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

TEST_CASE("a form PDF changed after signing is refused with its name and the old content keeps serving") {
    TempDir t, root;
    std::string live = import_signed_demo(root.str());
    copy_demo(t.path / "b");
    refresh_manifest(t.path / "b", "2026.12-demo1");
    auto pdf = read_text(t.path / "b/forms/f-bdc.pdf");
    pdf[pdf.size() / 2] ^= 0x20;
    write_text(t.path / "b/forms/f-bdc.pdf", pdf);
    auto r = import_bundle((t.path / "b").string(), root.str(), demo_policy());
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(r.error().message.find("forms/f-bdc.pdf: bad hash") != std::string::npos, r.error().message);
    expect_unchanged(root.str(), live);
}

TEST_CASE("items.json edited and its sha256 recomputed in the manifest is refused as manifest.json edited after signing") {
    TempDir t, root;
    std::string live = import_signed_demo(root.str());
    copy_demo(t.path / "b");
    auto items = read_json(t.path / "b/items.json");
    items["items"][1]["windows"] = {12};
    write_json(t.path / "b/items.json", items);
    auto m = read_json(t.path / "b/manifest.json");
    for (auto& f : m["files"])
        if (f["path"] == "items.json") f["sha256"] = detail::sha256_file((t.path / "b/items.json").string());
    write_json(t.path / "b/manifest.json", m);
    auto r = import_bundle((t.path / "b").string(), root.str(), demo_policy());
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(r.error().message.find("manifest.json: does not match its signature") != std::string::npos, r.error().message);
    expect_unchanged(root.str(), live);
}

TEST_CASE("kioskctl content verify names the tampered file") {
    TempDir t;
    copy_demo(t.path / "b");
    write_text(t.path / "b/hall.json", read_text(t.path / "b/hall.json") + " ");
    auto r = ctl(t.str(), "content verify " + (t.path / "b").string());
    CHECK(r.code == 1);
    CHECK_MESSAGE(r.out.find("hall.json: bad hash") != std::string::npos, r.out);
}
