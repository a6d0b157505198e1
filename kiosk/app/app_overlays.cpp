// What the app draws over every screen (config and printer banners, the DEMO band) and tells systemd.
#include "app.h"

#include <algorithm>
#include <string>

#include "base/log.h"
#include "kiosk/app/devices.h"
#include "kiosk/app/sync_services.h"

namespace kiosk {

int App::demo_band_height() {
    return m_text->line_height(m_theme.px(24), ui::Weight::Bold) + 2 * m_theme.px(3);
}

void App::notify_systemd() {
    // Real time, not m_clock: systemd's watchdog runs on the wall, also in scripted runs.
    auto now = std::chrono::steady_clock::now();
    if (!m_notifier.is_ready()) return;
    m_notifier.frame_done(m_events.oldest_waiting() < m_notifier.ping_interval(), now);
    if (now - m_last_status_line < std::chrono::seconds(1) || !m_devices) return;  // devices start after the first frame
    m_last_status_line = now;
    // For `systemctl status kiosk`: what a technician checks first.
    auto h = m_devices->health();
    std::string line = "printer " + h.printer_state;
    for (const auto& r : h.printer_reasons) line += (&r == &h.printer_reasons.front() ? " (" : ", ") + r;
    if (!h.printer_reasons.empty()) line += ")";
    if (const auto& st = m_app_services.sync_status) {
        auto s = st->get();
        line += "; outbox " + std::to_string(s.depth) + " queued, " + std::to_string(s.dead_letters) + " dead; platform " +
                (s.online ? "online" : "offline");
    }
    line += "; ID card " + h.reader + "; scanner " + h.scanner + "; screen " + screen_name();
    m_notifier.status(line);
}

void App::draw_config_banner(ui::Canvas& c) {
    // For the technician, not the citizen: small, at the top, and the kiosk works on.
    if (m_opts.config_problem.empty() || screen_name() == "attract") return;
    const auto& t = m_theme;
    ui::Label banner(m_strings.tr("technician.config_fallback"), t.small(), t.warning_text, ui::Weight::Bold, ui::Align::Center);
    banner.padding = t.px(8);
    banner.background = t.warning_bg;
    int h = banner.measure_height(*m_text, t.width);
    banner.bounds = {0, 0, t.width, h};
    banner.id = "config-fallback";
    banner.draw(c);
}

void App::draw_status_banner(ui::Canvas& c) {
    if (m_status.printer_message_key.empty()) return;
    const auto& t = m_theme;
    std::string msg = m_strings.tr(m_status.printer_message_key);
    ui::Label banner(msg, t.body(), t.warning_text, ui::Weight::Bold, ui::Align::Center);
    banner.padding = t.px(24);
    banner.background = t.warning_bg;
    int h = banner.measure_height(*m_text, t.width - 2 * t.margin());
    banner.bounds = {t.margin(), t.height - h - t.px(24), t.width - 2 * t.margin(), h};
    banner.id = "printer-status";
    banner.draw(c);
}

void App::draw_demo_band(ui::Canvas& c) {
    // Over everything, on every screen (the countdown dialog too): a demo kiosk must never be
    // mistaken for one that serves citizens.
    const auto& t = m_theme;
    // Thin (24 px text), so it stays above every screen's header text rather than over it.
    ui::Label band(m_strings.tr("mode.demo_band"), t.px(24), SDL_Color{0xFF, 0xFF, 0xFF, 0xFF}, ui::Weight::Bold,
                   ui::Align::Center);
    band.padding = t.px(3);
    band.background = SDL_Color{0xC6, 0x28, 0x28, 0xFF};
    int h = band.measure_height(*m_text, t.width);
    m_demo_band_height = h;
    band.bounds = {0, 0, t.width, h};
    band.id = "demo-band";
    band.draw(c);
}

}  // namespace kiosk
