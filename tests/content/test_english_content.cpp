// English content (issue 13 item 5): the bundle's *_en fields are checked, stored and read in English; where a text has none the hall's Chinese is read exactly.
#include <doctest/doctest.h>

#include "content_fixture.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

namespace {

std::unique_ptr<ContentStore> import_and_open(const fs::path& bundle, const fs::path& root) {
    auto r = import_bundle(bundle.string(), root.string(), demo_policy());
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    auto store = ContentStore::open(root.string());
    REQUIRE(store.ok());
    return std::move(store.value());
}

std::string problems_text(const std::vector<BundleProblem>& ps) {
    std::string s;
    for (const auto& p : ps) s += to_string(p) + "\n";
    return s;
}

bool has_han(const std::string& s) {
    for (size_t i = 0; i + 2 < s.size(); ++i) {
        auto u = static_cast<unsigned char>(s[i]);
        if (u >= 0xE3 && u <= 0xE9) return true;  // lead bytes of U+3000–U+9FFF
    }
    return false;
}

}  // namespace

TEST_CASE("the demo content read in English has English for every text a citizen sees") {
    TempDir root;
    auto store = import_and_open(demo_bundle(), root.path);
    store->set_language("en");
    auto deps = store->departments();
    REQUIRE(deps.ok());
    REQUIRE(deps->size() == 14);
    for (const auto& d : *deps) {
        CHECK_MESSAGE(!has_han(d.name), d.id << ": " << d.name);
        for (const auto& f : d.former_names) CHECK_MESSAGE(!has_han(f.name), f.name);
        auto items = store->items_by_department(d.id);
        REQUIRE(items.ok());
        for (const auto& s : *items) {
            CHECK_MESSAGE(!has_han(s.name), s.code << ": " << s.name);
            CHECK(s.department_name == d.name);
            auto it = store->item(s.code);
            REQUIRE(it.ok());
            CHECK_MESSAGE(!has_han(it->name + it->kind + it->fee_note + it->department_name), s.code);
            for (const auto& m : it->materials) CHECK_MESSAGE(!has_han(m.name + m.note), s.code << ": " << m.name);
            for (const auto& q : it->faq) CHECK_MESSAGE(!has_han(q.question + q.answer), s.code << ": " << q.question);
            for (const auto& t : it->transfers) CHECK_MESSAGE(!has_han(t.note), t.note);
            auto forms = store->forms_of(s.code);
            REQUIRE(forms.ok());
            for (const auto& f : *forms) CHECK_MESSAGE(!has_han(f.title + f.purpose), f.id);
        }
    }
    auto events = store->life_events();
    REQUIRE(events.ok());
    for (const auto& e : *events) CHECK_MESSAGE(!has_han(e.name), e.id << ": " << e.name);
    auto hall = store->hall_info();
    REQUIRE(hall.ok());
    CHECK(hall->name == "Demonstration Government Service Centre");
    std::string all = hall->name + hall->address + hall->parking + hall->self_service_location;
    for (const auto& f : hall->floors) all += f.name + f.description;
    for (const auto& h : hall->holidays) all += h.note;
    for (const auto& b : hall->buses) all += b.line + b.stop;
    for (const auto& n : hall->nearby) all += n.name + n.location + n.hours + n.note;
    CHECK_MESSAGE(!has_han(all), all);
    // Every notice, whenever it is shown.
    for (const char* when : {"2026-10-01 12:00", "2026-11-26 12:00", "2026-12-25 12:00"}) {
        int64_t t = 0;
        REQUIRE(detail::parse_beijing_time(when, t));
        auto notices = store->notices_at(std::chrono::system_clock::from_time_t(t));
        REQUIRE(notices.ok());
        CHECK(!notices->empty());
        for (const auto& n : *notices) CHECK_MESSAGE(!has_han(n.title + n.body), n.id);
    }
}

TEST_CASE("the same store reads the hall's Chinese again when the language is Chinese") {
    TempDir root;
    auto store = import_and_open(demo_bundle(), root.path);
    store->set_language("en");
    CHECK(store->item("GAJ-002")->name == "Resident ID card: renewal");
    store->set_language("zh-CN");
    CHECK(store->item("GAJ-002")->name == "居民身份证换领");
    CHECK(store->item("GAJ-002")->materials.front().name == "原居民身份证");
    CHECK(store->hall_info()->name == "示范政务服务中心");
}

