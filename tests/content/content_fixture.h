// Test helpers: temporary folders, a copy of the demo bundle, manifest refresh after edits.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/content/content_data.h"
#include "kiosk/content/signing.h"

namespace kiosk::content::test {

namespace fs = std::filesystem;

/// A fresh folder removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        static int n = 0;
        path = fs::temp_directory_path() / ("kiosk-content-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string str() const { return path.string(); }
};

/// The committed demo bundle (assets/content), as it is in the tree.
inline std::string committed_demo_bundle() { return std::string(KIOSK_SOURCE_DIR) + "/assets/content"; }
/// A catalogue kept in tests/data/catalog (the Guang'an one with its Apache-2.0 licence, and a hand-written one).
inline std::string catalog_data(const std::string& name) { return std::string(KIOSK_TEST_DATA) + "/catalog/" + name; }


inline std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
inline void write_text(const fs::path& p, const std::string& s) {
    std::ofstream o(p, std::ios::binary);
    o << s;
}
inline nlohmann::json read_json(const fs::path& p) { return nlohmann::json::parse(read_text(p)); }
inline void write_json(const fs::path& p, const nlohmann::json& j) { write_text(p, j.dump(1)); }

/// The demo publisher's key pair (assets/demo/publisher; its secret is public, demo only).
inline std::string demo_secret_key() {
    auto s = read_text(std::string(KIOSK_SOURCE_DIR) + "/assets/demo/publisher/demo-publisher.key");
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}
inline std::string demo_public_key() {
    auto s = read_text(std::string(KIOSK_SOURCE_DIR) + "/assets/demo/publisher/demo-publisher.pub");
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}
/// A copy of the demo secret key with mode 600 in `dir` (kioskctl refuses a key others can read;
/// git checks the committed one out 644).
inline std::string private_demo_key(const fs::path& dir) {
    fs::path p = dir / "demo-publisher.key";
    write_text(p, demo_secret_key() + "\n");
    fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    return p.string();
}
/// What the demo kiosk allows: bundles signed with the demo publisher key.
inline ImportPolicy demo_policy() {
    ImportPolicy p;
    p.trusted_keys = {demo_public_key()};
    p.actor = "test";
    return p;
}

/// Recomputes every sha256 in manifest.json (after a test edited a file on purpose) and signs
/// it again with the demo key, as a publisher would.
inline void refresh_manifest(const fs::path& dir, const std::string& version = {}) {
    auto m = read_json(dir / "manifest.json");
    for (auto& f : m["files"]) f["sha256"] = detail::sha256_file((dir / f["path"].get<std::string>()).string());
    if (!version.empty()) m["version"] = version;
    write_json(dir / "manifest.json", m);
    (void)sign_bundle(dir.string(), demo_secret_key());
}

/// Copies the demo bundle to `dir` (which must not exist yet).
inline void copy_demo(const fs::path& dir) { fs::copy(committed_demo_bundle(), dir, fs::copy_options::recursive); }

/// A private copy of the demo bundle with a fresh manifest, so these tests do not depend on
/// another area (wayfinding's map.json) having re-run make-forms; "the committed demo bundle
/// verifies" checks the committed manifest itself.
inline std::string demo_bundle() {
    static TempDir dir;
    static std::string path = [] {
        fs::path p = dir.path / "demo";
        copy_demo(p);
        refresh_manifest(p);
        return p.string();
    }();
    return path;
}

}  // namespace kiosk::content::test
