// kioskctl content keygen → pack (folder and catalogue) → verify → import, as an operator publishes.
#include "signing_helpers.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

TEST_CASE("a key made by keygen packs a folder into a bundle that verify and import accept with that key listed") {
    TempDir t;
    auto kg = ctl(t.str(), "content keygen --out " + (t.path / "hall").string());
    REQUIRE_MESSAGE(kg.code == 0, kg.out);
    CHECK((fs::status(t.path / "hall.key").permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
    CHECK(ctl(t.str(), "content keygen --out " + (t.path / "hall").string()).code == 1);  // never overwrites a key
    std::string pub = read_text(t.path / "hall.pub");
    while (!pub.empty() && pub.back() == '\n') pub.pop_back();
    std::string trust = "--set 'content.signing_keys=[\"" + pub + "\"]' ";

    // The source: the demo folder with an edit and without manifest or signature.
    copy_demo(t.path / "src");
    fs::remove(t.path / "src/manifest.sig");
    auto hall = read_json(t.path / "src/hall.json");
    hall["phone"] = "0000-12345678";
    write_json(t.path / "src/hall.json", hall);
    auto p = ctl(t.str(), "content pack " + (t.path / "src").string() + " --key " + (t.path / "hall.key").string() + " --out " +
                              (t.path / "out").string() + " --version 2026.12-hall1");
    REQUIRE_MESSAGE(p.code == 0, p.out);
    CHECK(fs::exists(t.path / "out/manifest.sig"));

    auto v = ctl(t.str(), trust + "content verify " + (t.path / "out").string());
    CHECK_MESSAGE(v.code == 0, v.out);
    CHECK(v.out.find("signed by key " + pub.substr(0, 12)) != std::string::npos);
    // The demo configuration does not list this key: refused there.
    CHECK(ctl(t.str(), "content verify " + (t.path / "out").string()).code == 1);
    auto i = ctl(t.str(), trust + "content import " + (t.path / "out").string());
    REQUIRE_MESSAGE(i.code == 0, i.out);
    CHECK(ctl(t.str(), "content status").out.find("2026.12-hall1") != std::string::npos);

    // Edited after signing: refused with the file named.
    write_text(t.path / "out/departments.json", read_text(t.path / "out/departments.json") + "\n");
    auto bad = ctl(t.str(), trust + "content verify " + (t.path / "out").string());
    CHECK(bad.code == 1);
    CHECK_MESSAGE(bad.out.find("departments.json: bad hash") != std::string::npos, bad.out);
}

TEST_CASE("pack builds a signed bundle from a catalogue file") {
    TempDir t;
    write_json(t.path / "cat.json",
               {{"source", "test"},
                {"departments",
                 {{{"department", "公安局"},
                   {"items", {{{"main_item", "户籍"}, {"sub_items", {{{"name", "居民身份证换领"}}, {{"name", "户口迁入登记"}}}}}}}}}}});
    auto key = private_demo_key(t.path);
    auto p = ctl(t.str(), "content pack " + (t.path / "cat.json").string() + " --key " + key + " --out " + (t.path / "out").string());
    REQUIRE_MESSAGE(p.code == 0, p.out);
    auto signer = check_signature((t.path / "out").string(), {demo_public_key()});
    REQUIRE_MESSAGE(signer.ok(), signer.error().message);
    auto i = ctl(t.str(), "content import " + (t.path / "out").string());
    CHECK_MESSAGE(i.code == 0, i.out);
}

TEST_CASE("pack refuses a secret key file others can read") {
    TempDir t;
    write_text(t.path / "k.key", demo_secret_key() + "\n");
    fs::permissions(t.path / "k.key", fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read, fs::perm_options::replace);
    auto p = ctl(t.str(), "content pack " + committed_demo_bundle() + " --key " + (t.path / "k.key").string() + " --out " +
                              (t.path / "out").string());
    CHECK(p.code == 1);
    CHECK(p.out.find("readable by others") != std::string::npos);
    CHECK_FALSE(fs::exists(t.path / "out"));
}
