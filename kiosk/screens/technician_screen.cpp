// The technician screen: device states, supplies and recent jobs, outbox and sync, content, network and disk; test page, dead letters, content check, restart, leave.
#include <algorithm>
#include <ctime>

#include "kiosk/content/beijing_time.h"
#include "kiosk/ui/dates.h"
#include "kiosk/screens/screen.h"
#include "kiosk/screens/technician_service.h"

namespace kiosk::screens {
namespace {

// Technician mode ends by itself after this long without a touch (issue 11): long enough to
// walk to the printer and look, short enough that a technician called away does not leave
// the kiosk's insides open to the next citizen.
constexpr std::chrono::seconds kTechnicianIdle{120};

// The status is read again this often while the screen is open (printer, outbox, network).
constexpr std::chrono::seconds kRefresh{2};

/// A job's or a sync's time in the hall's time, written as every other date (ui/dates.h).
std::string clock_text(const ui::Strings& s, int64_t wall_ms) {
    return ui::date_text(s, content::beijing_tm_ms(wall_ms), ui::DateStyle::DayTime);
}

std::string size_text(int64_t mb) {
    if (mb < 0) return "?";
    if (mb < 10 * 1024) return std::to_string(mb) + " MB";
    return std::to_string(mb / 1024) + " GB";
}

class TechnicianScreen final : public Screen {
public:
    TechnicianScreen(ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {}
    const char* name() const override { return "technician"; }
    std::optional<std::chrono::seconds> idle_limit() const override { return kTechnicianIdle; }

    void build() override {
        // Normal text size whatever the session's: large text is a citizen's choice (or the
        // hall's default for citizens), and this much status at 1.3x does not fit in landscape.
        ui::Theme t = theme();
        t.text_scale = 1.0f;
        m_t = t;
        const int m = t.margin();
        if (m_close_dialog) {
            close_dialog();
            m_close_dialog = false;
        }
        const auto& svc = m_ctx.services().technician;
        if (svc) m_status = svc->status();
        m_last_refresh = m_ctx.clock().now();
        const TechnicianStatus& s = m_status;

        // Header: the title and which kiosk this is, below the height of the DEMO band.
        int title_y = theme().px(44);  // the DEMO band grows with the session's text size
        int sub_y = title_y + t.title() + t.px(12);
        int h = std::max(sub_y + t.small() + t.px(28), t.min_target() + 40);
        auto* bar = add<ui::Label>("", t.title(), t.header_text);
        bar->background = t.header;
        bar->bounds = {0, 0, t.width, h};
        auto* title = add<ui::Label>(tr("technician.title"), t.title(), t.header_text, ui::Weight::Bold);
        title->max_lines = 1;
        title->bounds = {m, title_y, t.width - 2 * m, t.title() + 12};
        auto* sub = add<ui::Label>(trf("technician.kiosk_line", {{"id", s.kiosk_id}, {"version", s.app_version}}), t.small(),
                                   t.header_subtext);
        sub->max_lines = 1;
        sub->bounds = {m, sub_y, t.width - 2 * m, t.small() + 10};

        // Landscape: the facts in two columns on the left two thirds, the actions on the right;
        // portrait: the facts in two columns, the actions in two columns under them.
        bool wide = t.landscape();
        int actions_w = wide ? (t.width - 4 * m) / 3 : t.width - 2 * m;
        int facts_w = wide ? t.width - 3 * m - actions_w : t.width - 2 * m;
        int col_w = (facts_w - m) / 2;
        int top = h + t.px(24);
        int y1 = top, y2 = top;
        y1 = section(tr("technician.section_devices"), devices_text(), m, y1, col_w);
        y1 = section(tr("technician.section_supplies"), supplies_text(), m, y1, col_w);
        y1 = section(tr("technician.section_jobs"), jobs_text(), m, y1, col_w);
        int x2 = m + col_w + m;
        y2 = section(tr("technician.section_sync"), sync_text(), x2, y2, col_w);
        y2 = section(tr("technician.section_content"),
                     s.content_version.empty() ? tr("technician.no_content")
                                               : trf("technician.content_version", {{"version", s.content_version}}),
                     x2, y2, col_w);
        y2 = section(tr("technician.section_network"), network_text(), x2, y2, col_w);
        y2 = section(tr("technician.section_disk"),
                     trf("technician.disk", {{"free", size_text(s.disk_free_mb)}, {"total", size_text(s.disk_total_mb)}}), x2, y2,
                     col_w);
        int facts_bottom = std::max(y1, y2);

        // Actions.
        int ax = wide ? 2 * m + facts_w : m;
        int ay = wide ? top : facts_bottom + t.px(8);
        int gap = t.px(20);
        int bh = std::max(t.min_target(), t.px(100));
        int cols = wide ? 1 : 2;
        int bw = (actions_w - (cols - 1) * gap) / cols;
        struct Action {
            const char* key;
            const char* id;
            std::function<void()> run;
            ui::ButtonStyle style;
        };
        std::vector<Action> actions = {
            {"technician.action_test_page", "test-page", [this] { request("test-page"); }, ui::ButtonStyle::Secondary},
            {"technician.action_retry", "retry-dead-letters", [this] { request("retry-dead-letters"); }, ui::ButtonStyle::Secondary},
            {"technician.action_recheck", "recheck-content", [this] {
                 m_result = tr("technician.content_checking");
                 request("recheck-content");
             }, ui::ButtonStyle::Secondary},
            {"technician.action_restart", "restart", [this] { confirm_restart(); }, ui::ButtonStyle::Danger},
            {"technician.action_leave", "leave", [this] { request("leave"); }, ui::ButtonStyle::Primary},
        };
        for (size_t i = 0; i < actions.size(); ++i) {
            int c = int(i) % cols, r = int(i) / cols;
            auto* b = add<ui::Button>(tr(actions[i].key), actions[i].run, actions[i].style);
            b->label_px = t.body();
            b->bounds = {ax + c * (bw + gap), ay + r * (bh + gap), bw, bh};
            b->id = actions[i].id;
            b->enabled = m_busy != actions[i].id;  // one of each at a time; the others stay usable
        }
        int rows = int(actions.size() + cols - 1) / cols;
        int ry = ay + rows * (bh + gap);
        if (!m_result.empty()) {
            auto* r = add<ui::Label>(m_result, t.body(), t.text, ui::Weight::Bold);
            r->background = t.card;
            r->padding = t.px(16);
            r->id = "result";
            int rh = r->measure_height(m_ctx.text(), actions_w);
            r->bounds = {ax, ry, actions_w, rh};
            ry += rh + t.px(12);
        }
        add_text(tr("technician.idle_hint"), ax, ry, actions_w, t.small(), t.muted);
    }

    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::PrinterStatus || e.kind == AppEvent::Kind::ContentChanged) {
            invalidate();
            return;
        }
        if (e.kind != AppEvent::Kind::RequestUpdate) return;
        if (e.name == "print" && m_busy == "test-page") {
            m_result = trf("technician.test_page", {{"phase", state_word(e.text)}});
            if (e.text == "completed" || e.text == "failed" || e.text == "canceled" || e.text == "needs-attention") m_busy.clear();
        } else if (e.name == "technician.retry-dead-letters") {
            const int64_t* n = e.get<int64_t>();
            m_result = e.ok ? trf("technician.retried", {{"count", std::to_string(n ? *n : 0)}}) : tr("technician.retry_failed");
            m_busy.clear();
        } else if (e.name == "technician.recheck-content") {
            const std::string* v = e.get<std::string>();
            m_result = trf("technician.content_" + e.text, {{"version", v ? *v : ""}});
            m_busy.clear();
        } else {
            return;
        }
        invalidate();
    }

