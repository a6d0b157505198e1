// Map checks: every problem reported with its JSON path; warnings do not reject a map.
#include <cstdio>
#include <fstream>

#include "wf_test_util.h"

using namespace wftest;
using Severity = wf::MapProblem::Severity;

namespace {

std::vector<wf::MapProblem> problems_of(const nlohmann::json& doc, bool expect_ok) {
    std::vector<wf::MapProblem> problems;
    auto m = wf::parse_hall_map(doc, problems);
    CHECK(m.ok() == expect_ok);
    if (!m.ok()) CHECK(m.error().code == kiosk::Errc::InvalidInput);
    return problems;
}

bool has(const std::vector<wf::MapProblem>& ps, const std::string& path, const std::string& words,
         Severity sev = Severity::Error) {
    for (const auto& p : ps)
        if (p.json_path == path && p.message.find(words) != std::string::npos && p.severity == sev) return true;
    for (const auto& p : ps) MESSAGE(p.json_path << ": " << p.message);
    return false;
}

}  // namespace

TEST_CASE("the demo hall parses without errors or warnings and has 4 floors and windows 1 to 30") {
    std::vector<wf::MapProblem> problems;
    auto m = wf::load_hall_map(assets_dir() + "/content/map.json", problems);
    REQUIRE(m.ok());
    CHECK(problems.empty());
    CHECK(m->floors.size() == 4);
    for (int n = 1; n <= 30; ++n) {
        const wf::Window* w = m->find_window(n);
        REQUIRE_MESSAGE(w, "window " << n);
        int expected_floor = n <= 8 ? 0 : n <= 16 ? 1 : n <= 24 ? 2 : 3;
        CHECK(w->floor == static_cast<size_t>(expected_floor));
        REQUIRE_FALSE(w->departments.empty());
        for (const auto& d : w->departments) CHECK(m->find_department(d));
    }
    CHECK(m->find_window(31) == nullptr);
}

TEST_CASE("the demo hall's elevator on floor 1 stands behind the service desk") {
    const auto& m = demo_hall();
    const wf::Poi* desk = m.find_poi("F1-service-desk");
    const wf::Poi* lift = m.find_poi("F1-elevator");
    const wf::Poi* entrance = m.find_poi("F1-main-exit");
    REQUIRE(desk);
    REQUIRE(lift);
    REQUIRE(entrance);
    // Entrance, desk and elevator in one line from the south: the desk hides the elevator.
    CHECK(desk->at.y > entrance->at.y);
    CHECK(lift->at.y > desk->at.y);
    CHECK(std::abs(lift->at.x - desk->at.x) < 1.0);
}

TEST_CASE("a dangling edge is reported at the edge's from or to path") {
    auto doc = tiny_map();
    doc["edges"].push_back({{"from", "a"}, {"to", "nowhere"}});
    auto ps = problems_of(doc, false);
    CHECK(has(ps, "edges[4].to", "unknown node 'nowhere'"));
}

TEST_CASE("an unknown floor is reported for nodes, windows and POIs") {
    auto doc = tiny_map();
    doc["nodes"][4]["floor"] = "F9";
    doc["windows"][0]["floor"] = "F7";
    auto ps = problems_of(doc, false);
    CHECK(has(ps, "nodes[4].floor", "unknown floor 'F9'"));
    CHECK(has(ps, "windows[0].floor", "unknown floor 'F7'"));
    // The edge to the dropped node and the POI on it are reported too, not silently kept.
    CHECK(has(ps, "edges[3].to", "unknown node 'd'"));
    CHECK(has(ps, "pois[0].node", "unknown node 'd'"));
}

TEST_CASE("a polygon with fewer than 3 points is reported at its path") {
    auto doc = tiny_map();
    doc["windows"][0]["polygon"] = nlohmann::json::parse("[[0,0],[1,1]]");
    doc["floors"][0]["outline"] = nlohmann::json::parse("[[0,0],[1,\"x\"],[2,2]]");
    auto ps = problems_of(doc, false);
    CHECK(has(ps, "windows[0].polygon", "at least 3 points"));
    CHECK(has(ps, "floors[0].outline[1]", "[x, y]"));
    CHECK(has(ps, "floors[0].outline", "at least 3 points (has 2)"));
}

TEST_CASE("duplicate ids and duplicate window numbers are reported") {
    auto doc = tiny_map();
    doc["nodes"].push_back({{"id", "a"}, {"floor", "F1"}, {"at", {1, 1}}});
    doc["pois"].push_back(doc["pois"][0]);
    doc["windows"].push_back(doc["windows"][0]);
    doc["floors"].push_back(doc["floors"][0]);
    auto ps = problems_of(doc, false);
    CHECK(has(ps, "nodes[5].id", "duplicate node id 'a'"));
    CHECK(has(ps, "pois[1].id", "duplicate POI id 'wc'"));
    CHECK(has(ps, "windows[1].number", "duplicate window number 3"));
    CHECK(has(ps, "floors[1].id", "duplicate floor id 'F1'"));
}

