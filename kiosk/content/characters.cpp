// Counts the Han characters of a content version's JSON files (for the handwriting pad's vocabulary).
#include "kiosk/content/characters.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

namespace kiosk::content {

namespace {

void count_han(const nlohmann::json& j, std::map<std::string, int>& freq) {
    if (j.is_string()) {
        const std::string& s = j.get_ref<const std::string&>();
        for (size_t i = 0; i < s.size();) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (i + len > s.size()) break;
            // U+4E00..U+9FFF is E4 B8 80 .. E9 BF BF in UTF-8.
            if (len == 3 && c >= 0xE4 && c <= 0xE9 && !(c == 0xE4 && static_cast<unsigned char>(s[i + 1]) < 0xB8))
                ++freq[s.substr(i, 3)];
            i += len;
        }
    } else if (j.is_array() || j.is_object()) {
        for (const auto& v : j) count_han(v, freq);
    }
}

}  // namespace

Result<std::string> han_characters_of_version(const std::string& version_dir) {
    std::map<std::string, int> freq;
    for (const char* name : {"items.json", "departments.json", "hall.json", "map.json", "forms.json"}) {
        std::filesystem::path p = std::filesystem::path(version_dir) / name;
        std::ifstream in(p);
        if (!in) continue;
        auto j = nlohmann::json::parse(in, nullptr, false);
        if (j.is_discarded()) return make_error(Errc::Corrupt, p.string() + ": not JSON");
        count_han(j, freq);
    }
    std::vector<std::pair<int, std::string>> order;
    for (auto& [ch, n] : freq) order.push_back({-n, ch});
    std::sort(order.begin(), order.end());
    std::string out;
    for (auto& [n, ch] : order) out += ch;
    return out;
}

}  // namespace kiosk::content
