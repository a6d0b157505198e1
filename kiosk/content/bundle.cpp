// verify_bundle / import_bundle / rollback: versions under the content root, switched by symlink rename.
#include "kiosk/content/bundle.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "base/sqlite_db.h"
#include "kiosk/content/content_data.h"
#include "kiosk/content/signing.h"

namespace fs = std::filesystem;

namespace kiosk::content {

namespace {

Error problems_error(const std::vector<BundleProblem>& problems) {
    std::string msg = std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems") + " in the bundle:";
    for (const auto& p : problems) msg += "\n" + to_string(p);
    return make_error(Errc::InvalidInput, msg);
}

BundleInfo info_of(const detail::ContentData& d, const std::string& dir) {
    BundleInfo i;
    i.version = d.version;
    i.dir = dir;
    i.departments = int(d.departments.size());
    i.items = int(d.items.size());
    i.forms = int(d.forms.size());
    i.notices = int(d.notices.size());
    i.has_map = d.has_map;
    i.warnings = d.warnings;
    return i;
}

/// Serialises imports and rollbacks between processes (the kiosk's sync thread, kioskctl).
class RootLock {
public:
    static Result<RootLock> take(const fs::path& root) {
        std::error_code ec;
        fs::create_directories(root / "versions", ec);
        if (ec) return make_error(Errc::Io, "cannot create " + (root / "versions").string() + ": " + ec.message());
        int fd = ::open((root / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return make_error(Errc::Io, "cannot open " + (root / ".lock").string());
        if (::flock(fd, LOCK_EX) != 0) {
            ::close(fd);
            return make_error(Errc::Io, "cannot lock " + (root / ".lock").string());
        }
        return RootLock(fd);
    }
    RootLock(RootLock&& o) noexcept : m_fd(o.m_fd) { o.m_fd = -1; }
    ~RootLock() {
        if (m_fd >= 0) ::close(m_fd);
    }

private:
    explicit RootLock(int fd) : m_fd(fd) {}
    int m_fd;
};

std::string link_target(const fs::path& link) {
    std::error_code ec;
    if (!fs::is_symlink(link, ec)) return {};
    return fs::read_symlink(link, ec).string();
}

/// Points `link` at `target` atomically: a new symlink renamed over the old one.
Status switch_link(const fs::path& link, const std::string& target) {
    fs::path tmp = link;
    tmp += ".new";
    std::error_code ec;
    fs::remove(tmp, ec);
    fs::create_directory_symlink(target, tmp, ec);
    if (ec) return make_error(Errc::Io, "cannot create symlink " + tmp.string() + ": " + ec.message());
    fs::rename(tmp, link, ec);  // rename(2): atomic replacement
    if (ec) return make_error(Errc::Io, "cannot switch " + link.string() + ": " + ec.message());
    int dfd = ::open(link.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

std::string utc_now_text() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

void prune_versions(const fs::path& root) {
    std::string keep1 = link_target(root / "current"), keep2 = link_target(root / "previous");
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root / "versions", ec)) {
        std::string rel = "versions/" + e.path().filename().string();
        if (rel == keep1 || rel == keep2) continue;
        fs::remove_all(e.path(), ec);
        if (ec) {
            LOG_WARN("content") << "cannot remove old version " << e.path().string() << ": " << ec.message();
        }
    }
}

void fsync_file(const fs::path& p) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

std::string content_root_for(const std::string& state_dir) { return (fs::path(state_dir) / "content").string(); }

Result<BundleInfo> verify_bundle(const std::string& dir, std::vector<BundleProblem>* out) {
    detail::ContentData data;
    std::vector<BundleProblem> problems;
    detail::parse_bundle(dir, data, problems);
    if (out) *out = problems;
    if (!problems.empty()) return problems_error(problems);
    return info_of(data, dir);
}

Result<BundleInfo> import_bundle(const std::string& dir, const std::string& content_root, const ImportPolicy& policy) {
    const fs::path root = fs::absolute(content_root);
    auto lock = TRY(RootLock::take(root));
    // Signature and version first, under the lock: nothing of an unsigned bundle is trusted,
    // and no other import can change the live version between the check and the switch.
    auto signer = TRY(check_import_allowed(dir, root.string(), policy));

    detail::ContentData data;
    std::vector<BundleProblem> problems;
    detail::parse_bundle(dir, data, problems);
    if (!problems.empty()) return problems_error(problems);
    std::mt19937_64 rng(std::random_device{}());
    std::string name = data.version + "-" + std::to_string(std::time(nullptr)) + "-" + std::to_string(rng() % 100000);
    const fs::path staging = root / "versions" / (".staging-" + name);
    const fs::path final_dir = root / "versions" / name;
    std::error_code ec;
    fs::remove_all(staging, ec);
    auto fail = [&](Error e) -> Result<BundleInfo> {
        std::error_code ec2;
        fs::remove_all(staging, ec2);
        return e;
    };
    fs::create_directories(staging, ec);
    if (ec) return fail(make_error(Errc::Io, "cannot create " + staging.string() + ": " + ec.message()));
    // Copy every file, then check the copies' hashes: the bundle folder may change under us.
    std::vector<std::string> files{"manifest.json", kSignatureFile};
    for (const auto& [f, hash] : data.files) files.push_back(f);
    for (const auto& f : files) {
        fs::create_directories((staging / f).parent_path(), ec);
        fs::copy_file(fs::path(dir) / f, staging / f, fs::copy_options::overwrite_existing, ec);
        if (ec) return fail(make_error(Errc::Io, "cannot copy " + f + ": " + ec.message()));
        fsync_file(staging / f);
        if (f != "manifest.json" && f != kSignatureFile && detail::sha256_file((staging / f).string()) != data.files[f])
            return fail(make_error(Errc::Corrupt, f + ": changed while being imported (sha256 differs)"));
    }
    // The copies are what will serve: their manifest must carry the same trusted signature.
    if (auto again = check_signature(staging.string(), policy.trusted_keys); !again || again->key != signer.key)
        return fail(again ? make_error(Errc::Corrupt, "manifest.sig: changed while being imported") : again.error());
    if (auto st = detail::write_content_db(data, (staging / "content.db").string()); !st)
        return fail(make_error(st.error().code, "building content.db: " + st.error().message));
    fsync_file(staging / "content.db");
    {
        nlohmann::json imported = {{"imported_at", utc_now_text()}, {"source", fs::absolute(dir).string()}, {"version", data.version},
                                   {"signed_by", signer.key}, {"actor", policy.actor}};
        std::ofstream o(staging / "imported.json");
        o << imported.dump(1) << "\n";
        if (!o) return fail(make_error(Errc::Io, "cannot write imported.json"));
    }
    fs::rename(staging, final_dir, ec);
    if (ec) return fail(make_error(Errc::Io, "cannot rename staging folder: " + ec.message()));

    std::string old = link_target(root / "current");
    if (!old.empty()) TRY(switch_link(root / "previous", old));
    TRY(switch_link(root / "current", "versions/" + name));
    prune_versions(root);
    LOG_INFO("content") << "imported content version " << data.version << " (" << data.items.size() << " items) into "
                        << final_dir.string();
    return info_of(data, final_dir.string());
}

Result<BundleInfo> rollback(const std::string& content_root) {
    const fs::path root = fs::absolute(content_root);
    auto lock = TRY(RootLock::take(root));
    std::string cur = link_target(root / "current"), prev = link_target(root / "previous");
    if (prev.empty() || !fs::is_directory(root / prev)) return make_error(Errc::NotFound, "no previous content version to roll back to");
    TRY(switch_link(root / "current", prev));
    if (!cur.empty()) TRY(switch_link(root / "previous", cur));
    auto st = TRY(content_status(root.string()));
    BundleInfo info;
    info.version = st.current_version;
    info.dir = st.current_dir;
    info.departments = st.departments;
    info.items = st.items;
    info.forms = st.forms;
    info.notices = st.notices;
    LOG_INFO("content") << "rolled back to content version " << info.version;
    return info;
}

Result<ContentStatus> content_status(const std::string& content_root) {
    const fs::path root = fs::absolute(content_root);
    ContentStatus s;
    auto version_of = [](const fs::path& dir) -> std::string {
        std::ifstream in(dir / "imported.json");
        if (!in) return {};
        try {
            return nlohmann::json::parse(in).value("version", "");
        } catch (...) {
            return {};
        }
    };
    std::string cur = link_target(root / "current"), prev = link_target(root / "previous");
    if (!prev.empty()) {
        s.previous_dir = (root / prev).string();
        s.previous_version = version_of(root / prev);
    }
    if (cur.empty()) return s;
    s.current_dir = (root / cur).string();
    s.current_version = version_of(root / cur);
    {
        std::ifstream in(root / cur / "imported.json");
        try {
            s.imported_at = nlohmann::json::parse(in).value("imported_at", "");
        } catch (...) {
        }
    }
    auto db = TRY(db::Database::open((root / cur / "content.db").string(), db::Durability::Normal));
    auto count = [&](const char* table) -> Result<int> {
        auto st = TRY(db.prepare(std::string("SELECT count(*) FROM ") + table));
        TRY(st.step());
        return int(st.int64(0));
    };
    s.departments = TRY(count("departments"));
    s.items = TRY(count("items"));
    s.forms = TRY(count("forms"));
    s.notices = TRY(count("notices"));
    return s;
}

}  // namespace kiosk::content
