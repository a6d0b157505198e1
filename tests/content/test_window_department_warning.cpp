// Issue 16: an item sent to a window of another department (居民身份证换领 → window 12 of 不动产登记中心) is warned about, and the platform demo's cases point to the right windows.
#include <cctype>

#include "signing_helpers.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

TEST_CASE("the demo hall is coherent: every item's window serves the item's department") {
    auto v = verify_bundle(committed_demo_bundle());
    REQUIRE(v.ok());
    std::string all;
    for (const auto& w : v->warnings) all += to_string(w) + "\n";
    CHECK_MESSAGE(v->warnings.empty(), all);
}

TEST_CASE("verify warns when 居民身份证换领 is sent to window 12 of 不动产登记中心, without blocking the import") {
    TempDir t;
    copy_demo(t.path / "b");
    auto items = read_json(t.path / "b/items.json");
    size_t at = 0;
    for (size_t i = 0; i < items["items"].size(); ++i)
        if (items["items"][i]["code"] == "GAJ-002") at = i;
    items["items"][at]["windows"] = {12};
    items["items"][at]["floor"] = 2;
    write_json(t.path / "b/items.json", items);
    refresh_manifest(t.path / "b");
    auto r = ctl(t.str(), "content verify " + (t.path / "b").string());
    CHECK_MESSAGE(r.code == 0, r.out);
    CHECK_MESSAGE(r.out.find("warning: items.json: items[" + std::to_string(at) +
                             "].windows: window 12 serves 不动产登记中心 (bdc), not 公安局 (gaj), the department of GAJ-002 居民身份证换领") !=
                      std::string::npos,
                  r.out);
    CHECK(r.out.find("OK with 1 warning(s)") != std::string::npos);
}

TEST_CASE("the platform demo's cases send citizens to a window of the department that handles their item, on its floor") {
    // The platform simulator's cases (assets/demo/platform/cases.json) are what 办件查询 shows:
    // a ready case must name a window that serves its item's department (issue 16: 居民身份证换领
    // was once sent to window 12 of 不动产登记中心), and its timeline must say the same window.
    auto cases = read_json(fs::path(KIOSK_SOURCE_DIR) / "assets/demo/platform/cases.json");
    auto items = read_json(fs::path(committed_demo_bundle()) / "items.json");
    auto map = read_json(fs::path(committed_demo_bundle()) / "map.json");
    int checked = 0;
    for (const auto& c : cases["cases"]) {
        if (!c.contains("window")) continue;
        std::string service = c["service"].get<std::string>();
        int window = std::stoi(c["window"].get<std::string>());
        CAPTURE(service);
        CAPTURE(window);
        const nlohmann::json* item = nullptr;
        for (const auto& i : items["items"])
            if (i["name"] == service) item = &i;
        REQUIRE_MESSAGE(item, "no demo item is named " << service);
        std::string dept = (*item)["department"].get<std::string>();
        bool serves = false;
        for (const auto& w : map["windows"])
            if (w["number"] == window)
                for (const auto& d : w["departments"]) serves |= d == dept;
        CHECK_MESSAGE(serves, "window " << window << " does not serve " << dept);
        if (item->contains("floor") && c.contains("floor")) CHECK(c["floor"] == (*item)["floor"]);
        for (const auto& step : c.value("timeline", nlohmann::json::array())) {
            std::string text = step.value("text", "");
            size_t at = text.find("号窗口");
            if (at == std::string::npos) continue;
            size_t from = at;
            while (from > 0 && std::isdigit(static_cast<unsigned char>(text[from - 1]))) --from;
            CHECK_MESSAGE(text.substr(from, at - from) == std::to_string(window), text);
        }
        ++checked;
    }
    CHECK(checked >= 1);
}
