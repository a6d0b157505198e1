// The product's ContentImporter: content updates install bundles with kiosk/content's importer.
#include "kiosk/content/bundle.h"
#include "kiosk/sync/content_update.h"

namespace kiosk::sync {

ContentImporter content_importer_for(const std::string& content_root, std::vector<std::string> signing_keys) {
    return [content_root, keys = std::move(signing_keys)](const std::string& staged_dir) -> Result<std::string> {
        kiosk::content::ImportPolicy policy;
        policy.trusted_keys = keys;
        policy.actor = "platform update";
        auto info = kiosk::content::import_bundle(staged_dir, content_root, policy);
        if (!info) return info.error();
        return std::string(info->version);
    };
}

}  // namespace kiosk::sync
