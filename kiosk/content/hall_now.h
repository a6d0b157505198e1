// What the hall offers at one moment (windows open or not, the 24-hour zone and its services), from its hours, holidays and zone: the home screen's "now" band.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "kiosk/content/model.h"

namespace kiosk::content {

/// The hall's calendar at a moment: Beijing time (UTC+8, no daylight saving time), whatever
/// the machine's time zone is; hall.json's hours and dates are written in it.
struct HallTime {
    std::string date;  ///< "2026-12-07"
    int weekday = 1;   ///< 1 = Monday … 7 = Sunday
    int minutes = 0;   ///< since 00:00
};
HallTime hall_time(std::chrono::system_clock::time_point t);

/// How long before the windows stop (lunch or the end of the day) the band says so. 30 minutes:
/// a citizen who arrives then still has to take a number and wait, and windows usually stop
/// calling numbers a little before they close; an hour would make half the afternoon "soon".
inline constexpr int kClosingSoonMinutes = 30;

enum class WindowsState {
    Open,        ///< the windows are serving now (see `closing_soon`)
    NotYetOpen,  ///< they serve today, later (`open`)
    LunchBreak,  ///< they are at lunch and serve again at `lunch_end`
    Closed,      ///< they served today and have closed
    RestDay,     ///< no window service today (a weekend)
    Holiday,     ///< a public holiday closes them (`holiday_note`)
};

struct HallNow {
    WindowsState windows = WindowsState::RestDay;
    std::string open, close;            ///< today's window hours when they serve today ("09:00", "17:00")
    std::string lunch_start, lunch_end; ///< today's lunch break, when the hours have one
    /// Open, and the windows stop within kClosingSoonMinutes: at `stops_at`, for lunch
    /// (`stops_for_lunch`) or for the day.
    bool closing_soon = false;
    bool stops_for_lunch = false;
    std::string stops_at;
    bool makeup_workday = false;        ///< a holiday entry opens the windows on a rest day (调休上班)
    std::string holiday_note;           ///< the holiday entry's note when today is in one
    bool zone_open = false;             ///< the 24-hour self-service zone is open now
    bool zone_all_day = false;          ///< it is open 00:00–24:00 today
    std::vector<std::string> zone_services;  ///< what the zone offers (hall.json self_service.services)
};

/// Pure: what holds at `at` in a hall. A holiday entry wins over the weekday (a closed one
/// closes a weekday, an open one, with its own hours, opens a weekend: 调休 working days).
/// The regular lunch break applies on any serving day when it falls inside that day's hours.
/// Holidays close the windows only; the zone keeps its own hours.
HallNow hall_now(const HallInfo& hall, const HallTime& at);

}  // namespace kiosk::content
