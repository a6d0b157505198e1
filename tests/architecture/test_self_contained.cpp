// The tree stands on its own: no file refers to a folder beside it, and a clone with nothing beside it configures and builds.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "run_process.h"

namespace fs = std::filesystem;
using namespace kiosk::test;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Files of the tree that mention `needle`, skipping build output, .git and the demo's output.
std::vector<std::string> files_mentioning(const fs::path& root, const std::string& needle) {
    std::vector<std::string> out;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        std::string name = it->path().filename().string();
        if (it->is_directory() && (name == ".git" || name.rfind("build", 0) == 0 || name == "out")) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && slurp(it->path()).find(needle) != std::string::npos)
            out.push_back(fs::relative(it->path(), root).generic_string());
    }
    return out;
}

}  // namespace

// Built at run time so this file does not name the folder itself.
const std::string kBeside = std::string("..") + "/shared";

TEST_CASE("no file in the tree refers to the reference folder beside the project") {
    auto hits = files_mentioning(KIOSK_SOURCE_DIR, kBeside);
    for (const auto& f : hits) MESSAGE(f << " refers to " << kBeside);
    CHECK(hits.empty());
}

TEST_CASE("the reference-folder check finds a file that refers to it") {
    TempDir t("kiosk-beside");
    fs::create_directories(t / "tests/content");
    write_file(t / "tests/content/catalog_test.cpp", "auto f = \"" + kBeside + "/data/catalog.json\";\n");
    write_file(t / "README.md", "nothing here\n");
    auto hits = files_mentioning(t.path(), kBeside);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0] == "tests/content/catalog_test.cpp");
}

// What it checks: `git clone` of the repository at HEAD into an empty temporary folder (so
// nothing is beside it), `cmake` configures it (every find_package, every folder's
// CMakeLists, the test suite included), `kiosk_base` builds, and neither the generated build
// files nor any compile command name a path outside the clone other than system folders
// (/usr). A full `tools/dev test` in the clone would double the suite's time; this is the
// part that breaks when a file of the tree reaches outside it.
TEST_CASE("a clone at HEAD with nothing beside it configures and builds without reading outside itself") {
    const std::string src = KIOSK_SOURCE_DIR;
    auto head = run_process({"/usr/bin/git", "-C", src, "rev-parse", "HEAD"}, 30);
    REQUIRE_MESSAGE(head.exit_code == 0, "the source folder is not a git checkout: " << head.output);
    TempDir t("kiosk-clone");
    const std::string clone = t / "kiosk", build = t / "kiosk/build";
    auto c = run_process({"/usr/bin/git", "clone", "-q", "--no-hardlinks", src, clone}, 120);
    REQUIRE_MESSAGE(c.exit_code == 0, c.output);
    REQUIRE_FALSE(fs::exists(t / "shared"));
    auto cfg = run_process({"/usr/bin/cmake", "-S", clone, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=RelWithDebInfo"}, 300);
    REQUIRE_MESSAGE(cfg.exit_code == 0, cfg.output);
    auto b = run_process({"/usr/bin/cmake", "--build", build, "--target", "kiosk_base", "-j", "2"}, 600);
    REQUIRE_MESSAGE(b.exit_code == 0, b.output);
    CHECK(fs::exists(build + "/lib/libkiosk_base.a"));

    // The original checkout's path must appear nowhere in what the clone's build reads.
    for (const char* f : {"CMakeCache.txt", "build.ninja", "compile_commands.json"}) {
        std::string text = slurp(build + "/" + f);
        CHECK_MESSAGE(text.find(src + "/") == std::string::npos, f << " names the original checkout " << src);
    }
    // Every absolute path a compile command names is inside the clone or a system folder.
    std::string commands = slurp(build + "/compile_commands.json");
    static const std::regex abs_path(R"((?:^|[\s"=])(/[A-Za-z0-9_.+\-/]+))");
    size_t checked = 0;
    for (std::sregex_iterator it(commands.begin(), commands.end(), abs_path), end; it != end; ++it) {
        std::string p = (*it)[1];
        ++checked;
        bool inside = p.rfind(clone, 0) == 0 || p.rfind("/usr/", 0) == 0;
        CHECK_MESSAGE(inside, "a compile command reads " << p);
    }
    CHECK(checked > 0);
}
