// pack_bundle: copy or generate the bundle's files, write the manifest, sign, verify.
#include "kiosk/content/pack.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/content/catalog.h"
#include "kiosk/content/content_data.h"
#include "kiosk/content/signing.h"

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace kiosk::content {

Status write_manifest(const std::string& dir, const std::string& version) {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::string rel = fs::relative(it->path(), dir).generic_string();
        if (rel != "manifest.json" && rel != kSignatureFile) names.push_back(rel);
    }
    if (ec) return make_error(Errc::Io, "cannot list " + dir + ": " + ec.message());
    std::sort(names.begin(), names.end());
    ordered_json m = {{"format", 1}, {"version", version}, {"files", ordered_json::array()}};
    for (const auto& n : names) {
        bool ok = false;
        std::string h = detail::sha256_file((fs::path(dir) / n).string(), &ok);
        if (!ok) return make_error(Errc::Io, n + ": cannot read");
        m["files"].push_back({{"path", n}, {"sha256", h}});
    }
    std::ofstream o(fs::path(dir) / "manifest.json", std::ios::binary | std::ios::trunc);
    o << m.dump(1) << "\n";
    if (!o) return make_error(Errc::Io, "manifest.json: cannot write in " + dir);
    return {};
}

namespace {
std::string version_of_folder(const fs::path& dir) {
    std::ifstream in(dir / "manifest.json");
    if (!in) return {};
    auto j = nlohmann::json::parse(in, nullptr, false);
    return j.is_object() && j.contains("version") && j["version"].is_string() ? j["version"].get<std::string>() : std::string();
}
}  // namespace

Result<BundleInfo> pack_bundle(const std::string& source, const std::string& out_dir, const std::string& secret_key_b64,
                               const PackOptions& options) {
    TRY(public_key_of(secret_key_b64));  // a bad key fails before anything is written
    std::error_code ec;
    if (fs::exists(out_dir, ec) && !fs::is_empty(out_dir, ec))
        return make_error(Errc::InvalidInput, out_dir + ": exists and is not empty (pack writes a new folder)");
    if (!fs::exists(source, ec)) return make_error(Errc::NotFound, source + ": no such folder or catalogue file");
    auto fail = [&](Error e) -> Result<BundleInfo> {
        std::error_code ec2;
        fs::remove_all(out_dir, ec2);
        return e;
    };
    std::string version = options.version;
    if (fs::is_directory(source)) {
        std::string src = fs::canonical(source, ec).string(), out = fs::weakly_canonical(out_dir, ec).string();
        if (out == src || out.rfind(src + "/", 0) == 0)
            return make_error(Errc::InvalidInput, out_dir + ": must not be inside the source folder");
        if (version.empty()) version = version_of_folder(source);
        if (version.empty()) return make_error(Errc::InvalidInput, source + ": no manifest.json version; give --version");
        fs::create_directories(out_dir, ec);
        for (auto it = fs::recursive_directory_iterator(source, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            std::string rel = fs::relative(it->path(), source).generic_string();
            if (rel == "manifest.json" || rel == kSignatureFile || !it->is_regular_file()) continue;
            fs::create_directories((fs::path(out_dir) / rel).parent_path(), ec);
            fs::copy_file(it->path(), fs::path(out_dir) / rel, fs::copy_options::overwrite_existing, ec);
            if (ec) return fail(make_error(Errc::Io, rel + ": cannot copy: " + ec.message()));
        }
        if (ec) return fail(make_error(Errc::Io, "cannot read " + source + ": " + ec.message()));
    } else {
        auto built = catalog_to_bundle(source, out_dir, options.hall_from);
        if (!built) return fail(built.error());
        if (version.empty()) version = built->version;
    }
    if (auto st = write_manifest(out_dir, version); !st) return fail(st.error());
    if (auto st = sign_bundle(out_dir, secret_key_b64); !st) return fail(st.error());
    auto info = verify_bundle(out_dir);
    if (!info) return fail(info.error());
    return info;
}

}  // namespace kiosk::content
