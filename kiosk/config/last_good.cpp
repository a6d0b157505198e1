// Last-known-good configuration: the kiosk keeps a copy of the last file it started on and falls back to it when a new one fails.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config.h"

namespace kiosk::config {

std::string last_good_path(const std::string& state_dir) { return state_dir + "/config.last-good.toml"; }

Status save_last_good(const std::string& config_path, const std::string& state_dir) {
    std::ifstream in(config_path, std::ios::binary);
    if (!in) return make_error(Errc::Io, config_path + ": cannot read");
    std::stringstream text;
    text << in.rdbuf();
    std::string bytes = text.str();
    std::string dest = last_good_path(state_dir);
    {
        std::ifstream old(dest, std::ios::binary);
        std::stringstream o;
        o << old.rdbuf();
        if (old && o.str() == bytes) return {};  // unchanged: no write on every start
    }
    // Written whole and synced before the rename: a power cut never leaves half a file as
    // the "good" one.
    std::string tmp = dest + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return make_error(Errc::Io, tmp + ": cannot write");
    bool ok = ::write(fd, bytes.data(), bytes.size()) == ssize_t(bytes.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || std::rename(tmp.c_str(), dest.c_str()) != 0) return make_error(Errc::Io, dest + ": cannot write");
    return {};
}

Result<KioskConfig> load_for_kiosk(const std::string& path, const std::vector<std::string>& overrides, const std::string& state_dir) {
    auto checked = [&](const std::string& p) -> Result<Config> {
        auto c = TRY(Config::load(p, overrides));
        if (!state_dir.empty()) c.set_state_dir(state_dir);
        TRY(check_for_kiosk(c));
        return c;
    };
    auto primary = checked(path);
    if (primary) return KioskConfig{std::move(primary.value())};
    std::string problem = primary.error().message;
    std::string lkg = last_good_path(state_dir.empty() ? Config::defaults().state_dir() : state_dir);
    std::error_code ec;
    if (!path.empty() && std::filesystem::is_regular_file(lkg, ec)) {
        auto fallback = checked(lkg);
        if (fallback) {
            KioskConfig k{std::move(fallback.value())};
            k.fallback = true;
            k.problem = problem;
            return k;
        }
        problem += "\n(the last good copy " + lkg + " fails too: " + fallback.error().message + ")";
    }
    return make_error(primary.error().code, problem);
}

}  // namespace kiosk::config
