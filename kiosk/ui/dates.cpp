// Dates for people in the catalogs' language (dates.h).
#include "kiosk/ui/dates.h"

#include <cstdio>

namespace kiosk::ui {

std::string date_text(const Strings& s, const std::tm& tm, DateStyle style) {
    bool weekday = style == DateStyle::WeekdayDay || style == DateStyle::WeekdayDayTime;
    bool time = style == DateStyle::DayTime || style == DateStyle::WeekdayDayTime;
    int wday = tm.tm_wday >= 0 && tm.tm_wday <= 6 ? tm.tm_wday : 0;
    int mon = tm.tm_mon >= 0 && tm.tm_mon <= 11 ? tm.tm_mon : 0;
    std::string out = s.format(weekday ? "date.weekday_day" : "date.day",
                               {{"year", std::to_string(tm.tm_year + 1900)},
                                {"month", std::to_string(mon + 1)},
                                {"month_name", s.tr("date.month." + std::to_string(mon + 1))},
                                {"day", std::to_string(tm.tm_mday)},
                                {"weekday", s.tr("date.weekday." + std::to_string(wday))}});
    if (time) {
        char hm[8];
        std::snprintf(hm, sizeof hm, "%02d:%02d", tm.tm_hour % 100, tm.tm_min % 100);
        out += " ";
        out += hm;
    }
    return out;
}

std::optional<std::tm> parse_date(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    char tail = 0;
    int n = 0;
    if (text.size() == 10) {
        if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return std::nullopt;
    } else if (text.size() == 16) {
        if (std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d%n%c", &y, &mo, &d, &h, &mi, &n, &tail) != 5 || n != 16)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59) return std::nullopt;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    // The weekday from the calendar alone (UTC arithmetic, no time zone involved).
    std::tm probe = tm;
    probe.tm_hour = 12;
    std::time_t t = timegm(&probe);
    std::tm back{};
    gmtime_r(&t, &back);
    if (back.tm_mday != d) return std::nullopt;  // 2026-02-30
    tm.tm_wday = back.tm_wday;
    tm.tm_yday = back.tm_yday;
    return tm;
}

std::string date_text(const Strings& s, const std::string& content_date, DateStyle style) {
    auto tm = parse_date(content_date);
    if (!tm) return content_date;
    if (content_date.size() == 10) {
        if (style == DateStyle::DayTime) style = DateStyle::Day;
        if (style == DateStyle::WeekdayDayTime) style = DateStyle::WeekdayDay;
    }
    return date_text(s, *tm, style);
}

}  // namespace kiosk::ui
