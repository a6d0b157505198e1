// Content updates from platform-sim: signed manifest, ETag, and tampered or partial updates that change nothing.
#include <doctest/doctest.h>

#include <fstream>

#include "kiosk/sync/content_update.h"
#include "kiosk/sync/platform_client.h"
#include "sim_process.h"

using namespace kiosk;
using namespace kiosk::sync;
namespace fs = std::filesystem;

namespace {
void write(const fs::path& p, const std::string& s) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << s;
}

struct Rig {
    test::TempDir content, state;
    std::unique_ptr<test::SimProcess> sim;
    int imports = 0;
    std::string imported_text;
    std::unique_ptr<ContentUpdater> updater;

    Rig() {
        write(fs::path(content.path) / "manifest.json", "{\"version\":\"2026-11-20.1\"}");
        write(fs::path(content.path) / "items.json", std::string(5000, 'i'));
        write(fs::path(content.path) / "forms/f1.pdf", "%PDF-1.4 form");
        sim = std::make_unique<test::SimProcess>(std::vector<std::string>{"--content", content.path});
        REQUIRE(sim->running());
        ContentUpdateOptions o;
        o.staging_dir = state.path + "/content-staging";
        o.etag_file = state.path + "/content-etag";
        // A stand-in for kiosk::content::import_bundle: records what it was given.
        updater = ContentUpdater::create(sim->settings(), o, [this](const std::string& dir) -> Result<std::string> {
                      ++imports;
                      imported_text = test::read_text(dir + "/forms/f1.pdf");
                      return std::string("v") + std::to_string(imports);
                  }).value();
    }
    bool etag_stored() { return fs::exists(state.path + "/content-etag"); }
};
}  // namespace

TEST_CASE("a signed content bundle is downloaded, checked and imported, then answered 304") {
    Rig rig;
    auto r = rig.updater->update();
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->updated);
    CHECK(r->files == 3);
    CHECK(rig.imports == 1);
    CHECK(rig.imported_text == "%PDF-1.4 form");
    CHECK(rig.etag_stored());
    CHECK_FALSE(fs::exists(rig.state.path + "/content-staging"));
    auto again = rig.updater->update();
    REQUIRE(again.ok());
    CHECK_FALSE(again->updated);
    CHECK(rig.imports == 1);
    write(fs::path(rig.content.path) / "notices.json", "[]");
    auto third = rig.updater->update();
    REQUIRE(third.ok());
    CHECK(third->updated);
    CHECK(rig.imports == 2);
}

TEST_CASE("a manifest with a bad signature changes nothing") {
    Rig rig;
    REQUIRE(rig.sim->fault("bad-signature", 1, 0, "/api/v1/content/manifest"));
    auto r = rig.updater->update();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::Corrupt);
    CHECK(rig.imports == 0);
    CHECK_FALSE(rig.etag_stored());
}

TEST_CASE("a tampered content file changes nothing") {
    Rig rig;
    REQUIRE(rig.sim->fault("tamper-file", 1, 0, "/api/v1/content/files/items.json"));
    auto r = rig.updater->update();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::Corrupt);
    CHECK(r.error().message.find("sha256") != std::string::npos);
    CHECK(rig.imports == 0);
    CHECK_FALSE(rig.etag_stored());
    CHECK_FALSE(fs::exists(rig.state.path + "/content-staging"));
    // The next attempt, without the fault, installs the bundle.
    CHECK(rig.updater->update().ok());
    CHECK(rig.imports == 1);
}

TEST_CASE("a content file cut off mid-body changes nothing") {
    Rig rig;
    REQUIRE(rig.sim->fault("drop-mid-body", 1, 0, "/api/v1/content/files/"));
    auto r = rig.updater->update();
    REQUIRE_FALSE(r.ok());
    CHECK(rig.imports == 0);
    CHECK_FALSE(rig.etag_stored());
    CHECK_FALSE(fs::exists(rig.state.path + "/content-staging"));
}

TEST_CASE("an importer that refuses the bundle leaves the ETag unset so the update is retried") {
    test::TempDir content, state;
    write(fs::path(content.path) / "a.json", "{}");
    test::SimProcess sim({"--content", content.path});
    REQUIRE(sim.running());
    ContentUpdateOptions o{state.path + "/stage", state.path + "/etag"};
    auto up = ContentUpdater::create(sim.settings(), o, [](const std::string&) -> Result<std::string> {
                  return make_error(Errc::InvalidInput, "items.json: items[0].department: unknown");
              }).value();
    auto r = up->update();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("department") != std::string::npos);
    CHECK_FALSE(fs::exists(state.path + "/etag"));
}

TEST_CASE("manifest parsing refuses paths that leave the bundle") {
    std::string h(64, 'a');
    for (std::string p : {"../x", "a/../../x", "/etc/passwd", "a//b", "a/..", "./a", "a\\\\b"}) {
        std::string body = "{\"version\":\"1\",\"files\":[{\"path\":\"" + p + "\",\"sha256\":\"" + h + "\",\"size\":1}]}";
        CHECK_MESSAGE(!parse_manifest(body).ok(), p);
    }
    CHECK(parse_manifest("{\"version\":\"1\",\"files\":[{\"path\":\"forms/a.pdf\",\"sha256\":\"" + h + "\",\"size\":1}]}").ok());
    CHECK_FALSE(parse_manifest("not json").ok());
}
