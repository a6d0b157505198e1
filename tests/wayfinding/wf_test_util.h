// Shared helpers of the wayfinding tests: the demo hall, phrase books, a tiny hand-made map.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "kiosk/wayfinding/directions.h"
#include "kiosk/wayfinding/hall_map.h"

namespace wftest {

namespace wf = kiosk::wayfinding;

inline std::string assets_dir() { return std::string(KIOSK_SOURCE_DIR) + "/assets"; }

inline const wf::HallMap& demo_hall() {
    static wf::HallMap map = [] {
        std::vector<wf::MapProblem> problems;
        auto m = wf::load_hall_map(assets_dir() + "/content/map.json", problems);
        REQUIRE_MESSAGE(m.ok(), (m.ok() ? std::string() : m.error().message));
        return std::move(m).value();
    }();
    return map;
}

inline const wf::PhraseBook& phrases(const std::string& lang) {
    static std::map<std::string, wf::PhraseBook> books;
    auto it = books.find(lang);
    if (it == books.end()) {
        auto b = wf::PhraseBook::load_from_assets(assets_dir(), lang);
        REQUIRE_MESSAGE(b.ok(), (b.ok() ? std::string() : b.error().message));
        it = books.emplace(lang, std::move(b).value()).first;
    }
    return it->second;
}

inline wf::HallMap parse_ok(const nlohmann::json& doc) {
    std::vector<wf::MapProblem> problems;
    auto m = wf::parse_hall_map(doc, problems);
    for (const auto& p : problems) INFO(p.json_path << ": " << p.message);
    REQUIRE_MESSAGE(m.ok(), (m.ok() ? std::string() : m.error().message));
    return std::move(m).value();
}

/// One floor, an L of corridors: k(0,0) → a(0,10) → b(10,10) → c(10,20), plus d(-10,10).
inline nlohmann::json tiny_map() {
    return nlohmann::json::parse(R"({
      "floors": [{"id": "F1", "level": 1, "name": {"zh-CN": "1 楼", "en": "1F"},
                  "outline": [[-20,-5],[20,-5],[20,25],[-20,25]]}],
      "nodes": [{"id": "k", "floor": "F1", "at": [0,0]}, {"id": "a", "floor": "F1", "at": [0,10]},
                {"id": "b", "floor": "F1", "at": [10,10]}, {"id": "c", "floor": "F1", "at": [10,20]},
                {"id": "d", "floor": "F1", "at": [-10,10]}],
      "edges": [{"from": "k", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "a", "to": "d"}],
      "departments": [{"id": "tax", "name": {"zh-CN": "税务", "en": "Taxation"}}],
      "windows": [{"number": 3, "floor": "F1", "department": "tax", "node": "c",
                   "polygon": [[8,21],[12,21],[12,24],[8,24]]}],
      "pois": [{"id": "wc", "kind": "restroom", "floor": "F1", "node": "d", "name": {"zh-CN": "卫生间", "en": "restroom"}}],
      "rooms": [{"id": "hall", "floor": "F1", "name": "大厅", "polygon": [[-20,-5],[20,-5],[20,25],[-20,25]]}],
      "kiosks": [{"id": "kiosk", "node": "k", "facing_deg": 0}]
    })");
}

}  // namespace wftest
