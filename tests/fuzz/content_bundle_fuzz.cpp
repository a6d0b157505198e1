// libFuzzer target for the content bundle parser: one JSON file of the demo bundle (or its manifest) replaced by the input, with the manifest's sha256 kept right.
// Byte 0 picks the file; the rest is its new contents. The harness rewrites manifest.json
// with the new sha256, so the input reaches the file's parser instead of stopping at the hash
// check (signatures are checked before parsing and are not what this target is about).
#include <sodium.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/content/content_data.h"

namespace fs = std::filesystem;
using namespace kiosk::content;

namespace {
std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
void write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary | std::ios::trunc) << s; }

struct Bundle {
    fs::path dir;
    std::string manifest;
    Bundle() {
        dir = fs::temp_directory_path() / ("kiosk-fuzz-bundle-" + std::to_string(getpid()));
        fs::remove_all(dir);
        fs::copy(fs::path(KIOSK_SOURCE_DIR) / "assets/content", dir, fs::copy_options::recursive);
        manifest = read(dir / "manifest.json");
    }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static Bundle b;
    static const char* const kFiles[] = {"manifest.json", "departments.json", "items.json", "forms.json", "hall.json", "map.json"};
    if (size < 1) return 0;
    std::string name = kFiles[data[0] % 6];
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    std::string original = read(b.dir / name);
    write(b.dir / name, text);
    if (name != "manifest.json") {
        auto m = nlohmann::json::parse(b.manifest);
        for (auto& f : m["files"])
            if (f["path"] == name) f["sha256"] = detail::sha256_hex(text);
        write(b.dir / "manifest.json", m.dump(1));
    }
    detail::ContentData out;
    std::vector<BundleProblem> problems;
    detail::parse_bundle(b.dir.string(), out, problems);
    for (const auto& p : problems)
        if (p.file.empty() && p.message.empty()) std::abort();  // every problem names something
    write(b.dir / name, original);
    write(b.dir / "manifest.json", b.manifest);
    return 0;
}
