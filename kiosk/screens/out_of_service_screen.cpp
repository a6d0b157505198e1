// 暂停服务: the only screen of a kiosk whose configuration cannot be loaded; tells the citizen where to go and the technician what is wrong.
#include "kiosk/screens/screen.h"

namespace kiosk::screens {
namespace {

class OutOfServiceScreen final : public Screen {
public:
    OutOfServiceScreen(ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {}
    const char* name() const override { return "out_of_service"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        int y = t.landscape() ? t.px(120) : t.px(360);
        y = add_text(tr("out_of_service.title"), m, y, w, t.huge(), t.error_text, ui::Weight::Bold, ui::Align::Center);
        y = add_text(tr("out_of_service.message"), m, y + t.px(48), w, t.title(), t.text, ui::Weight::Regular, ui::Align::Center);
        // For the technician: small, at the bottom, in the words the configuration check uses.
        std::string text = tr("out_of_service.technician") + "\n" + m_ctx.services().out_of_service_problem;
        auto* tech = add<ui::Label>(text, t.small(), t.muted);
        tech->background = t.card;
        tech->padding = t.px(24);
        tech->id = "technician";
        int h = tech->measure_height(m_ctx.text(), w);
        tech->bounds = {m, std::max(y + t.px(64), t.height - m - h), w, h};
    }
};

}  // namespace

KIOSK_SCREEN("out_of_service", OutOfServiceScreen)

}  // namespace kiosk::screens
