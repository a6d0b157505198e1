// Pinyin input on the demo guide's real vocabulary: item names first for their full pinyin, initials, fuzzy pairs, bad input.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/content/pinyin.h"
#include "kiosk/input/pinyin.h"

namespace {

using kiosk::input::PinyinInput;

nlohmann::json content_json(const char* file) {
    std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/assets/content/" + file);
    return nlohmann::json::parse(in);
}

std::vector<std::string> item_names() {
    std::vector<std::string> out;
    auto items = content_json("items.json");  // kept: a range-for over a temporary's member dangles
    for (const auto& i : items["items"]) out.push_back(i["name"].get<std::string>());
    return out;
}

/// What the app primes with (kiosk/app/input_module.cpp collects the same from the live
/// content): item, department and life-event names, former names, the map's places and aliases.
std::vector<std::string> guide_vocabulary() {
    std::vector<std::string> v = item_names();
    auto items = content_json("items.json"), deps = content_json("departments.json");
    for (const auto& e : items["life_events"]) v.push_back(e["name"]);
    for (const auto& d : deps["departments"]) {
        v.push_back(d["name"]);
        if (d.contains("former_names"))
            for (const auto& f : d["former_names"]) v.push_back(f["name"]);
    }
    auto map = content_json("map.json");
    for (const char* k : {"departments", "rooms", "pois"})
        for (const auto& x : map[k]) {
            if (x.contains("name") && x["name"].contains("zh-CN")) v.push_back(x["name"]["zh-CN"]);
            if (x.contains("aliases"))
                for (const auto& a : x["aliases"]) v.push_back(a);
        }
    return v;
}

kiosk::input::ReadingsOf unihan() {
    auto src = kiosk::content::PinyinSource::shared();
    REQUIRE(bool(src));
    auto s = src.value();
    return [s](char32_t cp) { return s->readings(cp); };
}

PinyinInput& primed() {
    static std::unique_ptr<PinyinInput> p = [] {
        auto r = PinyinInput::create();
        REQUIRE_MESSAGE(bool(r), r.error().message);
        auto p = std::move(r.value());
        p->prime(guide_vocabulary(), unihan());
        return p;
    }();
    return *p;
}

std::string first(const std::string& letters) {
    auto c = primed().candidates(letters, 10);
    return c.empty() ? std::string("(none)") : c.front();
}

// The reading an item name uses where a character has several (Unihan lists 行 as hang and
// xing); everything else takes Unihan's first reading.
std::string full_pinyin(const std::string& run, const kiosk::input::ReadingsOf& readings) {
    static const std::map<char32_t, std::string> in_these_names = {
        {U'行', "xing"}, {U'重', "zhong"}, {U'长', "zhang"}, {U'乐', "le"}, {U'还', "huan"},
        {U'藏', "cang"}, {U'率', "lv"}, {U'曾', "ceng"}, {U'调', "tiao"}, {U'处', "chu"},
        {U'会', "hui"}, {U'发', "fa"}, {U'种', "zhong"}, {U'传', "chuan"}, {U'省', "sheng"},
        {U'参', "can"}, {U'提', "ti"}, {U'核', "he"}, {U'给', "ji"}, {U'为', "wei"},
        {U'系', "xi"}, {U'角', "jiao"}, {U'单', "dan"}, {U'期', "qi"}, {U'供', "gong"},
        {U'卡', "ka"}, {U'校', "xiao"}, {U'属', "shu"}, {U'数', "shu"}, {U'更', "geng"},
        {U'教', "jiao"}, {U'记', "ji"}, {U'地', "di"}, {U'和', "he"}, {U'的', "de"},
        {U'转', "zhuan"}, {U'场', "chang"}, {U'合', "he"}, {U'车', "che"}, {U'券', "quan"},
        {U'证', "zheng"}, {U'作', "zuo"}, {U'资', "zi"}, {U'营', "ying"}, {U'业', "ye"},
        {U'税', "shui"}, {U'所', "suo"}, {U'得', "de"}, {U'汇', "hui"}, {U'算', "suan"},
        {U'综', "zong"}, {U'缴', "jiao"}, {U'存', "cun"}, {U'宿', "su"}, {U'都', "du"},
        {U'便', "bian"}, {U'价', "jia"}, {U'着', "zhe"}, {U'露', "lu"}, {U'薄', "bao"},
    };
    std::string out;
    for (char32_t cp : kiosk::content::utf8_to_u32(run)) {
        auto it = in_these_names.find(cp);
        if (it != in_these_names.end()) {
            out += it->second;
            continue;
        }
        auto r = readings(cp);
        out += r.empty() ? "?" : r.front();
    }
    return out;
}

}  // namespace

