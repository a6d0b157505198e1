// The dependency rules of docs/architecture.md as code: which part may include which, checked on the sources' #include lines.
#pragma once

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace kiosk::test {

/// One #include that breaks a rule: the file (relative to the root), the included path and why.
struct IncludeViolation {
    std::string file, included, rule;
};

/// The part a path belongs to: "base", "drivers/printer", "kiosk/screens", … ("" outside them).
inline std::string part_of(const std::string& rel) {
    auto first = rel.find('/');
    if (first == std::string::npos) return "";
    std::string top = rel.substr(0, first);
    if (top == "base") return "base";
    if (top != "drivers" && top != "kiosk") return "";
    auto second = rel.find('/', first + 1);
    if (second == std::string::npos) return "";
    return rel.substr(0, second);
}

inline bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

/// Why `from` (a part) may not include `to` (a part), or "" when it may.
inline std::string rule_broken(const std::string& from, const std::string& to) {
    if (to.empty() || to == from) return "";
    if (from == "base") return "base includes nothing of the project";
    if (starts_with(from, "drivers/")) {
        if (starts_with(to, "kiosk/")) return "drivers never include kiosk/";
        if (to != "base" && to != "drivers/serial") return "a driver includes only base/, drivers/serial and itself";
        return "";
    }
    if (from == "kiosk/ui" && to != "base") return "ui knows no domain: it includes only base/";
    if (from == "kiosk/session" && to != "base") return "the session view includes only base/";
    if (from == "kiosk/screens") {
        if (starts_with(to, "drivers/")) return "screens never include drivers/ (the app classifies device output)";
        if (to == "kiosk/sync") return "screens never include kiosk/sync/ (they return intents)";
        if (to == "kiosk/app") return "screens never include the app's internals (they see ScreenContext)";
        return "";
    }
    if (from == "kiosk/content" || from == "kiosk/wayfinding" || from == "kiosk/config" || from == "kiosk/sync") {
        if (to == "kiosk/ui" || to == "kiosk/screens" || to == "kiosk/app" || to == "kiosk/session")
            return "content, wayfinding, config and sync know no widget, screen or app";
        if (starts_with(to, "drivers/")) return "only the app reaches the drivers";
    }
    return "";
}

/// Every rule broken by the .h/.cpp files under root/base, root/drivers and root/kiosk.
inline std::vector<IncludeViolation> check_includes(const std::filesystem::path& root) {
    namespace fs = std::filesystem;
    static const std::regex include_line(R"re(^\s*#\s*include\s*"([^"]+)")re");
    std::vector<IncludeViolation> out;
    for (const char* top : {"base", "drivers", "kiosk"}) {
        if (!fs::exists(root / top)) continue;
        for (const auto& e : fs::recursive_directory_iterator(root / top)) {
            if (!e.is_regular_file()) continue;
            auto ext = e.path().extension().string();
            if (ext != ".h" && ext != ".cpp") continue;
            std::string rel = fs::relative(e.path(), root).generic_string();
            std::string from = part_of(rel);
            std::ifstream in(e.path());
            std::string line;
            std::smatch m;
            while (std::getline(in, line)) {
                if (!std::regex_search(line, m, include_line)) continue;
                std::string inc = m[1];
                if (inc.find('/') == std::string::npos) continue;  // "result.h": the file's own folder
                std::string why = rule_broken(from, part_of(inc));
                if (!why.empty()) out.push_back({rel, inc, why});
            }
        }
    }
    return out;
}

}  // namespace kiosk::test
