// Fault (issue 12): the state directory was created 0755 and the databases 0644, readable by every user of the machine.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include "journey_rig.h"

using namespace kiosk::journeys::test;
namespace fs = std::filesystem;

namespace {
/// Every path under `root` (itself included) that other users or the group may read, write or enter.
std::vector<std::string> open_to_others(const std::string& root, int& files, int& dirs) {
    std::vector<std::string> out;
    auto check = [&](const fs::path& p) {
        struct stat st{};
        if (::lstat(p.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) return;
        S_ISDIR(st.st_mode) ? ++dirs : ++files;
        if (st.st_mode & 077) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%04o", unsigned(st.st_mode & 07777));
            out.push_back(p.string() + " " + mode);
        }
    };
    check(root);
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) check(it->path());
    return out;
}
}  // namespace

TEST_CASE("after a certificate journey the state dir is 0700 and every database and file in it is the kiosk user's alone") {
    // The umask a shell or a test runner usually has: the kiosk must not rely on it.
    mode_t old = ::umask(022);
    Rig rig;
    ::umask(old);
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    int rc = rig.run(std::string(kCertificatePrintSteps) + "wait-for \"请取走您的证明\" 30\n");
    INFO(rig.log());
    REQUIRE(rc == 0);
    int files = 0, dirs = 0;
    auto bad = open_to_others(rig.dir / "state", files, dirs);
    std::string list;
    for (const auto& b : bad) list += b + "\n";
    INFO("open to others:\n" << list);
    CHECK(fs::exists(rig.dir / "state/outbox.db"));  // the audit record of the print is in it
    CHECK(files >= 3);
    CHECK(bad.empty());
}

TEST_CASE("a state dir an older version left at 0755 is closed to other users at the next start") {
    Rig rig;
    REQUIRE(rig.platform);
    fs::create_directories(rig.dir / "state");
    ::chmod((rig.dir / "state").c_str(), 0755);
    int rc = rig.run("wait 1\n");
    INFO(rig.log());
    REQUIRE(rc == 0);
    struct stat st{};
    REQUIRE(::stat((rig.dir / "state").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
}
