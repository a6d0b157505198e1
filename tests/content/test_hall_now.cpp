// Issue 16 item 3: what the hall offers at a moment (windows, holidays, the 24-hour zone), from the demo hall's own hall.json.
#include <doctest/doctest.h>

#include "content_fixture.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/hall_now.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

namespace {

/// The demo hall as the kiosk reads it: the committed bundle imported into a content store.
HallInfo demo_hall() {
    TempDir t;
    auto imported = import_bundle(committed_demo_bundle(), t.str() + "/content", demo_policy());
    REQUIRE_MESSAGE(imported.ok(), (imported.ok() ? "" : imported.error().message));
    auto store = ContentStore::open(t.str() + "/content");
    REQUIRE(store.ok());
    auto h = (*store)->hall_info();
    REQUIRE(h.ok());
    return *h;
}

/// "2026-12-07 22:10" Beijing time as the clock's time point.
std::chrono::system_clock::time_point beijing(const std::string& text) {
    int64_t s = 0;
    REQUIRE(detail::parse_beijing_time(text, s));
    return std::chrono::system_clock::time_point(std::chrono::seconds(s));
}

HallNow at(const HallInfo& h, const std::string& text) { return hall_now(h, hall_time(beijing(text))); }

}  // namespace

TEST_CASE("hall_time reads Beijing time whatever the machine's zone: 14:10 UTC on Monday is 22:10 Monday, 16:30 UTC is 00:30 Tuesday") {
    auto t = hall_time(beijing("2026-12-07 22:10"));
    CHECK(t.date == "2026-12-07");
    CHECK(t.weekday == 1);
    CHECK(t.minutes == 22 * 60 + 10);
    auto u = hall_time(beijing("2026-12-08 00:30"));
    CHECK(u.date == "2026-12-08");
    CHECK(u.weekday == 2);
    CHECK(u.minutes == 30);
}

TEST_CASE("the demo hall's 24-hour zone lists its services: certificates, case status, forms, copying") {
    auto h = demo_hall();
    CHECK(h.self_service_services == std::vector<std::string>{"certificates", "case_status", "forms", "copy"});
}

TEST_CASE("09:30 on a weekday: the windows are open and so is the 24-hour zone") {
    auto n = at(demo_hall(), "2026-12-07 09:30");
    CHECK(n.windows == WindowsState::Open);
    CHECK(n.open == "09:00");
    CHECK(n.close == "17:00");
    CHECK(n.zone_open);
    CHECK(n.zone_all_day);
}

TEST_CASE("07:30 on a weekday the windows open later today, and at 17:00 sharp they have closed") {
    auto h = demo_hall();
    auto early = at(h, "2026-12-08 07:30");
    CHECK(early.windows == WindowsState::NotYetOpen);
    CHECK(early.open == "09:00");
    CHECK(at(h, "2026-12-08 16:59").windows == WindowsState::Open);
    CHECK(at(h, "2026-12-08 17:00").windows == WindowsState::Closed);
}

TEST_CASE("22:10 on a weekday: the windows have closed, the 24-hour zone is open with its services") {
    auto n = at(demo_hall(), "2026-12-07 22:10");
    CHECK(n.windows == WindowsState::Closed);
    CHECK(n.zone_open);
    CHECK(n.zone_services.size() == 4);
}

TEST_CASE("a Saturday is a rest day for the windows, not a holiday, and the zone is open") {
    auto n = at(demo_hall(), "2026-12-05 10:00");
    CHECK(n.windows == WindowsState::RestDay);
    CHECK(n.holiday_note.empty());
    CHECK(n.zone_open);
}

TEST_CASE("New Year's Day (a Friday) is a public holiday: windows closed with the holiday's note, the zone open") {
    auto n = at(demo_hall(), "2027-01-01 10:00");
    CHECK(n.windows == WindowsState::Holiday);
    CHECK(n.holiday_note.find("元旦") != std::string::npos);
    CHECK(n.zone_open);
}

TEST_CASE("the working Sunday after Spring Festival opens the windows 09:00-12:00 only") {
    auto h = demo_hall();
    auto morning = at(h, "2027-02-14 10:00");
    CHECK(morning.windows == WindowsState::Open);
    CHECK(morning.close == "12:00");
    CHECK(at(h, "2027-02-14 13:00").windows == WindowsState::Closed);
    CHECK(at(h, "2027-02-21 10:00").windows == WindowsState::RestDay);  // the next Sunday: no
}

TEST_CASE("the windows are closing soon in the last 30 minutes of the day, not before") {
    auto h = demo_hall();
    auto a = at(h, "2026-12-07 16:29");
    CHECK(a.windows == WindowsState::Open);
    CHECK_FALSE(a.closing_soon);
    auto b = at(h, "2026-12-07 16:30");
    CHECK(b.closing_soon);
    CHECK_FALSE(b.stops_for_lunch);
    CHECK(b.stops_at == "17:00");
}

