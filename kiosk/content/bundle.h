// Content bundles: verify a bundle folder, import it atomically into the content root, roll back.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "kiosk/content/signing.h"

namespace kiosk::content {

/// One thing wrong with a bundle: which file, where in it (a JSON path such as
/// "items[3].department", empty for whole-file problems) and what.
struct BundleProblem {
    std::string file;
    std::string json_path;
    std::string message;
};
std::string to_string(const BundleProblem&);

struct BundleInfo {
    std::string version;       ///< manifest "version"
    std::string dir;           ///< the bundle folder, or the version folder after an import
    int departments = 0;
    int items = 0;
    int forms = 0;
    int notices = 0;
    bool has_map = false;
    std::vector<BundleProblem> problems;  ///< empty when the bundle is good
    /// Do not block an import, but an operator should fix them: an item's window that does not
    /// serve the item's department (hall map windows[].departments), a window not on the map.
    std::vector<BundleProblem> warnings;
};

/// Checks everything in the bundle folder without changing anything: manifest, every
/// file's presence and sha256, JSON syntax, references (departments, items, life events,
/// forms), duplicate codes, dates and times, and map.json through the wayfinding parser.
/// On failure the error message lists EVERY problem, one per line ("file: path: message");
/// pass `problems` to receive them as values.
Result<BundleInfo> verify_bundle(const std::string& dir, std::vector<BundleProblem>* problems = nullptr);

/// Checks the signature and the version (check_import_allowed in signing.h: signed by a key of
/// `policy.trusted_keys`, not older than the live version unless allowed), verifies `dir`, then builds a new version under `content_root/versions/` (SQLite db +
/// copies of the bundle's files), then switches `content_root/current` to it atomically
/// (rename of a symlink) and points `content_root/previous` at the version it replaced.
/// A bad bundle, or a failure while building, leaves the live content untouched.
/// Versions other than current and previous are deleted.
Result<BundleInfo> import_bundle(const std::string& dir, const std::string& content_root, const ImportPolicy& policy);

/// Swaps current and previous (atomically). Fails when there is no previous version.
Result<BundleInfo> rollback(const std::string& content_root);

struct ContentStatus {
    std::string current_dir;   ///< absolute path of the live version ("" when none)
    std::string current_version;
    std::string previous_dir;
    std::string previous_version;
    std::string imported_at;   ///< "YYYY-MM-DD HH:MM:SS" UTC of the live version's import
    int departments = 0, items = 0, forms = 0, notices = 0;
};
Result<ContentStatus> content_status(const std::string& content_root);

/// `<state_dir>/content`, the content root the kiosk and kioskctl use.
std::string content_root_for(const std::string& state_dir);

}  // namespace kiosk::content
