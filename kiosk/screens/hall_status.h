// What the hall and this kiosk offer now, in the citizen's words: the home and attract screens' "now" line, paused services and why, the 24-hour zone, where the lift is.
#pragma once

#include <string>
#include <vector>

#include "kiosk/content/hall_now.h"
#include "kiosk/screens/screen.h"

namespace kiosk::screens::hall {

/// The home tiles that can be paused, in tile order, with their name keys.
struct PausableService {
    const char* screen;
    const char* key;
};
inline constexpr PausableService kPausable[] = {
    {"certificates", "service.certificates"}, {"copy", "service.copy"}, {"case_status", "service.case_status"}};

/// One line a reason: "证明打印、办件查询暂停服务：暂时连不上政务服务平台，连上后会自动恢复。";
/// empty when nothing is paused. Follows AppStatus::paused_reason, so tiles and words agree.
std::vector<std::string> paused_lines(const ScreenContext&);

/// "窗口已下班；24小时自助区可办理证明打印、办件查询、表格打印、复印": the windows' state
/// (honest when they stop soon, for lunch or the day), then what the 24-hour zone offers
/// while they are shut or about to be (services paused on this kiosk left out, so the band
/// never promises what the tiles refuse).
std::string now_text(const ScreenContext&, const content::HallNow&);

/// "24小时自助服务区：一楼东门…，全天开放；可办理证明打印、…": where the zone is, its hours
/// today and what it offers (paused services left out); empty when the hall has no zone.
std::string zone_text(const ScreenContext&, const content::HallInfo&, const content::HallNow&);

/// "电梯在您左后方约 18 米（东门方向）" style: the lift nearest this kiosk on its floor,
/// relative to the way the citizen faces it; empty when there is no map or no lift.
std::string lift_text(ScreenContext&);

}  // namespace kiosk::screens::hall
