// Issue 13 item 5: dates read the same to everyone, in both languages: 2026年12月5日 星期六 and "Sat 5 Dec 2026", never "5/12".
#include <doctest/doctest.h>

#include <set>

#include "kiosk/ui/dates.h"

using namespace kiosk::ui;

namespace {

Strings catalogs(const std::string& lang) {
    auto s = Strings::load(std::string(KIOSK_TEST_DATA) + "/../../assets/strings", {"zh-CN", "en"});
    REQUIRE(s);
    s->set_language(lang);
    return std::move(*s);
}

/// Saturday 5 December 2026, 10:10 in the hall's time.
std::tm saturday() {
    auto tm = parse_date("2026-12-05 10:10");
    REQUIRE(tm);
    return *tm;
}

}  // namespace

TEST_CASE("a Chinese date names the year, the month, the day and the weekday in full") {
    auto s = catalogs("zh-CN");
    CHECK(date_text(s, saturday(), DateStyle::Day) == "2026年12月5日");
    CHECK(date_text(s, saturday(), DateStyle::WeekdayDay) == "2026年12月5日 星期六");
    CHECK(date_text(s, saturday(), DateStyle::WeekdayDayTime) == "2026年12月5日 星期六 10:10");
    CHECK(date_text(s, saturday(), DateStyle::DayTime) == "2026年12月5日 10:10");
}

TEST_CASE("an English date puts the day before the month's name and never writes 5/12") {
    auto s = catalogs("en");
    CHECK(date_text(s, saturday(), DateStyle::Day) == "5 Dec 2026");
    CHECK(date_text(s, saturday(), DateStyle::WeekdayDay) == "Sat 5 Dec 2026");
    CHECK(date_text(s, saturday(), DateStyle::WeekdayDayTime) == "Sat 5 Dec 2026 10:10");
    CHECK(date_text(s, saturday(), DateStyle::DayTime) == "5 Dec 2026 10:10");
    CHECK(date_text(s, saturday(), DateStyle::WeekdayDayTime).find('/') == std::string::npos);
}

TEST_CASE("every month and weekday has its own name in both languages") {
    for (const char* lang : {"zh-CN", "en"}) {
        auto s = catalogs(lang);
        std::set<std::string> months, days;
        for (int m = 1; m <= 12; ++m) {
            auto tm = parse_date("2027-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + "-01");
            REQUIRE(tm);
            months.insert(date_text(s, *tm, DateStyle::Day));
        }
        for (int d = 1; d <= 7; ++d) {
            auto tm = parse_date("2026-12-0" + std::to_string(d));
            REQUIRE(tm);
            std::string text = date_text(s, *tm, DateStyle::WeekdayDay);
            CHECK(text.find("⟦") == std::string::npos);
            days.insert(text);
        }
        CHECK(months.size() == 12);
        CHECK(days.size() == 7);
    }
    // 2027-01-01 was a Friday: the weekday comes from the calendar.
    auto en = catalogs("en");
    CHECK(date_text(en, "2027-01-01", DateStyle::WeekdayDay) == "Fri 1 Jan 2027");
}

TEST_CASE("content dates are written the same way, and text that is not a date stays as written") {
    auto zh = catalogs("zh-CN");
    auto en = catalogs("en");
    CHECK(date_text(zh, "2027-01-03", DateStyle::Day) == "2027年1月3日");
    CHECK(date_text(en, "2026-10-20 00:00", DateStyle::DayTime) == "20 Oct 2026 00:00");
    // A day without a time asked for with its time: the day alone, no invented 00:00.
    CHECK(date_text(en, "2019-04-01", DateStyle::DayTime) == "1 Apr 2019");
    CHECK(date_text(en, "长期有效", DateStyle::Day) == "长期有效");
    CHECK(!parse_date("2026-02-30"));
    CHECK(!parse_date("2026-13-01"));
    CHECK(!parse_date("2026-12-05x"));
    CHECK(!parse_date(""));
}
