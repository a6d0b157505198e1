// Dates and times for people: one helper, so every screen writes "2026年12月5日 星期六" and "Sat 5 Dec 2026", never "5/12".
#pragma once

#include <ctime>
#include <optional>
#include <string>

#include "kiosk/ui/strings.h"

namespace kiosk::ui {

/// What a date shows. The year is always written and the month by name in English, so a date
/// reads the same to a citizen from anywhere (5/12 is 5 December here and 12 May elsewhere).
enum class DateStyle {
    Day,              ///< 2026年12月5日 · 5 Dec 2026
    WeekdayDay,       ///< 2026年12月5日 星期六 · Sat 5 Dec 2026
    DayTime,          ///< 2026年12月5日 10:10 · 5 Dec 2026 10:10
    WeekdayDayTime,   ///< 2026年12月5日 星期六 10:10 · Sat 5 Dec 2026 10:10
};

/// `tm` (calendar fields already in the hall's time: content::beijing_tm) in the catalogs'
/// current language. The patterns are the catalog keys date.day and date.weekday_day, month
/// and weekday names date.month.N and date.weekday.N (0 = Sunday, as tm_wday).
std::string date_text(const Strings& s, const std::tm& tm, DateStyle style);

/// Calendar fields of "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (content writes dates so, in Beijing
/// time), with the weekday filled in; nothing for any other text.
std::optional<std::tm> parse_date(const std::string& text);

/// date_text of a content date ("2027-01-01", "2026-10-20 00:00"); the text as written when it
/// is not a date (better shown than lost).
std::string date_text(const Strings& s, const std::string& content_date, DateStyle style);

}  // namespace kiosk::ui
