// String catalogs are named after what they serve (a screen or a source folder), and every key a screen or widget names literally exists.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"
#include "temp_tree.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Phrase books read by path rather than through the shared key space: their keys are phrase
// names ("leg.turn"), not "<file>.*" (kiosk/wayfinding/directions.cpp loads them).
const std::set<std::string> kPhraseBooks = {"wayfinding"};

/// Catalog files whose name is not a screen (kiosk/screens/<name>_screen.cpp) or a source folder
/// (kiosk/<name>/), or that hold no top-level "<name>" object: named after a work package.
std::vector<std::string> misnamed_catalogs(const fs::path& root) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(root / "assets/strings")) {
        std::string file = e.path().filename().string();
        auto dot = file.find('.');
        std::string name = file.substr(0, dot);
        if (file.rfind(".json") != file.size() - 5) continue;
        if (file.find('.', dot + 1) == std::string::npos) continue;  // <lang>.json: shared keys
        bool serves = fs::exists(root / "kiosk/screens" / (name + "_screen.cpp")) || fs::is_directory(root / "kiosk" / name);
        auto j = nlohmann::json::parse(slurp(e.path()), nullptr, false);
        bool keyed = kPhraseBooks.count(name) || (j.is_object() && j.contains(name) && j[name].is_object());
        if (!serves || !keyed) out.push_back(file);
    }
    return out;
}

void flatten(const nlohmann::json& j, const std::string& prefix, std::set<std::string>& out) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (it->is_object()) flatten(*it, key, out);
        else out.insert(key);
    }
}

/// Every key of the English catalogs (same keys as zh-CN: test_strings checks), phrase books left out.
std::set<std::string> catalog_keys(const fs::path& root) {
    std::set<std::string> keys;
    for (const auto& e : fs::directory_iterator(root / "assets/strings")) {
        std::string file = e.path().filename().string();
        if (file != "en.json" && (file.size() < 8 || file.compare(file.size() - 8, 8, ".en.json") != 0)) continue;
        if (kPhraseBooks.count(file.substr(0, file.find('.')))) continue;
        auto j = nlohmann::json::parse(slurp(e.path()), nullptr, false);
        if (j.is_object()) flatten(j, "", keys);
    }
    return keys;
}

/// Literal keys in kiosk/screens and kiosk/ui that no catalog holds: the first argument of tr()/trf()
/// (both arms of a ?:) and literals assigned to a variable named *key. A literal followed by `+`
/// is a prefix ("case_status.state." + state) and must begin some key.
std::vector<std::string> unknown_keys(const fs::path& root) {
    auto keys = catalog_keys(root);
    std::set<std::string> spaces;
    for (const auto& k : keys) spaces.insert(k.substr(0, k.find('.')));
    static const std::regex call(R"(\btrf?\(([^;]*))"), assign(R"(key\w*\s*=\s*([^;]*))"),
        literal(R"re("([a-z_]+\.[a-z0-9_.]*)"\s*(\+)?)re");
    std::vector<std::string> out;
    for (const char* dir : {"kiosk/screens", "kiosk/ui"}) {
        if (!fs::is_directory(root / dir)) continue;
        for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
            if (e.path().extension() != ".cpp" && e.path().extension() != ".h") continue;
            std::string text = slurp(e.path());
            for (const auto* re : {&call, &assign}) {
                for (std::sregex_iterator m(text.begin(), text.end(), *re), end; m != end; ++m) {
                    std::string args = (*m)[1];
                    // tr(a ? "x" : "y"), trf("k", {{"n", v}}): stop at the first brace, where arguments of the text begin.
                    args = args.substr(0, args.find('{'));
                    for (std::sregex_iterator l(args.begin(), args.end(), literal); l != end; ++l) {
                        std::string k = (*l)[1];
                        if (!spaces.count(k.substr(0, k.find('.')))) continue;
                        bool prefix = (*l)[2].matched;
                        bool found = prefix ? keys.lower_bound(k) != keys.end() && keys.lower_bound(k)->rfind(k, 0) == 0 : keys.count(k) > 0;
                        if (!found) out.push_back(fs::relative(e.path(), root).string() + ": " + k);
                    }
                }
            }
        }
    }
    return out;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
}

}  // namespace

TEST_CASE("every string catalog is named after the screen or source folder it serves") {
    auto bad = misnamed_catalogs(KIOSK_SOURCE_DIR);
    CHECK_MESSAGE(bad.empty(), joined(bad));
}

TEST_CASE("every catalog key a screen or widget names literally exists in the catalogs") {
    auto bad = unknown_keys(KIOSK_SOURCE_DIR);
    CHECK_MESSAGE(bad.empty(), joined(bad));
}

TEST_CASE("the catalog checks catch a work-package name, a file without its key space and a renamed key") {
    kiosk::test::TempTree t{"kiosk-catalogs"};
    t.write("kiosk/screens/map_screen.cpp",
            "auto a = tr(\"map.search\");\nauto b = trf(ok ? \"map.gone\" : \"map.search\", {{\"floor\", \"map.x\"}});\n"
            "std::string key = \"map.state.\" + s;\nm_error_key = \"map.missing\";\nauto c = tr(\"map.nope.\" + s);\n");
    t.write("kiosk/sync/outbox.cpp", "");
    t.write("assets/strings/en.json", R"({"common": {"ok": "OK"}})");
    t.write("assets/strings/map.en.json", R"({"map": {"search": "Search", "state": {"ready": "Ready"}}})");
    t.write("assets/strings/mapui.en.json", R"({"mapui": {"zoom": "+"}})");
    t.write("assets/strings/sync.en.json", R"({"rating": {"title": "Rate"}})");
    auto names = misnamed_catalogs(t.path);
    CHECK(std::set<std::string>(names.begin(), names.end()) == std::set<std::string>{"mapui.en.json", "sync.en.json"});
    auto keys = unknown_keys(t.path);
    CHECK(std::set<std::string>(keys.begin(), keys.end()) ==
          std::set<std::string>{"kiosk/screens/map_screen.cpp: map.gone", "kiosk/screens/map_screen.cpp: map.missing",
                                "kiosk/screens/map_screen.cpp: map.nope."});
}
