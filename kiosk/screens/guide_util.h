// Shared by the guide, item, forms and hall-info screens: content access and wording of item facts.
#pragma once

#include <memory>
#include <string>

#include "kiosk/content/content_store.h"
#include "kiosk/content/search.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/scroll_view.h"

namespace kiosk::screens::guide {

/// The live content (null when none is installed: the screen must say so plainly), reading
/// content text in the citizen's current language (docs/content.md "English").
std::shared_ptr<content::ContentStore> store(ScreenContext&);
std::shared_ptr<const content::SearchIndex> search_index(ScreenContext&);

/// "2楼 9、10号窗口" / "Floor 2, windows 9, 10"; the floor alone when there is no window.
std::string where_text(const ui::Strings&, int floor, const std::vector<int>& windows);
/// "免费" or "80元（住宅每件80元…）".
std::string fee_text(const ui::Strings&, const content::ServiceItem&);
/// "微信支付、支付宝、银联卡、现金"; empty when no method is listed.
std::string payments_text(const ui::Strings&, unsigned payments);
/// "当场办结" or "5个工作日".
std::string days_text(const ui::Strings&, int days);
/// "消防救援支队（原公安消防支队）": the current name with the former names.
std::string department_text(const ui::Strings&, const content::Department&);
/// "HH:MM–HH:MM" with a leading zero dropped ("9:00–17:00"), as the hall writes it.
std::string hours_range(const std::string& open, const std::string& close);
/// "周一至周五" / "Mon–Fri"; "每天" / "Every day" for all seven.
std::string weekdays_text(const ui::Strings&, const std::vector<int>& weekdays);

/// Base of the guide screens: the plain "no content installed" message.
class ContentScreen : public Screen {
public:
    using Screen::Screen;

protected:
    /// Says plainly that no service guide is installed (no fake content), with a button home.
    void add_no_content(int y);
};

/// Height at the bottom of the screen the app's printer banner covers now (0 when none): screens
/// keep QR codes and buttons above it. Same measure as App::draw_status_banner.
int banner_reserve(ScreenContext& ctx);

/// Adds a wrapped label to a scroll view at (x, y), width w; returns the y below it.
int scroll_text(ui::ScrollView& v, ScreenContext& ctx, const std::string& text, int x, int y, int w, int px,
                SDL_Color color, ui::Weight weight = ui::Weight::Regular);

/// A section heading in a scroll view: an accent bar and a bold title; returns the y below it.
int section_heading(ui::ScrollView& v, ScreenContext& ctx, const std::string& title, int x, int y, int w);

}  // namespace kiosk::screens::guide
