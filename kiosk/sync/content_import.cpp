// The product's ContentImporter: content updates install bundles with kiosk/content's importer.
#include "kiosk/content/bundle.h"
#include "kiosk/sync/content_update.h"

namespace kiosk::sync {

ContentImporter content_importer_for(const std::string& content_root) {
    return [content_root](const std::string& staged_dir) -> Result<std::string> {
        auto info = kiosk::content::import_bundle(staged_dir, content_root);
        if (!info) return info.error();
        return std::string(info->version);
    };
}

}  // namespace kiosk::sync
