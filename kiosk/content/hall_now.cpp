// hall_now(): window state and the 24-hour zone at a moment, from the hall's hours, holidays and zone.
#include "hall_now.h"

#include <algorithm>
#include <ctime>

#include "kiosk/content/beijing_time.h"

namespace kiosk::content {

namespace {
/// "09:00" → 540, "24:00" → 1440; -1 when malformed or empty (the parser has already refused
/// malformed ones; empty means "not given").
int minutes_of(const std::string& hhmm) {
    if (hhmm.size() != 5 || hhmm[2] != ':') return -1;
    for (size_t i : {0, 1, 3, 4})
        if (hhmm[i] < '0' || hhmm[i] > '9') return -1;
    int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0'), m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
    return h * 60 + m;
}

bool has_day(const OpeningHours& h, int weekday) {
    return std::find(h.weekdays.begin(), h.weekdays.end(), weekday) != h.weekdays.end();
}
}  // namespace

HallTime hall_time(std::chrono::system_clock::time_point t) {
    std::tm tm = beijing_tm(t);
    char date[40];  // room for any int the compiler imagines; real dates take 10
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return {date, tm.tm_wday == 0 ? 7 : tm.tm_wday, tm.tm_hour * 60 + tm.tm_min};
}

HallNow hall_now(const HallInfo& hall, const HallTime& at) {
    HallNow n;
    bool regular_day = has_day(hall.hours, at.weekday);
    bool serves_today = regular_day;
    n.open = hall.hours.open;
    n.close = hall.hours.close;
    const HolidayChange* holiday = nullptr;
    for (const auto& h : hall.holidays)
        if (h.from <= at.date && at.date <= h.to) holiday = &h;
    if (holiday) {
        n.holiday_note = holiday->note;
        serves_today = !holiday->closed;
        if (!holiday->closed) {
            n.open = holiday->open, n.close = holiday->close;
            n.makeup_workday = !regular_day;
        }
    }
    int open = minutes_of(n.open), close = minutes_of(n.close);
    if (!serves_today || open < 0 || close < 0) {
        n.windows = holiday && holiday->closed ? WindowsState::Holiday : WindowsState::RestDay;
        n.open.clear();
        n.close.clear();
    } else {
        // The lunch break counts only when it lies inside today's hours (a make-up day that
        // ends at 12:00 has none).
        int ls = minutes_of(hall.hours.lunch_start), le = minutes_of(hall.hours.lunch_end);
        bool lunch = ls >= 0 && le > ls && open < ls && le < close;
        if (lunch) n.lunch_start = hall.hours.lunch_start, n.lunch_end = hall.hours.lunch_end;
        if (at.minutes < open) n.windows = WindowsState::NotYetOpen;
        else if (at.minutes >= close) n.windows = WindowsState::Closed;
        else if (lunch && ls <= at.minutes && at.minutes < le) n.windows = WindowsState::LunchBreak;
        else {
            n.windows = WindowsState::Open;
            n.stops_for_lunch = lunch && at.minutes < ls;
            int stop = n.stops_for_lunch ? ls : close;
            n.stops_at = n.stops_for_lunch ? n.lunch_start : n.close;
            n.closing_soon = stop - at.minutes <= kClosingSoonMinutes;
        }
    }
    const OpeningHours& z = hall.self_service_hours;
    int zo = minutes_of(z.open), zc = minutes_of(z.close);
    if (zo >= 0 && zc >= 0 && has_day(z, at.weekday)) {
        n.zone_all_day = zo == 0 && zc == 24 * 60;
        n.zone_open = zo <= at.minutes && at.minutes < zc;
    }
    n.zone_services = hall.self_service_services;
    return n;
}

}  // namespace kiosk::content
