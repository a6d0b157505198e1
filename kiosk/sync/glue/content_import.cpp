// Glue between sync and kiosk/content: the product's ContentImporter (built when kiosk_content exists).
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
