// Hall information: opening hours (and the 24-hour self-service zone), holiday changes, notices
// valid now, floors, transport, and nearby printing and copying.
#include <optional>

#include "kiosk/content/content_store.h"
#include "kiosk/ui/dates.h"
#include "kiosk/screens/guide_util.h"

namespace kiosk::screens {
namespace {

class HallInfoScreen final : public guide::ContentScreen {
public:
    HallInfoScreen(ScreenContext& c, const std::map<std::string, std::string>&) : ContentScreen(c) {}
    const char* name() const override { return "hall_info"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        int top = add_header(tr("service.hall_info"));
        auto store = guide::store(m_ctx);
        auto hall = store ? store->hall_info() : Result<content::HallInfo>(make_error(Errc::NotFound, ""));
        if (!hall) return add_no_content(top);
        const auto& s = m_ctx.strings();
        auto now = m_ctx.clock().wall_now();
        m_day = content::beijing_date(now);

        auto* v = add<ui::ScrollView>();
        v->bounds = {0, top, t.width, t.height - guide::banner_reserve(m_ctx) - top};
        v->id = "hall-info";
        int gap = t.px(24);
        // Two columns in landscape: hours and notices left, the rest right.
        bool wide = t.landscape();
        int col_w = wide ? (t.width - 3 * m) / 2 : t.width - 2 * m;
        int x = m, y = top + gap;
        y = guide::scroll_text(*v, m_ctx, hall->name, x, y, col_w, t.title(), t.text, ui::Weight::Bold);
        std::string contact = hall->address;
        if (!hall->phone.empty()) contact += (contact.empty() ? "" : "  ·  ") + trf("guide.phone", {{"phone", hall->phone}});
        if (!contact.empty()) y = guide::scroll_text(*v, m_ctx, contact, x, y + t.px(8), col_w, t.small(), t.muted);
        y += gap;

        // Today first: what a citizen standing here wants to know.
        y = section(*v, tr("guide.hours"), x, y, col_w);
        auto holiday = store->holiday_at(now);
        if (holiday && *holiday) {
            const auto& h = **holiday;
            std::string today = h.closed ? tr("guide.today_closed")
                                         : trf("guide.today_hours", {{"hours", guide::hours_range(h.open, h.close)}});
            y = guide::scroll_text(*v, m_ctx, today, x, y, col_w, t.body(), t.error_text, ui::Weight::Bold);
            if (!h.note.empty()) y = guide::scroll_text(*v, m_ctx, h.note, x, y, col_w, t.body(), t.text);
            y += t.px(12);
        }
        std::string lunch = hall->hours.lunch_start.empty()
                                ? ""
                                : trf("guide.lunch_break", {{"hours", guide::hours_range(hall->hours.lunch_start, hall->hours.lunch_end)}});
        y = fact(*v, tr("guide.windows_hours"),
                 guide::weekdays_text(s, hall->hours.weekdays) + " " + guide::hours_range(hall->hours.open, hall->hours.close) + lunch,
                 x, y, col_w);
        if (!hall->self_service_hours.open.empty()) {
            bool all_day = hall->self_service_hours.open == "00:00" && hall->self_service_hours.close == "24:00";
            std::string when = all_day ? tr("guide.open_24h")
                                       : guide::weekdays_text(s, hall->self_service_hours.weekdays) + " " +
                                             guide::hours_range(hall->self_service_hours.open, hall->self_service_hours.close);
            y = fact(*v, tr("guide.self_service"), when + (hall->self_service_location.empty() ? "" : "\n" + hall->self_service_location),
                     x, y, col_w);
        }
        // Holiday changes from today on.
        std::vector<content::HolidayChange> coming;
        for (const auto& h : hall->holidays)
            if (h.to >= m_day) coming.push_back(h);
        if (!coming.empty()) {
            y = guide::scroll_text(*v, m_ctx, tr("guide.holidays"), x, y + t.px(8), col_w, t.body(), t.text, ui::Weight::Bold);
            for (const auto& h : coming) {
                std::string from = ui::date_text(m_ctx.strings(), h.from, ui::DateStyle::Day);
                std::string range = h.from == h.to ? from : from + " – " + ui::date_text(m_ctx.strings(), h.to, ui::DateStyle::Day);
                std::string what = h.closed ? tr("guide.closed") : guide::hours_range(h.open, h.close);
                y = guide::scroll_text(*v, m_ctx, range + "  " + what, x, y + t.px(6), col_w, t.body(), t.text);
                if (!h.note.empty()) y = guide::scroll_text(*v, m_ctx, h.note, x + t.px(24), y, col_w - t.px(24), t.small(), t.muted);
            }
        }
        y += gap;

        y = section(*v, tr("guide.notices"), x, y, col_w);
        auto notices = store->notices_at(now);
        if (!notices || notices->empty()) y = guide::scroll_text(*v, m_ctx, tr("guide.no_notices"), x, y, col_w, t.body(), t.muted);
        else
            for (const auto& n : *notices) {
                y = guide::scroll_text(*v, m_ctx, n.title, x, y, col_w, t.body(), t.text, ui::Weight::Bold);
                if (!n.body.empty()) y = guide::scroll_text(*v, m_ctx, n.body, x, y + t.px(4), col_w, t.body(), t.text);
                y = guide::scroll_text(*v, m_ctx, trf("guide.notice_valid", {{"start", ui::date_text(m_ctx.strings(), n.start, ui::DateStyle::DayTime)},
                                                                           {"end", ui::date_text(m_ctx.strings(), n.end, ui::DateStyle::DayTime)}}), x,
                                       y + t.px(4), col_w, t.small(), t.muted) + gap;
            }
        int left_bottom = y;
        if (wide) {
            x = 2 * m + col_w;
            y = top + gap;
        } else {
            y += gap;
        }

        if (!hall->floors.empty()) {
            y = section(*v, tr("guide.floors"), x, y, col_w);
            for (const auto& f : hall->floors) {
                std::string label = f.name.empty() ? trf("guide.floor", {{"n", std::to_string(f.floor)}}) : f.name;
                std::string windows = f.first_window > 0 ? trf("guide.window_range", {{"from", std::to_string(f.first_window)},
                                                                                       {"to", std::to_string(f.last_window)}})
                                                         : "";
                y = fact(*v, label, windows + (f.description.empty() ? "" : (windows.empty() ? "" : "\n") + f.description), x, y, col_w);
            }
            y += gap;
        }
        if (!hall->buses.empty() || !hall->parking.empty()) {
            y = section(*v, tr("guide.transport"), x, y, col_w);
            for (const auto& b : hall->buses)
                y = fact(*v, b.line, trf("guide.bus_stop", {{"stop", b.stop}, {"minutes", std::to_string(b.walk_minutes)}}), x, y, col_w);
            if (!hall->parking.empty()) y = fact(*v, tr("guide.parking"), hall->parking, x, y, col_w);
            y += gap;
        }
        if (!hall->nearby.empty()) {
            y = section(*v, tr("guide.nearby"), x, y, col_w);
            for (const auto& n : hall->nearby) {
                std::string kind_key = "guide.nearby_" + n.kind;
                std::string kind = s.has(kind_key) ? tr(kind_key) : tr("guide.nearby_other");
                y = guide::scroll_text(*v, m_ctx, kind + "  " + n.name, x, y, col_w, t.body(), t.text, ui::Weight::Bold);
                std::string detail = n.location;
                if (!n.hours.empty()) detail += (detail.empty() ? "" : "  ·  ") + n.hours;
                if (!n.note.empty()) detail += (detail.empty() ? "" : "\n") + n.note;
                if (!detail.empty()) y = guide::scroll_text(*v, m_ctx, detail, x, y + t.px(4), col_w, t.small(), t.muted);
                y += gap;
            }
        }
        v->set_content_bottom(std::max(y, left_bottom) + gap);
    }

    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::ContentChanged || e.kind == AppEvent::Kind::PrinterStatus) invalidate();
    }
    void on_tick(Clock::time_point now) override {
        // Notices and holidays change with the date; look once a minute at most. The pace is
        // steady time (a wall clock stepped back would stop the checks); the date is wall time.
        if (m_checked && now - *m_checked < std::chrono::minutes(1)) return;
        m_checked = now;
        if (!m_day.empty() && content::beijing_date(m_ctx.clock().wall_now()) != m_day) invalidate();
    }

private:
    int section(ui::ScrollView& v, const std::string& title, int x, int y, int w) {
        return guide::section_heading(v, m_ctx, title, x, y, w);
    }
    /// "label   value" with the value wrapped beside the label.
    int fact(ui::ScrollView& v, const std::string& label, const std::string& value, int x, int y, int w) {
        const auto& t = theme();
        int lw = std::min(w / 3, std::max(t.px(200), m_ctx.text().measure(label, t.body(), ui::Weight::Regular).x + t.px(24)));
        int a = guide::scroll_text(v, m_ctx, label, x, y, lw - t.px(16), t.body(), t.muted);
        int b = guide::scroll_text(v, m_ctx, value, x + lw, y, w - lw, t.body(), t.text);
        return std::max(a, b) + t.px(14);
    }
    std::string m_day;
    std::optional<Clock::time_point> m_checked;
};

}  // namespace

KIOSK_SCREEN("hall_info", HallInfoScreen)

}  // namespace kiosk::screens
