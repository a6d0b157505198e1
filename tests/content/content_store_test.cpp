// The read API the UI calls: departments, items, forms with absolute paths, hall info, notices by time.
#include <doctest/doctest.h>

#include <poppler-document.h>
#include <poppler-page.h>

#include "content_fixture.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

namespace {
std::chrono::system_clock::time_point beijing(const std::string& ymd_hm) {
    int64_t s = 0;
    REQUIRE(detail::parse_beijing_time(ymd_hm, s));
    return std::chrono::system_clock::time_point(std::chrono::seconds(s));
}
struct Live {
    TempDir root;
    std::unique_ptr<ContentStore> store;
    Live() {
        auto r = import_bundle(demo_bundle(), root.str(), demo_policy());
        REQUIRE(r.ok());
        auto s = ContentStore::open(root.str());
        REQUIRE(s.ok());
        store = std::move(*s);
    }
};
}  // namespace

TEST_CASE("opening a content root with nothing imported is NotFound") {
    TempDir root;
    auto s = ContentStore::open(root.str());
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == kiosk::Errc::NotFound);
}

TEST_CASE("departments list current and former names with item counts") {
    Live live;
    auto deps = live.store->departments();
    REQUIRE(deps.ok());
    CHECK(deps->size() == 14);
    const Department* fire = nullptr;
    for (const auto& d : *deps)
        if (d.id == "xfj") fire = &d;
    REQUIRE(fire);
    CHECK(fire->name == "消防救援支队");
    REQUIRE(fire->former_names.size() == 1);
    CHECK(fire->former_names[0].name == "公安消防支队");
    CHECK(fire->former_names[0].until == "2018-10-09");
    CHECK(fire->item_count == 2);
}

TEST_CASE("item detail has materials, fee, payments, time limits, windows, floor and transfers") {
    Live live;
    auto it = live.store->item("GAJ-003");
    REQUIRE(it.ok());
    CHECK(it->name == "居民身份证补领");
    CHECK(it->fee_cny == doctest::Approx(40));
    CHECK(it->payments == (PayWeChat | PayAlipay | PayUnionPay | PayCash));
    CHECK(it->promised_days == 20);
    CHECK(it->legal_days == 60);
    CHECK(it->floor == 3);
    CHECK(it->windows == std::vector<int>{21, 22});
    REQUIRE(it->materials.size() == 2);
    CHECK(it->materials[0].name == "居民户口簿");
    CHECK(it->materials[0].originals == 1);
    CHECK(it->online_url.rfind("https://", 0) == 0);

    auto moved = live.store->item("ZJJ-001");
    REQUIRE(moved.ok());
    CHECK(moved->department_name == "住房和城乡建设局");
    REQUIRE(moved->transfers.size() == 1);
    CHECK(moved->transfers[0].from_department == "xfj");
    CHECK(moved->transfers[0].date == "2019-04-01");
    CHECK_FALSE(moved->faq.empty());

    auto none = live.store->item("NOPE");
    CHECK(none.error().code == kiosk::Errc::NotFound);
}

TEST_CASE("items by department and by life event") {
    Live live;
    auto bdc = live.store->items_by_department("bdc");
    REQUIRE(bdc.ok());
    CHECK(bdc->size() == 8);
    auto events = live.store->life_events();
    REQUIRE(events.ok());
    CHECK(events->size() == 11);
    auto marriage = live.store->items_by_life_event("marriage");
    REQUIRE(marriage.ok());
    REQUIRE(marriage->size() >= 3);
    CHECK((*marriage)[0].name == "内地居民结婚登记");  // most popular first
}

TEST_CASE("forms of an item are PDFs at absolute paths whose sha256 matches and which poppler opens") {
    Live live;
    auto forms = live.store->forms_of("BDC-002");
    REQUIRE(forms.ok());
    REQUIRE(forms->size() == 1);
    const Form& f = (*forms)[0];
    CHECK(f.title == "不动产登记申请书");
    CHECK(fs::path(f.path).is_absolute());
    CHECK(f.path.find(live.store->version_dir()) == 0);
    CHECK(detail::sha256_file(f.path) == f.sha256);
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(f.path));
    REQUIRE(doc);
    CHECK(doc->pages() == 1);
    auto title = doc->get_title().to_utf8();
    CHECK(std::string(title.begin(), title.end()) == "不动产登记申请书");
    std::unique_ptr<poppler::page> page(doc->create_page(0));
    auto text = page->text().to_utf8();
    // The page itself is Chinese (text, not only the title in the metadata).
    std::string page_text(text.begin(), text.end());
    CHECK(page_text.find("不动产登记申请书") != std::string::npos);
    CHECK(page_text.find("不动产坐落") != std::string::npos);
    CHECK(page_text.find("递交地点") != std::string::npos);
    CHECK(f.url == "https://zwfw.example.gov.cn/forms/f-bdc.pdf");
    CHECK(f.purpose.find("转移登记") != std::string::npos);
    CHECK(live.store->forms_of("GAJ-004")->empty());
}

