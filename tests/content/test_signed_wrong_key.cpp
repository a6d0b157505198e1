// Finding (issue 16/12): a bundle signed with a key the kiosk does not list is refused, naming manifest.sig.
#include "signing_helpers.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

TEST_CASE("a bundle signed with another publisher's key is refused and the old content keeps serving") {
    TempDir t, root;
    std::string live = import_signed_demo(root.str());
    copy_demo(t.path / "b");
    refresh_manifest(t.path / "b", "2026.12-demo1");
    auto other = generate_signing_key();
    REQUIRE(sign_bundle((t.path / "b").string(), other.secret_key).ok());
    auto r = import_bundle((t.path / "b").string(), root.str(), demo_policy());
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(r.error().message.find("manifest.sig: signed with key " + other.public_key.substr(0, 12)) != std::string::npos,
                  r.error().message);
    expect_unchanged(root.str(), live);
}

TEST_CASE("a trusted key written into manifest.sig over another key's signature is refused as manifest.json not matching") {
    TempDir t, root;
    std::string live = import_signed_demo(root.str());
    copy_demo(t.path / "b");
    refresh_manifest(t.path / "b", "2026.12-demo1");
    auto other = generate_signing_key();
    REQUIRE(sign_bundle((t.path / "b").string(), other.secret_key).ok());
    auto sig = read_json(t.path / "b/manifest.sig");
    sig["key"] = demo_public_key();
    write_json(t.path / "b/manifest.sig", sig);
    auto r = import_bundle((t.path / "b").string(), root.str(), demo_policy());
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(r.error().message.find("manifest.json: does not match its signature") != std::string::npos, r.error().message);
    expect_unchanged(root.str(), live);
}

TEST_CASE("kioskctl content verify refuses another key's bundle with manifest.sig named") {
    TempDir t;
    copy_demo(t.path / "b");
    REQUIRE(sign_bundle((t.path / "b").string(), generate_signing_key().secret_key).ok());
    auto r = ctl(t.str(), "content verify " + (t.path / "b").string());
    CHECK(r.code == 1);
    CHECK_MESSAGE(r.out.find("manifest.sig: signed with key") != std::string::npos, r.out);
}
