// Inbound content: signed manifest, ETag, verified downloads into staging, atomic import.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "kiosk/sync/http.h"

namespace kiosk::config { class Config; }

namespace kiosk::sync {

/// Installs a verified, staged bundle directory; returns the installed content version.
/// Must change nothing when it fails. The product uses content_importer_for() below.
using ContentImporter = std::function<Result<std::string>(const std::string& staged_dir)>;

/// The importer of kiosk/content (kiosk::content::import_bundle): the staged bundle must carry a
/// manifest.sig by one of `signing_keys` (config content.signing_keys) and must not be older
/// than the installed version; the platform's own manifest signature does not replace that.
/// When kiosk_content was not built, the importer fails with Errc::Unavailable.
ContentImporter content_importer_for(const std::string& content_root, std::vector<std::string> signing_keys);

struct ContentUpdateOptions {
    std::string staging_dir;   ///< <state>/content-staging (wiped before and after each update)
    std::string etag_file;     ///< <state>/content-etag (written only after a successful import)
    size_t max_file_size = 64u << 20;
    size_t max_total_size = 512u << 20;
    static ContentUpdateOptions from_config(const config::Config&);
};

struct ContentUpdateResult {
    bool updated = false;  ///< false: the platform said 304, nothing to do
    std::string version;   ///< new version when updated
    size_t files = 0, bytes = 0;
};

class ContentUpdater {
public:
    static Result<std::unique_ptr<ContentUpdater>> create(PlatformSettings settings, ContentUpdateOptions options,
                                                          ContentImporter importer);
    /// Blocking; safe from any thread (one update at a time). Any failure (signature, hash,
    /// size, network, importer) leaves the installed content and the stored ETag unchanged.
    Result<ContentUpdateResult> update();
    /// Forgets the stored ETag so the next update downloads the manifest again.
    void forget_etag();

private:
    ContentUpdater(PlatformSettings s, ContentUpdateOptions o, ContentImporter i)
        : m_settings(std::move(s)), m_options(std::move(o)), m_importer(std::move(i)) {}
    Result<ContentUpdateResult> update_locked();
    PlatformSettings m_settings;
    ContentUpdateOptions m_options;
    ContentImporter m_importer;
    std::mutex m_mutex;
};

}  // namespace kiosk::sync