    void on_tick(Clock::time_point now) override {
        if (now - m_last_refresh >= kRefresh) invalidate();
    }

private:
    /// A section: its heading and its lines; returns the y below it.
    int section(const std::string& heading, const std::string& body, int x, int y, int w) {
        const auto& t = m_t;
        y = add_text(heading, x, y, w, t.body(), t.primary, ui::Weight::Bold) + t.px(6);
        auto* l = add<ui::Label>(body, t.small(), t.text);
        l->background = t.card;
        l->padding = t.px(14);
        int h = l->measure_height(m_ctx.text(), w);
        l->bounds = {x, y, w, h};
        return y + h + t.px(20);
    }

    /// A state word in the catalog ("no-paper" → 缺纸), else as the device said it.
    std::string state_word(const std::string& raw) const {
        std::string key = "technician.state." + raw;
        return m_ctx.strings().has(key) ? tr(key) : raw;
    }

    std::string devices_text() const {
        const auto& s = m_status;
        std::string printer = state_word(s.printer_state);
        std::string reasons;
        for (const auto& r : s.printer_reasons) reasons += (reasons.empty() ? "" : ", ") + state_word(r);
        if (!reasons.empty()) printer += " (" + reasons + ")";
        return trf("technician.printer", {{"state", printer}}) + "\n" +
               trf("technician.reader", {{"state", state_word(s.reader)}}) + "\n" +
               trf("technician.scanner", {{"state", state_word(s.scanner)}});
    }

