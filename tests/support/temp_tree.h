// A scratch source tree in a temporary folder, for tests of checks that walk the tree.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "run_process.h"

namespace kiosk::test {

/// A temporary folder (removed with the object) to write a few files of a made-up tree into.
struct TempTree {
    explicit TempTree(const std::string& prefix) : dir(prefix), path(dir.path()) {}
    /// Writes `text` to `rel` inside the tree, creating its folders.
    void write(const std::string& rel, const std::string& text) const {
        std::filesystem::create_directories((path / rel).parent_path());
        std::ofstream(path / rel) << text;
    }
    TempDir dir;
    std::filesystem::path path;
};

}  // namespace kiosk::test