TEST_CASE("a window without number and one with an unknown department are reported") {
    auto doc = tiny_map();
    doc["windows"][0].erase("number");
    doc["windows"][0]["department"] = "nope";
    auto ps = problems_of(doc, false);
    CHECK(has(ps, "windows[0].number", "window without number"));
    CHECK(has(ps, "windows[0].department", "unknown department 'nope'"));
}

TEST_CASE("a walk edge between floors and a stairs edge on one floor are reported") {
    auto doc = tiny_map();
    doc["floors"].push_back({{"id", "F2"}, {"level", 2}, {"name", "2 楼"}, {"outline", {{0, 0}, {1, 0}, {1, 1}}}});
    doc["nodes"].push_back({{"id", "up"}, {"floor", "F2"}, {"at", {0, 0}}});
    doc["edges"].push_back({{"from", "k"}, {"to", "up"}});
    doc["edges"].push_back({{"from", "a"}, {"to", "b"}, {"kind", "stairs"}});
    doc["edges"].push_back({{"from", "a"}, {"to", "b"}, {"kind", "teleport"}});
    auto ps = problems_of(doc, false);
    CHECK(has(ps, "edges[4]", "must stay on one floor"));
    CHECK(has(ps, "edges[5]", "must join two floors"));
    CHECK(has(ps, "edges[6].kind", "unknown edge kind 'teleport'"));
}

TEST_CASE("a POI nobody can reach from the kiosk is a warning and the map is still accepted") {
    auto doc = tiny_map();
    doc["nodes"].push_back({{"id", "island"}, {"floor", "F1"}, {"at", {15, 0}}});
    doc["pois"].push_back({{"id", "lost-exit"}, {"kind", "exit"}, {"floor", "F1"}, {"node", "island"}});
    auto ps = problems_of(doc, true);
    CHECK(has(ps, "pois[1]", "cannot be reached", Severity::Warning));
}

TEST_CASE("every problem is collected, not only the first") {
    auto doc = tiny_map();
    doc["edges"][0]["to"] = "x1";
    doc["edges"][1]["from"] = "x2";
    doc["pois"][0]["kind"] = "fountain";
    doc["route_url"] = "http://plain.example/route";
    auto ps = problems_of(doc, false);
    CHECK(has(ps, "edges[0].to", "unknown node 'x1'"));
    CHECK(has(ps, "edges[1].from", "unknown node 'x2'"));
    CHECK(has(ps, "pois[0].kind", "unknown POI kind 'fountain'"));
    CHECK(has(ps, "route_url", "https://"));
}

TEST_CASE("a document that is not an object, or has no floors, is rejected with a path") {
    std::vector<wf::MapProblem> ps;
    CHECK_FALSE(wf::parse_hall_map(nlohmann::json::array(), ps).ok());
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].json_path == "");
    ps.clear();
    CHECK_FALSE(wf::parse_hall_map(nlohmann::json::object(), ps).ok());
    CHECK(has(ps, "floors", "missing array 'floors'"));
    CHECK(has(ps, "nodes", "missing array 'nodes'"));
}

TEST_CASE("load_hall_map reports a file that is not JSON") {
    std::string path = std::string(KIOSK_BIN_DIR) + "/../tests/not-json-map.json";
    { std::ofstream(path) << "{ floors: oops"; }
    std::vector<wf::MapProblem> ps;
    auto m = wf::load_hall_map(path, ps);
    CHECK_FALSE(m.ok());
    CHECK(m.error().code == kiosk::Errc::InvalidInput);
    CHECK(ps.size() == 1);
    std::remove(path.c_str());
    CHECK(wf::load_hall_map("nonexistent.map.json", ps).error().code == kiosk::Errc::NotFound);
}

TEST_CASE("the kiosk position comes from the config node and facing, else the map's first kiosk spot") {
    auto m = parse_ok(tiny_map());
    m.kiosks[0].facing_deg = 90;
    auto def = wf::kiosk_position(m, "", 0.0);
    REQUIRE(def.ok());
    CHECK(m.nodes[def->node].id == "k");
    CHECK(def->facing_deg == doctest::Approx(90));
    auto by_spot = wf::kiosk_position(m, "kiosk", 270.0);
    REQUIRE(by_spot.ok());
    CHECK(by_spot->facing_deg == doctest::Approx(270));
    auto north = wf::kiosk_position(m, "kiosk", 360.0);
    CHECK(north->facing_deg == doctest::Approx(0));
    auto by_node = wf::kiosk_position(m, "b", -90.0);
    REQUIRE(by_node.ok());
    CHECK(m.nodes[by_node->node].id == "b");
    CHECK(by_node->facing_deg == doctest::Approx(270));
    auto bad = wf::kiosk_position(m, "nowhere", 0.0);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == kiosk::Errc::NotFound);
    CHECK(bad.error().message.find("nowhere") != std::string::npos);
}
