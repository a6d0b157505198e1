// The screen of a service that is not delivered yet: says so plainly, no fake content.
#include "kiosk/screens/screen.h"

namespace kiosk::screens {
namespace {

class UnavailableScreen final : public Screen {
public:
    UnavailableScreen(ScreenContext& c, std::string service) : Screen(c), m_service(std::move(service)) {}
    const char* name() const override { return m_service.c_str(); }

    void build() override {
        const auto& t = theme();
        int m = t.margin();
        int y = add_header(tr("service." + m_service)) + t.px(160);
        y = add_text(tr("unavailable.title"), m, y, t.width - 2 * m, t.title(), t.text, ui::Weight::Bold, ui::Align::Center);
        y = add_text(tr("unavailable.message"), m, y + t.px(32), t.width - 2 * m, t.body(), t.muted, ui::Weight::Regular,
                     ui::Align::Center);
        auto* home = add<ui::Button>(tr("common.back_home"), [this] { emit({Intent::Kind::Home, ""}); },
                                     ui::ButtonStyle::Primary);
        int bw = std::min(t.width - 2 * m, t.px(640));
        home->bounds = {(t.width - bw) / 2, y + t.px(80), bw, t.button_height()};
    }

private:
    std::string m_service;
};

}  // namespace

/// Registers the "not available yet" screen for a service name that has no screen of its own.
void register_unavailable_screen(const std::string& service) {
    register_screen(service, [service](ScreenContext& c, const std::map<std::string, std::string>&) -> ScreenPtr {
        return std::make_unique<UnavailableScreen>(c, service);
    });
}

}  // namespace kiosk::screens
