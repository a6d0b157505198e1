// Fallback ContentImporter while kiosk/content (bundle.h) is not part of the build.
#include "kiosk/sync/content_update.h"

namespace kiosk::sync {

ContentImporter content_importer_for(const std::string&) {
    return [](const std::string&) -> Result<std::string> {
        return make_error(Errc::Unavailable, "content importer not built (kiosk/content/bundle.h missing)");
    };
}

}  // namespace kiosk::sync
