// Shared by the handwriting tests: the content's characters by frequency and the outside strokes.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/input/handwriting.h"

namespace kiosk::test {

inline void count_han(const nlohmann::json& j, std::map<std::string, int>& freq) {
    if (j.is_string()) {
        const std::string s = j.get<std::string>();
        for (size_t i = 0; i < s.size();) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (len == 3 && i + 3 <= s.size()) {
                // U+4E00..U+9FFF: E4 B8 80 .. E9 BF BF
                unsigned char c0 = c;
                if (c0 >= 0xE4 && c0 <= 0xE9 && !(c0 == 0xE4 && static_cast<unsigned char>(s[i + 1]) < 0xB8))
                    ++freq[s.substr(i, 3)];
            }
            i += len;
        }
    } else if (j.is_array() || j.is_object()) {
        for (const auto& v : j) count_han(v, freq);
    }
}

/// Han characters of the demo content (service guide items, departments, hall, map, forms),
/// most frequent first (ties by code point).
inline std::vector<std::string> content_characters_by_frequency() {
    std::map<std::string, int> freq;
    for (const char* f : {"items.json", "departments.json", "hall.json", "map.json", "forms.json"}) {
        std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/assets/content/" + f);
        count_han(nlohmann::json::parse(in), freq);
    }
    std::vector<std::pair<int, std::string>> v;
    for (auto& [ch, n] : freq) v.push_back({-n, ch});
    std::sort(v.begin(), v.end());
    std::vector<std::string> out;
    for (auto& p : v) out.push_back(p.second);
    return out;
}

/// hanzi-writer-data medians (tests/data/handwriting), as a finger would draw them in a
/// `size`-pixel square pad at (x, y): 1024-unit box, y up (screen y = 900 - y).
/// `file`: medians.json (the content's characters) or heldout_medians.json (500 GB 2312 level-1
/// characters that are not in the content, to check that a change does not only fit the test).
inline std::map<std::string, std::vector<input::InkStroke>> outside_strokes(float x, float y, float size,
                                                                            const char* file = "medians.json") {
    std::ifstream in(std::string(KIOSK_TEST_DATA) + "/handwriting/" + file);
    auto j = nlohmann::json::parse(in);
    std::map<std::string, std::vector<input::InkStroke>> out;
    for (auto& [ch, strokes] : j.items()) {
        std::vector<input::InkStroke> ink;
        for (const auto& s : strokes) {
            input::InkStroke st;
            for (const auto& p : s)
                st.push_back({x + p[0].get<float>() * size / 1024, y + (900 - p[1].get<float>()) * size / 1024});
            ink.push_back(std::move(st));
        }
        out[ch] = std::move(ink);
    }
    return out;
}

/// All the content's characters in one string: the vocabulary the app gives the pad.
inline std::string content_vocabulary() {
    std::string v;
    for (auto& c : content_characters_by_frequency()) v += c;
    return v;
}

}  // namespace kiosk::test
