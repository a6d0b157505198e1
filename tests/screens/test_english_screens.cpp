// Issue 13 item 5: in English every screen shows English, content included (the demo content carries English for all it shows); content published without English falls back to the hall's Chinese, never a blank or an id (docs/content.md).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "screen_rig.h"

using namespace kiosk::screens::test;
namespace fs = std::filesystem;

namespace {

/// Chinese a screen may show in English mode, each with its reason. Nothing from the demo
/// content belongs here: it all has English (assets/content, assets/demo/platform).
const std::set<std::string> kWhitelist = {
    "中文",      // the language button: written for the reader who wants Chinese back
    "演示模式",  // the DEMO band is bilingual on purpose (it warns staff as well as citizens)
    // FIXME: 呼叫帮办 shows the kiosk's location as configured (kiosk.location = "1F 24小时自助区"
    // in assets/demo/kiosk.toml), which the staff read; the configuration has no English for it yet.
    "小时自助区",
};

/// Code points of the CJK blocks and CJK punctuation: what an English reader cannot read.
bool is_han(char32_t c) {
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20);
}

/// The runs of Han characters (with CJK punctuation) in UTF-8 `s`.
std::vector<std::string> han_runs(const std::string& s) {
    std::vector<std::string> runs;
    std::string cur;
    for (size_t i = 0; i < s.size();) {
        unsigned char u = static_cast<unsigned char>(s[i]);
        size_t len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
        char32_t c = len == 1 ? u : len == 2 ? (u & 0x1F) : len == 3 ? (u & 0x0F) : (u & 0x07);
        for (size_t k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        if (is_han(c)) {
            cur += s.substr(i, len);
        } else if (!cur.empty()) {
            runs.push_back(cur);
            cur.clear();
        }
        i += len;
    }
    if (!cur.empty()) runs.push_back(cur);
    return runs;
}

/// Every text of a dump: widgets, list rows, the map's place names.
std::vector<std::string> texts_of(const nlohmann::json& dump) {
    std::vector<std::string> texts;
    for (const auto& w : dump["widgets"]) {
        texts.push_back(w.value("text", ""));
        if (w.contains("items"))
            for (const auto& i : w["items"]) texts.push_back(i.value("text", ""));
    }
    return texts;
}

/// The Han runs of a dump that are not whitelisted. The cardholder's name as read from the card
/// (personal data, never translated) is not a leak on the identity check.
std::vector<std::string> leaks(const nlohmann::json& dump) {
    std::vector<std::string> out;
    for (const auto& t : texts_of(dump)) {
        if (t.rfind("Name: ", 0) == 0) continue;  // "Name: 王*试 / ID number: …": the citizen's own name from the card
        for (const auto& run : han_runs(t))
            if (!kWhitelist.count(run)) out.push_back(run + "  (in \"" + t + "\")");
    }
    return out;
}

bool shows(const nlohmann::json& dump, const std::string& text) {
    for (const auto& t : texts_of(dump))
        if (t.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("the han-run finder sees Chinese and Chinese punctuation and nothing else") {
    CHECK(han_runs("Notice: 工作时间调整公告").size() == 1);
    CHECK(han_runs("Print (1 page, free)").empty());
    CHECK(han_runs("窗口，a 楼").size() == 2);
}

TEST_CASE("every screen a citizen opens in English shows English, the demo content and the platform's answers included") {
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    import_content(rig);
    rig.extra = {"--set", "kiosk.language=en", "--start-time", "2026-12-05 10:10"};
    // Each screen, then the content-bearing states: the guide's most-used list and search
    // results, an item page, the route on the map, the hall's information and notices, a case
    // that needs material, the certificate list and one certificate.
    const char* steps[][2] = {
        {"", "home"},
        {"tap \"Service guide\"", "guide"},
        {"type sfz", "guide-search"},
        {"tap \"Resident ID card: renewal\"", "item"},
        {"tap \"Show me the way\"", "map-route"},
        {"tap \"Home\"\ntap \"Forms\"", "forms"},
        {"tap \"Home\"\ntap \"Floors & elevators\"", "map"},
        {"tap \"Home\"\ntap \"Hall info\"", "hall_info"},
        {"tap \"Home\"\ntap \"Rate our service\"", "rating"},
        {"tap \"Home\"\ntap \"Call staff\"", "call_staff"},
        {"tap \"Home\"\ntap \"Copy\"", "copy"},
        {"tap \"Home\"\ntap \"Case status\"", "case_status"},
        {"scan ZWCASE:1:SL20261101000777:M4X9\nwait-for \"Original home sale contract\" 10", "case-needs-material"},
        {"tap \"Home\"\ntap \"Certificates\"", "certificates"},
        {"card wang\nwait-for \"Please check that this is you\" 10", "certificates-identity"},
        {"tap \"This is me: find my certificates\"\nwait-for \"Social Insurance Participation Certificate\" 10", "certificates-list"},
    };
    std::string script;
    for (const auto& s : steps) {
        if (*s[0]) script += std::string(s[0]) + "\n";
        script += "screenshot en-" + std::string(s[1]) + "\ndump en-" + std::string(s[1]) + "\n";
    }
    int rc = rig.run(script, std::chrono::seconds(90));
    INFO(rig.log());
    REQUIRE(rc == 0);
    for (const auto& s : steps) {
        const std::string name = s[1];
        auto dump = shot_dump(rig, "en-" + name);
        INFO("screen " << name);
        REQUIRE(dump.is_object());
        CHECK(dump.value("language", "") == "en");
        for (const auto& leak : leaks(dump)) FAIL_CHECK("Chinese in English mode: " << leak);
    }
    // The content is there in English, not merely absent.
    CHECK(shows(shot_dump(rig, "en-guide-search"), "Resident ID card: renewal"));
    CHECK(shows(shot_dump(rig, "en-guide-search"), "Public Security Bureau"));
    CHECK(shows(shot_dump(rig, "en-item"), "Household register (hukou booklet)"));
    CHECK(shows(shot_dump(rig, "en-hall_info"), "Demonstration Government Service Centre"));
    CHECK(shows(shot_dump(rig, "en-hall_info"), "New opening hours"));
    CHECK(shows(shot_dump(rig, "en-case-needs-material"),
                "Transfer of land use rights and home ownership (buying a second-hand home)"));
    CHECK(shows(shot_dump(rig, "en-case-needs-material"), "More documents needed: the original home sale contract"));
    CHECK(shows(shot_dump(rig, "en-certificates-list"), "Demo City Human Resources and Social Security Bureau"));
}

TEST_CASE("content published without English shows the hall's Chinese in English mode, not a blank or a code") {
    Rig rig;
    REQUIRE(rig.platform);
    // The demo content with the English of one item, its department and the hall's name taken
    // out, packed and signed as a publisher would.
    const std::string src = std::string(KIOSK_SOURCE_DIR) + "/assets/content";
    const std::string folder = rig.dir / "no-english";
    fs::create_directories(folder);
    for (const char* f : {"departments.json", "items.json", "hall.json", "forms.json", "map.json"})
        fs::copy_file(src + "/" + f, folder + "/" + f);
    fs::copy(src + "/forms", folder + "/forms", fs::copy_options::recursive);
    auto edit = [&](const std::string& file, auto change) {
        auto j = nlohmann::json::parse(read_all(folder + "/" + file));
        change(j);
        std::ofstream(folder + "/" + file) << j.dump(1);
    };
    edit("items.json", [](nlohmann::json& j) {
        for (auto& it : j["items"])
            if (it["code"] == "GAJ-002") it.erase("name_en");
    });
    edit("departments.json", [](nlohmann::json& j) {
        for (auto& d : j["departments"])
            if (d["id"] == "gaj") d.erase("name_en");
    });
    edit("hall.json", [](nlohmann::json& j) { j.erase("name_en"); });
    const std::string key = rig.dir / "publisher.key";
    fs::copy_file(std::string(KIOSK_SOURCE_DIR) + "/assets/demo/publisher/demo-publisher.key", key);
    fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    const std::string kioskctl = std::string(KIOSK_BIN_DIR) + "/kioskctl";
    const std::string config = std::string(KIOSK_SOURCE_DIR) + "/assets/demo/kiosk.toml";
    auto packed = kiosk::test::run_process({kioskctl, "--config", config, "content", "pack", folder, "--key", key, "--out",
                                            rig.dir / "bundle", "--version", "2099.1-no-english"});
    REQUIRE_MESSAGE(packed.exit_code == 0, packed.output);
    auto imported = kiosk::test::run_process(
        {kioskctl, "--config", config, "--state-dir", rig.dir / "state", "content", "import", rig.dir / "bundle"});
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.output);

    rig.extra = {"--set", "kiosk.language=en", "--start-time", "2026-12-05 10:10"};
    int rc = rig.run(R"(
tap "Service guide"
type sfz
screenshot fallback-search
dump fallback-search
tap "居民身份证换领"
expect-screen item
screenshot fallback-item
dump fallback-item
tap "Home"
tap "Hall info"
screenshot fallback-hall
dump fallback-hall
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto search = shot_dump(rig, "fallback-search");
    CHECK(shows(search, "居民身份证换领"));                // the Chinese name, exactly as published
    CHECK(shows(search, "Resident ID card: first application"));  // its neighbours keep their English
    CHECK(shows(search, "公安局"));
    CHECK_FALSE(shows(search, "GAJ-002"));
    auto item = shot_dump(rig, "fallback-item");
    CHECK(shows(item, "居民身份证换领"));
    CHECK(shows(item, "Your current resident ID card"));
    CHECK(shows(shot_dump(rig, "fallback-hall"), "示范政务服务中心"));
    CHECK(shows(shot_dump(rig, "fallback-hall"), "88 Zhengwu Avenue"));
}
