// Catalogue importer: a public service catalogue ({source, departments:[{department, items:[…]}]}) → bundle.
#pragma once

#include <map>
#include <string>

#include "base/result.h"
#include "kiosk/content/bundle.h"

namespace kiosk::content {

/// Writes `files` (name → contents) and a manifest.json with their sha256 into `dir`.
Status write_bundle_files(const std::string& dir, const std::string& version, const std::map<std::string, std::string>& files);

/// Turns a catalogue file of the shape of catalog-guangan.json into a bundle in `out_dir`:
/// one department per entry (ids d01, d02 …), one item per sub_item (codes <dept>-<nnnn>),
/// online_url from http(s) links. hall.json and map.json are taken from `hall_from_version`
/// (a live version folder) when given, otherwise a minimal hall is written; departments
/// get windows round-robin over the hall's floors.
Result<BundleInfo> catalog_to_bundle(const std::string& catalog_file, const std::string& out_dir,
                                     const std::string& hall_from_version = {});

/// pack_bundle of the catalogue (signed with `secret_key_b64`, which must belong to a key of
/// `policy.trusted_keys`) into a temporary folder under the content root, then import_bundle.
Result<BundleInfo> import_catalog(const std::string& catalog_file, const std::string& content_root,
                                  const std::string& secret_key_b64, const ImportPolicy& policy);

}  // namespace kiosk::content
