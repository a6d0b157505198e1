// Issue 13 item 5: the service guide opens on the most-used items (the content's popularity ranking), not on an empty box.
#include <doctest/doctest.h>

#include <algorithm>

#include "kiosk_run.h"

using namespace kiosk::test;

namespace {

const std::string kRepo = std::string(KIOSK_TEST_DATA) + "/../..";

void import_demo(const TempDir& dir) {
    auto r = run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config", kRepo + "/assets/demo/kiosk.toml", "--state-dir",
                          dir / "state", "content", "import", kRepo + "/assets/content"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
}

/// The demo items' names, most popular first (what the content ranks).
std::vector<std::string> ranked_names() {
    auto items = nlohmann::json::parse(read_file(kRepo + "/assets/content/items.json"));
    std::vector<std::pair<int, std::string>> v;
    for (const auto& it : items["items"]) v.push_back({it.value("popularity", 0), it["name"].get<std::string>()});
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (const auto& [p, n] : v) out.push_back(n);
    return out;
}

std::vector<std::string> result_rows(const nlohmann::json& dump) {
    std::vector<std::string> out;
    for (const auto& w : dump["widgets"])
        if (w.value("id", "") == "results" && w.contains("items"))
            for (const auto& i : w["items"]) {  // a row's text is its title, then its subtitle
                std::string text = i.value("text", "");
                out.push_back(text.substr(0, text.find('\n')));
            }
    return out;
}

}  // namespace

TEST_CASE("the service guide opens with the most popular items listed, the most popular first, and one tap opens an item") {
    TempDir dir;
    import_demo(dir);
    auto ranked = ranked_names();
    REQUIRE(ranked.size() > 3);
    auto r = run_kiosk(dir, "tap \"办事指南\"\nexpect-screen guide\nexpect \"常办事项\"\nscreenshot guide-open\ndump open\ntap \"" +
                                ranked[0] + "\"\nexpect-screen item\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto rows = result_rows(nlohmann::json::parse(read_file(dir / "shots/open.json"), nullptr, false));
    REQUIRE(rows.size() >= 3);
    CHECK(rows[0] == ranked[0]);
    CHECK(rows[1] == ranked[1]);
    CHECK(rows[2] == ranked[2]);
}

TEST_CASE("typing replaces the most-used list with the search results, and clearing the field brings it back") {
    TempDir dir;
    import_demo(dir);
    auto ranked = ranked_names();
    auto r = run_kiosk(dir, "tap \"办事指南\"\ntype bdcdj\ndump typed\ntap \"删除\"\ntap \"删除\"\ntap \"删除\"\ntap \"删除\"\ntap \"删除\"\ndump cleared\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto typed = result_rows(nlohmann::json::parse(read_file(dir / "shots/typed.json"), nullptr, false));
    REQUIRE(!typed.empty());
    auto cleared = result_rows(nlohmann::json::parse(read_file(dir / "shots/cleared.json"), nullptr, false));
    REQUIRE(!cleared.empty());
    CHECK(cleared[0] == ranked[0]);
    CHECK(typed != cleared);  // the search's hits, not the most-used list
    CHECK(std::find(typed.begin(), typed.end(), ranked[0]) == typed.end());  // 居民身份证换领 is no bdcdj
}