TEST_CASE("hall info has 9:00-17:00 hours, the 24-hour zone, transport and nearby printing") {
    Live live;
    auto h = live.store->hall_info();
    REQUIRE(h.ok());
    CHECK(h->hours.open == "09:00");
    CHECK(h->hours.close == "17:00");
    CHECK(h->hours.weekdays == std::vector<int>{1, 2, 3, 4, 5});
    CHECK(h->self_service_hours.open == "00:00");
    CHECK(h->self_service_hours.close == "24:00");
    CHECK(h->self_service_hours.weekdays.size() == 7);
    CHECK(h->floors.size() == 4);
    CHECK(h->floors[1].first_window == 9);
    CHECK(h->floors[3].last_window == 30);
    CHECK(h->buses.size() >= 2);
    CHECK_FALSE(h->parking.empty());
    bool print = false;
    for (const auto& n : h->nearby) print = print || n.kind == "print";
    CHECK(print);
    CHECK_FALSE(live.store->map_path().empty());
}

TEST_CASE("notices are shown only between their start and end (Beijing time, injected)") {
    Live live;
    auto ids = [&](const std::string& when) {
        std::vector<std::string> out;
        auto notices = live.store->notices_at(beijing(when));  // keep the Result alive while iterating
        REQUIRE(notices.ok());
        for (const auto& n : *notices) out.push_back(n.id);
        return out;
    };
    CHECK(ids("2026-10-05 10:00") == std::vector<std::string>{"n-guoqing"});
    CHECK(ids("2026-10-08 23:59") == std::vector<std::string>{"n-guoqing"});
    CHECK(ids("2026-10-09 00:00").empty());  // end is exclusive
    CHECK(ids("2026-10-20 00:00") == std::vector<std::string>{"n-hours"});
    CHECK(ids("2026-11-20 10:00") == std::vector<std::string>{"n-hours"});
    CHECK(ids("2026-11-29 12:00") == std::vector<std::string>{"n-bdc-upgrade", "n-hours"});
    CHECK(ids("2026-11-30 08:00") == std::vector<std::string>{"n-hours"});  // end is exclusive
    CHECK(ids("2027-11-01 00:00").empty());
}

TEST_CASE("holiday changes are found by Beijing date") {
    Live live;
    auto h = live.store->holiday_at(beijing("2026-10-03 10:00"));
    REQUIRE(h.ok());
    REQUIRE(h->has_value());
    CHECK((*h)->closed);
    // 2026-10-08 23:30 Beijing is still inside; 16:30 UTC of the 8th is 00:30 on the 9th in Beijing.
    CHECK(live.store->holiday_at(beijing("2026-10-08 23:30"))->has_value());
    CHECK_FALSE(live.store->holiday_at(beijing("2026-10-09 00:30"))->has_value());
    auto half = live.store->holiday_at(beijing("2027-02-14 08:00"));
    REQUIRE(half->has_value());
    CHECK_FALSE((*half)->closed);
    CHECK((*half)->close == "12:00");
}

TEST_CASE("every demo form is a PDF poppler renders, with its Chinese title in the metadata") {
    Live live;
    auto& db = live.store->database();
    auto st = db.prepare("SELECT id, title FROM forms");
    REQUIRE(st.ok());
    int n = 0;
    while (st->step().value_or(false)) {
        ++n;
        std::string path = live.store->version_dir() + "/forms/" + st->text(0) + ".pdf";
        std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
        REQUIRE_MESSAGE(doc, path);
        CHECK_FALSE(doc->is_locked());
        auto title = doc->get_title().to_utf8();
        CHECK(std::string(title.begin(), title.end()) == st->text(1));
        std::unique_ptr<poppler::page> page(doc->create_page(0));
        REQUIRE(page);
        CHECK(page->page_rect().width() == doctest::Approx(595.28).epsilon(0.001));  // A4
    }
    CHECK(n == 7);
}
