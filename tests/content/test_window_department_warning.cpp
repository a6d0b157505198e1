// Issue 16: an item sent to a window of another department (居民身份证换领 → window 12 of 不动产登记中心) is warned about.
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