TEST_CASE("a text published without English reads in the hall's Chinese, not blank and not an id") {
    TempDir t;
    copy_demo(t.path / "b");
    auto items = read_json(t.path / "b/items.json");
    REQUIRE(items["items"][1]["code"] == "GAJ-002");
    items["items"][1].erase("name_en");
    items["items"][1]["materials"][0].erase("name_en");
    items["life_events"][0].erase("name_en");
    write_json(t.path / "b/items.json", items);
    auto hall = read_json(t.path / "b/hall.json");
    hall.erase("name_en");
    hall["notices"][0].erase("title_en");
    write_json(t.path / "b/hall.json", hall);
    auto deps = read_json(t.path / "b/departments.json");
    REQUIRE(deps["departments"][0]["id"] == "gaj");
    deps["departments"][0].erase("name_en");
    write_json(t.path / "b/departments.json", deps);
    refresh_manifest(t.path / "b");

    TempDir root;
    auto store = import_and_open(t.path / "b", root.path);
    store->set_language("en");
    auto it = store->item("GAJ-002");
    REQUIRE(it.ok());
    CHECK(it->name == "居民身份证换领");
    CHECK(it->materials[0].name == "原居民身份证");
    CHECK(it->materials[1].name == "Household register (hukou booklet)");  // the rest stays English
    CHECK(it->department_name == "公安局");
    CHECK(store->life_events()->front().name == "生育收养");
    CHECK(store->hall_info()->name == "示范政务服务中心");
    CHECK(store->hall_info()->address == "88 Zhengwu Avenue, Xincheng District, Demonstration City");
    int64_t now = 0;
    REQUIRE(detail::parse_beijing_time("2026-12-05 10:00", now));
    auto notices = store->notices_at(std::chrono::system_clock::from_time_t(now));
    REQUIRE(notices.ok());
    bool seen = false;
    for (const auto& n : *notices)
        if (n.id == "n-hours") {
            seen = true;
            CHECK(n.title == "工作时间调整公告");
            CHECK(n.body.rfind("From 1 November 2026", 0) == 0);
        }
    CHECK(seen);
    // A search hit shown in English falls back the same way.
    ItemSummary hit{"GAJ-002", "居民身份证换领", "gaj", "公安局", 0};
    CHECK(store->localized(hit).name == "居民身份证换领");
    CHECK(store->localized({"GAJ-001", "居民身份证首次申领", "gaj", "公安局", 0}).name == "Resident ID card: first application");
}

TEST_CASE("an English field of the wrong type or empty is refused naming the file and the entry") {
    TempDir t;
    copy_demo(t.path / "b");
    auto items = read_json(t.path / "b/items.json");
    items["items"][3]["name_en"] = 42;
    items["items"][4]["materials"][1]["note_en"] = nlohmann::json::array({"x"});
    items["life_events"][2]["name_en"] = "";
    write_json(t.path / "b/items.json", items);
    auto hall = read_json(t.path / "b/hall.json");
    hall["notices"][1]["body_en"] = true;
    hall["floors"][0]["name_en"] = "   ";
    write_json(t.path / "b/hall.json", hall);
    auto forms = read_json(t.path / "b/forms.json");
    forms["forms"][0]["title_en"] = nlohmann::json::object();
    write_json(t.path / "b/forms.json", forms);
    refresh_manifest(t.path / "b");
    std::vector<BundleProblem> problems;
    CHECK_FALSE(verify_bundle((t.path / "b").string(), &problems).ok());
    auto has = [&](const std::string& line) {
        for (const auto& p : problems)
            if (to_string(p).find(line) != std::string::npos) return true;
        return false;
    };
    INFO(problems_text(problems));
    CHECK(has("items.json: items[3].name_en: must be a string (the English text), not number"));
    CHECK(has("items.json: items[4].materials[1].note_en: must be a string (the English text), not array"));
    CHECK(has("items.json: life_events[2].name_en: must not be empty"));
    CHECK(has("hall.json: notices[1].body_en: must be a string (the English text), not boolean"));
    CHECK(has("hall.json: floors[0].name_en: must not be empty"));
    CHECK(has("forms.json: forms[0].title_en: must be a string (the English text), not object"));
    CHECK(problems.size() == 6);
}

TEST_CASE("a content database written before English existed reads in Chinese in English mode") {
    TempDir root;
    auto store = import_and_open(demo_bundle(), root.path);
    std::string dir = store->version_dir();
    REQUIRE(store->database().exec("DROP TABLE english").ok());
    store.reset();
    auto old = ContentStore::open_version(dir);
    REQUIRE(old.ok());
    old.value()->set_language("en");
    CHECK(old.value()->item("GAJ-002")->name == "居民身份证换领");
    CHECK(old.value()->hall_info()->name == "示范政务服务中心");
}
