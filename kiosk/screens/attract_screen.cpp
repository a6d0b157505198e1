// Attract screen: shown after a long idle; any touch opens the home screen.
#include "kiosk/screens/screen.h"

namespace kiosk::screens {
namespace {

class AttractScreen final : public Screen {
public:
    AttractScreen(ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {}
    const char* name() const override { return "attract"; }

    void build() override {
        const auto& t = theme();
        int m = t.margin();
        auto* bg = add<ui::Button>("", [this] { emit({Intent::Kind::Home, ""}); }, ui::ButtonStyle::Primary);
        bg->bounds = {0, 0, t.width, t.height};
        bg->id = "attract";
        int y = t.height / 3;
        y = add_text(tr("home.hall_name"), m, y, t.width - 2 * m, t.title(), t.primary_text, ui::Weight::Bold, ui::Align::Center);
        y = add_text(tr("attract.title"), m, y + t.px(60), t.width - 2 * m, t.huge(), t.primary_text, ui::Weight::Bold,
                     ui::Align::Center);
        y = add_text(tr("attract.touch"), m, y + t.px(80), t.width - 2 * m, t.title(), t.primary_text, ui::Weight::Regular,
                     ui::Align::Center);
        add_text(tr("attract.touch_en"), m, y + t.px(20), t.width - 2 * m, t.body(), t.header_subtext,
                 ui::Weight::Regular, ui::Align::Center);
    }
};

}  // namespace

KIOSK_SCREEN("attract", AttractScreen)

}  // namespace kiosk::screens