TEST_CASE("the make-up Sunday is flagged as one and a regular weekday is not") {
    auto h = demo_hall();
    CHECK(at(h, "2027-02-14 10:00").makeup_workday);
    CHECK(at(h, "2027-02-14 11:30").closing_soon);
    CHECK_FALSE(at(h, "2026-12-07 10:00").makeup_workday);
}

TEST_CASE("a hall with a lunch break 12:00-13:30: lunch soon at 11:50, at lunch at 12:30, open again at 13:30, closing at 17:20") {
    auto h = demo_hall();
    h.hours.close = "17:30";
    h.hours.lunch_start = "12:00";
    h.hours.lunch_end = "13:30";
    auto morning = at(h, "2026-12-07 09:30");
    CHECK(morning.windows == WindowsState::Open);
    CHECK(morning.lunch_start == "12:00");
    CHECK_FALSE(morning.closing_soon);
    auto before = at(h, "2026-12-07 11:50");
    CHECK(before.closing_soon);
    CHECK(before.stops_for_lunch);
    CHECK(before.stops_at == "12:00");
    CHECK(at(h, "2026-12-07 12:30").windows == WindowsState::LunchBreak);
    CHECK(at(h, "2026-12-07 13:30").windows == WindowsState::Open);
    auto late = at(h, "2026-12-07 17:20");
    CHECK(late.closing_soon);
    CHECK_FALSE(late.stops_for_lunch);
    CHECK(late.stops_at == "17:30");
    // The make-up Sunday ends at 12:00: no lunch break that day.
    auto sunday = at(h, "2027-02-14 11:50");
    CHECK(sunday.lunch_start.empty());
    CHECK_FALSE(sunday.stops_for_lunch);
    CHECK(sunday.stops_at == "12:00");
}

TEST_CASE("a zone that is not open all night is closed at 23:30 and says it is not all-day") {
    auto h = demo_hall();
    h.self_service_hours.open = "06:00";
    h.self_service_hours.close = "23:00";
    auto n = at(h, "2026-12-07 23:30");
    CHECK_FALSE(n.zone_open);
    CHECK_FALSE(n.zone_all_day);
    CHECK(at(h, "2026-12-07 22:10").zone_open);
}

TEST_CASE("a lunch break in hall.json survives import into content.db and back") {
    TempDir t;
    copy_demo(t.path / "b");
    auto hall = read_json(t.path / "b/hall.json");
    hall["hours"]["lunch_start"] = "12:00";
    hall["hours"]["lunch_end"] = "13:30";
    write_json(t.path / "b/hall.json", hall);
    refresh_manifest(t.path / "b");
    auto imported = import_bundle((t.path / "b").string(), t.str() + "/content", demo_policy());
    REQUIRE_MESSAGE(imported.ok(), (imported.ok() ? "" : imported.error().message));
    auto store = ContentStore::open(t.str() + "/content");
    REQUIRE(store.ok());
    auto h = (*store)->hall_info();
    REQUIRE(h.ok());
    CHECK(h->hours.lunch_start == "12:00");
    CHECK(h->hours.lunch_end == "13:30");
    CHECK(h->hours.close == "17:00");
    CHECK(at(*h, "2026-12-07 12:10").windows == WindowsState::LunchBreak);
}

TEST_CASE("verify refuses a lunch break outside the hours, half a lunch break, and a zone service that is not a name") {
    TempDir t;
    copy_demo(t.path / "b");
    auto hall = read_json(t.path / "b/hall.json");
    hall["hours"]["lunch_start"] = "18:00";
    hall["hours"]["lunch_end"] = "19:00";
    hall["self_service"]["services"] = {"copy", 7};
    write_json(t.path / "b/hall.json", hall);
    refresh_manifest(t.path / "b");
    std::vector<BundleProblem> ps;
    CHECK_FALSE(verify_bundle((t.path / "b").string(), &ps).ok());
    auto has = [&](const std::string& path, const std::string& text) {
        for (const auto& p : ps)
            if (p.file == "hall.json" && p.json_path == path && p.message.find(text) != std::string::npos) return true;
        return false;
    };
    CHECK(has("hours", "lunch break 18:00–19:00 is not inside 09:00–17:00"));
    CHECK(has("self_service.services[1]", "must be a non-empty string"));

    hall["hours"].erase("lunch_end");
    hall["self_service"]["services"] = {"copy"};
    write_json(t.path / "b/hall.json", hall);
    refresh_manifest(t.path / "b");
    ps.clear();
    CHECK_FALSE(verify_bundle((t.path / "b").string(), &ps).ok());
    CHECK(has("hours.lunch_end", "missing"));
}