    std::string supplies_text() const {
        if (m_status.supplies.empty()) return tr("technician.no_supplies");
        std::string out;
        for (const auto& sp : m_status.supplies)
            out += (out.empty() ? "" : "\n") +
                   trf("technician.supply", {{"name", sp.name},
                                             {"level", sp.level < 0 ? tr("technician.supply_unknown") : std::to_string(sp.level) + "%"}});
        return out;
    }

    std::string jobs_text() const {
        if (m_status.recent_jobs.empty()) return tr("technician.no_jobs");
        std::string out;
        for (const auto& j : m_status.recent_jobs)
            out += (out.empty() ? "" : "\n") + trf("technician.job", {{"time", clock_text(m_ctx.strings(), j.created_ms)},
                                                                     {"name", state_word(j.name)},
                                                                     {"phase", state_word(j.phase)}});
        return out;
    }

    std::string sync_text() const {
        const auto& s = m_status;
        if (s.outbox_depth < 0) return tr("technician.outbox_none");
        std::string out = trf("technician.outbox", {{"depth", std::to_string(s.outbox_depth)}, {"dead", std::to_string(s.dead_letters)}});
        if (s.outbox_alarm) out += "\n" + tr("technician.outbox_alarm");
        out += "\n" + tr(s.platform_online ? "technician.platform_online" : "technician.platform_offline");
        out += "\n" + (s.last_sync_ms > 0 ? trf("technician.last_sync", {{"time", clock_text(m_ctx.strings(), s.last_sync_ms)}})
                                          : tr("technician.never_synced"));
        return out;
    }

    std::string network_text() const {
        if (m_status.addresses.empty()) return tr("technician.no_network");
        std::string out;
        for (const auto& a : m_status.addresses) out += (out.empty() ? "" : "\n") + a;
        return out;
    }

    void request(const std::string& action) {
        if (action != "leave") m_busy = action;
        emit({Intent::Kind::Request, "technician", {{"action", action}}});
        invalidate();
    }

    void confirm_restart() {
        auto d = std::make_unique<ui::Dialog>(tr("technician.restart_confirm_title"), tr("technician.restart_confirm"));
        // The dialog closes on the next build, not inside its own button's tap (that would
        // destroy the button while it runs).
        d->add_button(tr("technician.restart_yes"), [this] {
            m_close_dialog = true;
            request("restart");
        }, ui::ButtonStyle::Danger);
        d->add_button(tr("technician.cancel"), [this] {
            m_close_dialog = true;
            invalidate();
        });
        show_dialog(std::move(d));
    }

    ui::Theme m_t;  ///< the theme at normal text size (build)
    TechnicianStatus m_status;
    Clock::time_point m_last_refresh{};
    std::string m_busy;    ///< the action waiting for its answer ("" none)
    std::string m_result;  ///< the last action's outcome, for the technician
    bool m_close_dialog = false;
};

}  // namespace

KIOSK_SCREEN("technician", TechnicianScreen)

}  // namespace kiosk::screens
