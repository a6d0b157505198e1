// ContentUpdater: fetch, verify and stage a content bundle, then hand it to the importer.
#include "kiosk/sync/content_update.h"

#include <filesystem>
#include <fstream>

#include "base/log.h"
#include "kiosk/config/config.h"
#include "kiosk/sync/crypto.h"
#include "kiosk/sync/platform_client.h"

namespace kiosk::sync {

namespace fs = std::filesystem;

ContentUpdateOptions ContentUpdateOptions::from_config(const config::Config& c) {
    ContentUpdateOptions o;
    o.staging_dir = c.state_dir() + "/content-staging";
    o.etag_file = c.state_dir() + "/content-etag";
    return o;
}

namespace {
std::string read_small_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(in)), {});
    return s.size() > 256 ? std::string() : s;
}

Status write_file_durably(const fs::path& path, std::string_view data) {
    fs::path tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), std::streamsize(data.size()));
        out.flush();
        if (!out) return make_error(Errc::Io, "cannot write " + tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) return make_error(Errc::Io, "cannot rename " + tmp.string() + ": " + ec.message());
    return {};
}
}  // namespace

Result<std::unique_ptr<ContentUpdater>> ContentUpdater::create(PlatformSettings settings, ContentUpdateOptions options,
                                                              ContentImporter importer) {
    if (settings.content_public_key.empty()) return make_error(Errc::InvalidInput, "platform.content_public_key is not configured");
    if (auto key = base64_decode(settings.content_public_key); !key || key->size() != 32)
        return make_error(Errc::InvalidInput, "platform.content_public_key is not a base64 Ed25519 key");
    if (options.staging_dir.empty() || options.etag_file.empty()) return make_error(Errc::InvalidInput, "content update without staging dir");
    if (!importer) return make_error(Errc::InvalidInput, "content update without an importer");
    return std::unique_ptr<ContentUpdater>(new ContentUpdater(std::move(settings), std::move(options), std::move(importer)));
}

void ContentUpdater::forget_etag() {
    std::lock_guard lock(m_mutex);
    std::error_code ec;
    fs::remove(m_options.etag_file, ec);
}

Result<ContentUpdateResult> ContentUpdater::update() {
    std::lock_guard lock(m_mutex);
    auto r = update_locked();
    std::error_code ec;
    fs::remove_all(m_options.staging_dir, ec);  // never leave a half bundle behind
    if (!r) {
        LOG_WARN("content") << "update failed, content unchanged: " << r.error().message;
    }
    return r;
}

Result<ContentUpdateResult> ContentUpdater::update_locked() {
    auto client = TRY(PlatformClient::create(m_settings));
    std::string etag = read_small_file(m_options.etag_file);
    auto reply = TRY(client->manifest(etag));
    ContentUpdateResult out;
    if (reply.not_modified) return out;
    // The signature is checked over the exact bytes before anything in them is trusted.
    TRY(verify_signature(reply.body, reply.signature, m_settings.content_public_key));
    auto manifest = TRY(parse_manifest(reply.body));

    std::error_code ec;
    fs::remove_all(m_options.staging_dir, ec);
    fs::path bundle = fs::path(m_options.staging_dir) / "bundle";
    fs::create_directories(bundle, ec);
    if (ec) return make_error(Errc::Io, "cannot create " + bundle.string() + ": " + ec.message());
    size_t total = 0;
    for (const auto& f : manifest.files) {
        if (size_t(f.size) > m_options.max_file_size) return make_error(Errc::Rejected, "content file too large: " + f.path);
        total += size_t(f.size);
        if (total > m_options.max_total_size) return make_error(Errc::Rejected, "content bundle too large");
        auto data = TRY(client->content_file(f.path, size_t(f.size) + 1));
        if (data.size() != size_t(f.size))
            return make_error(Errc::Corrupt, "content file " + f.path + ": " + std::to_string(data.size()) + " bytes, manifest says " +
                                                 std::to_string(f.size));
        if (sha256_hex(data) != f.sha256) return make_error(Errc::Corrupt, "content file " + f.path + ": sha256 mismatch");
        fs::path dest = bundle / f.path;
        fs::create_directories(dest.parent_path(), ec);
        TRY(write_file_durably(dest, data));
    }
    TRY(write_file_durably(fs::path(m_options.staging_dir) / "manifest.json", reply.body));
    out.version = TRY(m_importer(bundle.string()));
    if (out.version.empty()) out.version = manifest.version;
    out.updated = true;
    out.files = manifest.files.size();
    out.bytes = total;
    if (!reply.etag.empty()) TRY(write_file_durably(m_options.etag_file, reply.etag));
    LOG_INFO("content") << "content " << out.version << " installed (" << out.files << " files)";
    return out;
}

}  // namespace kiosk::sync
