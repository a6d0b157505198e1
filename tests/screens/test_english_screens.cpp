// Issue 13 item 5: in English every screen's own words are English; Chinese shows only as whitelisted proper names or as content the hall published without English (the fallback rule, docs/content.md).
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "kiosk_run.h"

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string kRepo = std::string(KIOSK_TEST_DATA) + "/../..";

/// Chinese a screen may show in English mode, each with its reason.
const std::set<std::string> kWhitelist = {
    "中文",      // the language button: written for the reader who wants Chinese back
    "演示模式",  // the DEMO band is bilingual on purpose (it warns staff as well as citizens)
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

/// Every string value in the content bundle: what the hall published (Chinese where it gave
/// no English).
void collect(const nlohmann::json& j, std::vector<std::string>& out) {
    if (j.is_string()) out.push_back(j.get<std::string>());
    else if (j.is_array() || j.is_object())
        for (const auto& v : j) collect(v, out);
}

std::vector<std::string> content_strings() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(kRepo + "/assets/content"))
        if (e.path().extension() == ".json") collect(nlohmann::json::parse(read_file(e.path().string())), out);
    return out;
}

/// The Han runs of a dump that are neither whitelisted nor content published without English.
std::vector<std::string> leaks(const nlohmann::json& dump, const std::vector<std::string>& content) {
    std::vector<std::string> texts, out;
    for (const auto& w : dump["widgets"]) {
        texts.push_back(w.value("text", ""));
        if (w.contains("items"))
            for (const auto& i : w["items"]) texts.push_back(i.value("text", ""));
    }
    for (const auto& t : texts)
        for (const auto& run : han_runs(t)) {
            if (kWhitelist.count(run)) continue;
            bool from_content = false;
            for (const auto& c : content)
                if (c.find(run) != std::string::npos) {
                    from_content = true;
                    break;
                }
            if (!from_content) out.push_back(run + "  (in \"" + t + "\")");
        }
    return out;
}

}  // namespace

TEST_CASE("the han-run finder sees Chinese and Chinese punctuation and nothing else") {
    CHECK(han_runs("Notice: 工作时间调整公告").size() == 1);
    CHECK(han_runs("Print (1 page, free)").empty());
    CHECK(han_runs("窗口，a 楼").size() == 2);
}

TEST_CASE("every screen a citizen opens in English shows its own words in English") {
    TempDir dir;
    auto imported = run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config", kRepo + "/assets/demo/kiosk.toml",
                                 "--state-dir", dir / "state", "content", "import", kRepo + "/assets/content"});
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.output);
    const char* screens[][2] = {
        {"", "home"},
        {"Service guide", "guide"},
        {"Forms", "forms"},
        {"Floors & elevators", "map"},
        {"Hall info", "hall_info"},
        {"Rate our service", "rating"},
        {"Call staff", "call_staff"},
        {"Case status", "case_status"},
        {"Copy", "copy"},
        {"Certificates", "certificates"},
    };
    std::string script;
    for (const auto& s : screens) {
        if (*s[0]) script += "tap \"" + std::string(s[0]) + "\"\n";
        script += "expect-screen " + std::string(s[1]) + "\nscreenshot en-" + s[1] + "\ndump en-" + s[1] + "\n";
        if (*s[0]) script += "tap \"Home\"\n";
    }
    auto r = run_kiosk(dir, script, {"--set", "kiosk.language=en", "--start-time", "2026-12-05 10:10"});
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto content = content_strings();
    for (const auto& s : screens) {
        auto dump = nlohmann::json::parse(read_file(dir / ("shots/en-" + std::string(s[1]) + ".json")), nullptr, false);
        REQUIRE(dump.is_object());
        CHECK(dump.value("language", "") == "en");
        for (const auto& leak : leaks(dump, content)) {
            INFO("screen " << s[1]);
            FAIL_CHECK("Chinese that is neither content nor a whitelisted name: " << leak);
        }
    }
}
