// What the hall and this kiosk offer now, in the citizen's words (home and attract screens).
#include "kiosk/screens/hall_status.h"

#include <cmath>
#include <limits>

#include "kiosk/screens/guide_util.h"
#include "kiosk/screens/wayfinding_service.h"
#include "kiosk/wayfinding/directions.h"

namespace kiosk::screens::hall {
namespace {

std::string join(const ui::Strings& s, const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? s.tr("guide.list_last_sep") : s.tr("guide.list_sep")) + names[i];
    return out;
}

/// The zone's services as the hall listed them, named in the citizen's language, paused ones left out.
std::string zone_services(const ScreenContext& ctx, const std::vector<std::string>& ids) {
    const auto& s = ctx.strings();
    std::vector<std::string> names;
    for (const auto& id : ids) {
        if (ctx.status().service_paused(id)) continue;
        names.push_back(s.has("zone_service." + id) ? s.tr("zone_service." + id) : s.has("service." + id) ? s.tr("service." + id) : id);
    }
    return join(s, names);
}

}  // namespace

std::vector<std::string> paused_lines(const ScreenContext& ctx) {
    const auto& st = ctx.status();
    const auto& s = ctx.strings();
    std::vector<std::string> out;
    for (const char* reason : {"paused.platform", "paused.printer"}) {
        std::vector<std::string> names;
        for (const auto& p : kPausable)
            if (st.paused_reason(p.screen) == reason) names.push_back(s.tr(p.key));
        if (names.empty()) continue;
        // The printer's own words say what is wrong with it ("打印机缺纸，请到一楼服务台求助。").
        std::string why = std::string(reason) == "paused.printer" && s.has(st.printer_message_key) ? s.tr(st.printer_message_key)
                                                                                                   : s.tr(std::string(reason) + "_why");
        out.push_back(s.format(reason, {{"services", join(s, names)}, {"why", why}}));
    }
    return out;
}

std::string now_text(const ScreenContext& ctx, const content::HallNow& n) {
    using W = content::WindowsState;
    const auto& str = ctx.strings();
    auto tr = [&](const std::string& k) -> const std::string& { return str.tr(k); };
    auto trf = [&](const std::string& k, const std::map<std::string, std::string>& a) { return str.format(k, a); };
    auto clock_time = [](const std::string& hhmm) { return hhmm.size() == 5 && hhmm[0] == '0' ? hhmm.substr(1) : hhmm; };
    std::string hours = n.lunch_start.empty()
                            ? guide::hours_range(n.open, n.close)
                            : trf("guide.hours_split", {{"morning", guide::hours_range(n.open, n.lunch_start)},
                                                        {"afternoon", guide::hours_range(n.lunch_end, n.close)}});
    std::string s;
    switch (n.windows) {
    case W::Open:
        if (n.closing_soon && n.stops_for_lunch)
            s = trf("guide.now_lunch_soon", {{"time", clock_time(n.stops_at)}, {"back", clock_time(n.lunch_end)}});
        else if (n.closing_soon) s = trf("guide.now_closing", {{"time", clock_time(n.stops_at)}});
        else s = trf(n.makeup_workday ? "guide.now_makeup" : "guide.now_open", {{"hours", hours}});
        break;
    case W::NotYetOpen: s = trf("guide.now_not_yet", {{"time", clock_time(n.open)}}); break;
    case W::LunchBreak: s = trf("guide.now_lunch", {{"time", clock_time(n.lunch_end)}}); break;
    case W::Closed: s = tr("guide.now_closed"); break;
    case W::Holiday: s = tr("guide.now_holiday"); break;
    case W::RestDay: s = tr("guide.home_today_closed"); break;
    }
    if (!n.zone_open) return s;
    std::string services = zone_services(ctx, n.zone_services);
    // While the windows serve (and will for a while), the band says the zone is open too;
    // once they are shut or about to be, what it can still do is what a citizen needs to read.
    if ((n.windows == W::Open && !n.closing_soon) || services.empty())
        return n.zone_all_day ? s + tr("guide.now_and") + tr("guide.home_self_service") : s;
    return s + tr("guide.now_sep") + trf("guide.now_zone", {{"services", services}});
}

std::string zone_text(const ScreenContext& ctx, const content::HallInfo& hall, const content::HallNow& n) {
    const auto& s = ctx.strings();
    if (hall.self_service_location.empty() && hall.self_service_services.empty()) return {};
    std::string hours = n.zone_all_day ? s.tr("attract.zone_all_day")
                                       : s.format("attract.zone_hours", {{"hours", guide::hours_range(hall.self_service_hours.open,
                                                                                                     hall.self_service_hours.close)}});
    std::string services = zone_services(ctx, hall.self_service_services);
    return s.format(services.empty() ? "attract.zone_no_services" : "attract.zone",
                    {{"where", hall.self_service_location}, {"hours", hours}, {"services", services}});
}

std::string lift_text(ScreenContext& ctx) {
    const auto& svc = ctx.services().wayfinding;
    auto data = svc && svc->current ? svc->current() : nullptr;
    if (!data || !data->map || data->here.node >= data->map->nodes.size()) return {};
    const auto& map = *data->map;
    const auto& here = map.nodes[data->here.node];
    const wayfinding::Poi* lift = nullptr;
    double best = std::numeric_limits<double>::max();
    for (const auto& p : map.pois) {
        if (p.kind != wayfinding::PoiKind::Elevator || p.floor != here.floor) continue;
        double d = std::hypot(p.at.x - here.at.x, p.at.y - here.at.y);
        if (d < best) best = d, lift = &p;
    }
    if (!lift) return {};
    // Which way, as the citizen stands facing the kiosk's screen's direction (wayfinding.facing_deg).
    auto turn = wayfinding::classify_turn(wayfinding::bearing_deg(here.at, lift->at) - data->here.facing_deg);
    const char* side = turn == wayfinding::Turn::Straight ? "attract.lift_ahead"
                     : turn == wayfinding::Turn::Left     ? "attract.lift_left"
                     : turn == wayfinding::Turn::Right    ? "attract.lift_right"
                                                          : "attract.lift_behind";
    return ctx.strings().format(side, {{"metres", std::to_string(wayfinding::spoken_metres(best))}});
}

}  // namespace kiosk::screens::hall
