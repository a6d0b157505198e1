// Publishing: build a signed bundle from a folder or a catalogue file (kioskctl content pack).
#pragma once

#include <string>

#include "base/result.h"
#include "kiosk/content/bundle.h"

namespace kiosk::content {

struct PackOptions {
    std::string version;    ///< manifest version; empty: the source's manifest.json version (a folder) or catalog-<name>
    std::string hall_from;  ///< catalogue only: a folder whose hall.json and map.json are reused
};

/// Writes manifest.json for every file under `dir` (sorted, sha256 each; manifest.json and
/// manifest.sig themselves excluded) with `version`.
Status write_manifest(const std::string& dir, const std::string& version);

/// Builds a signed bundle in `out_dir` (must not exist, or be empty) from `source`: a bundle
/// folder (its files are copied, the manifest is written anew) or a catalogue JSON file
/// (catalog_to_bundle). Then signs manifest.json with `secret_key_b64` and verifies the result
/// with verify_bundle; a bundle that does not verify is removed again and the problems returned.
Result<BundleInfo> pack_bundle(const std::string& source, const std::string& out_dir, const std::string& secret_key_b64,
                               const PackOptions& options = {});

}  // namespace kiosk::content