TEST_CASE("every item name of the service guide is the first candidate for its full pinyin") {
    auto readings = unihan();
    int checked = 0;
    std::vector<std::string> wrong;
    for (const auto& name : item_names())
        for (const auto& run : kiosk::input::han_runs(name)) {
            if (kiosk::content::utf8_to_u32(run).size() < 2) continue;
            std::string py = full_pinyin(run, readings);
            ++checked;
            std::string got = first(py);
            if (got != run) wrong.push_back(run + " (" + py + ") → " + got);
        }
    std::string all;
    for (auto& w : wrong) all += "\n  " + w;
    CHECK(checked > 70);
    CHECK_MESSAGE(wrong.empty(), all);
}

TEST_CASE("initials find the guide's words first: sb is 社保, gjj is 公积金, bdc is 不动产") {
    CHECK(first("sb") == "社保");
    CHECK(first("gjj") == "公积金");
    CHECK(first("bdc") == "不动产");
    CHECK(first("gaj") == "公安局");
    CHECK(first("BDC") == "不动产");  // the keys send capitals
}

TEST_CASE("full pinyin of the guide's short words gives them first") {
    CHECK(first("shebao") == "社保");
    CHECK(first("gongjijin") == "公积金");
    CHECK(first("budongchan") == "不动产");
    CHECK(first("yibao") == "医保");
    CHECK(first("hukou") == "户口");
}

TEST_CASE("fuzzy pairs forgive z/zh, c/ch, s/sh, n/l and an/ang as southern speakers say them") {
    CHECK(first("sebao") == "社保");              // s for sh
    CHECK(first("gongjijing") == "公积金");       // ing for in
    CHECK(first("budongcan") == "不动产");        // c for ch
    CHECK(first("zufang") == "住房");             // z for zh
    auto c = primed().candidates("ninshi", 10);   // n for l: 临时
    CHECK(std::find(c.begin(), c.end(), "临时") != c.end());
    CHECK(first("zufanggongjijin") == "住房公积金");  // z for zh in a longer phrase
}

TEST_CASE("a phrase taken from a longer input leaves the rest of the letters to type on") {
    auto c = primed().candidates("shebaoka", 20);
    REQUIRE(!c.empty());
    CHECK(std::find(c.begin(), c.end(), "社保") != c.end());
    CHECK(primed().consumed("shebaoka", "社保") == 6);
    CHECK(primed().consumed("shebao", "社保") == 6);
    CHECK(primed().consumed("shebao", "不在候选里") == 0);
}

TEST_CASE("words the guide does not have still come from libpinyin's dictionary") {
    auto c = primed().candidates("xiexie", 10);
    REQUIRE(!c.empty());
    CHECK(c.front() == "谢谢");
}

TEST_CASE("anything but letters, too long an input or nothing gives no candidates and no crash") {
    CHECK(primed().candidates("", 10).empty());
    CHECK(primed().candidates("'''", 10).empty());
    CHECK(primed().candidates("she bao", 10).empty());
    CHECK(primed().candidates("社保", 10).empty());
    CHECK(primed().candidates(std::string("sh\0e", 4), 10).empty());
    CHECK(primed().candidates(std::string(PinyinInput::kMaxLetters + 1, 'a'), 10).empty());
    CHECK(!primed().candidates(std::string(PinyinInput::kMaxLetters, 'a'), 10).empty());
    CHECK(primed().consumed("", "社") == 0);
}

TEST_CASE("a missing dictionary folder is an error that names it") {
    auto r = PinyinInput::create("/nonexistent/libpinyin");
    REQUIRE(!bool(r));
    CHECK(r.error().message.find("/nonexistent/libpinyin") != std::string::npos);
}

TEST_CASE("the engine writes nothing typed: its private user folder holds only user.conf and goes with it") {
    (void)primed().candidates("shebao", 5);
    (void)primed().consumed("shebao", "社保");
    const std::string dir = primed().user_dir();
    REQUIRE(!dir.empty());
    CHECK((std::filesystem::status(dir).permissions() & std::filesystem::perms::others_all) == std::filesystem::perms::none);
    std::vector<std::string> files;
    for (const auto& f : std::filesystem::directory_iterator(dir)) files.push_back(f.path().filename().string());
    CHECK(files == std::vector<std::string>{"user.conf"});
    std::string conf;
    {
        std::ifstream in(dir + "/user.conf");
        conf.assign(std::istreambuf_iterator<char>(in), {});
    }
    CHECK(conf.find("binary format version:") == 0);
    {
        auto other = PinyinInput::create();
        REQUIRE(bool(other));
        std::string other_dir = other.value()->user_dir();
        CHECK(other_dir != dir);
        other.value().reset();
        CHECK(!std::filesystem::exists(other_dir));
    }
}
