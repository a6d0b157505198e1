// The Han characters of a content version's text: what a citizen is likely to write on the pad.
#pragma once

#include <string>

#include "base/result.h"

namespace kiosk::content {

/// Every Han character (U+4E00–U+9FFF) in the text of the content version at `version_dir`
/// (items with their materials, notes and FAQ, departments, hall information, the map, forms),
/// once each, most frequent first (ties by code point), as one UTF-8 string. Reads only the
/// version's files: safe on any thread. A missing file is skipped; a file that is not JSON is
/// an error naming it.
Result<std::string> han_characters_of_version(const std::string& version_dir);

}  // namespace kiosk::content
