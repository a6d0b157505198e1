// 办件查询: scan the receipt QR or type case number + query code → status timeline → "带我去 N号窗口".
#include <ctime>

#include "base/secret.h"
#include "kiosk/content/beijing_time.h"
#include "kiosk/ui/dates.h"
#include "kiosk/screens/certificates_data.h"
#include "kiosk/screens/screen.h"

namespace kiosk::screens {
namespace {

enum class Step { Enter, Loading, Result, Failed };

class CaseStatusScreen final : public Screen {
public:
    CaseStatusScreen(ScreenContext& c, const std::map<std::string, std::string>& args) : Screen(c) {
        // Opened by a receipt scanned on the home screen: ask at once.
        if (args.count("case_no") && args.count("query_code")) query(args.at("case_no"), args.at("query_code"));
    }
    const char* name() const override { return "case_status"; }

    void build() override {
        // The fields' text lives in m_keep_* (on_change): ensure_built has freed the old widgets.
        m_no = m_code = nullptr;
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        int y = add_header(tr("service.case_status")) + t.px(40);
        switch (m_step) {
        case Step::Enter: build_enter(y); break;
        case Step::Loading: {
            auto* bar = add<ui::ProgressBar>(tr("case_status.loading"));
            bar->bounds = {m, y + t.px(80), w, t.px(140)};
            break;
        }
        case Step::Result: build_result(y); break;
        case Step::Failed: {
            auto* l = add<ui::Label>(tr(m_error_key), t.title(), t.error_text, ui::Weight::Bold);
            l->background = t.error_bg;
            l->padding = t.px(32);
            int h = l->measure_height(m_ctx.text(), w);
            l->bounds = {m, y, w, h};
            y += h + t.px(40);
            y = button(tr("case_status.again"), y, ui::ButtonStyle::Primary, [this] { go(Step::Enter); });
            button(tr("common.back_home"), y + t.px(24), ui::ButtonStyle::Secondary, [this] { emit({Intent::Kind::EndSession, ""}); });
            break;
        }
        }
    }

    void on_event(const AppEvent& e) override {
        using K = AppEvent::Kind;
        bool scan = e.kind == K::ReceiptScanned || e.kind == K::LoginCodeScanned || e.kind == K::UrlScanned ||
                    e.kind == K::ScanRejected;
        if (scan && (m_step == Step::Enter || m_step == Step::Failed || m_step == Step::Result)) {
            if (auto* c = e.get<ScannedReceipt>(); c && e.kind == K::ReceiptScanned) {
                drop();
                query(c->case_no, c->query_code);
            } else {
                fail_with("case_status.not_receipt");
            }
            return;
        }
        if (e.kind != AppEvent::Kind::RequestUpdate || e.name != kCaseStatusQuery || m_step != Step::Loading) return;
        if (!e.ok) {
            auto p = e.get<std::string>();
            std::string word = p ? *p : "";
            // Offline or slow: say so; never show an answer from earlier.
            fail_with(word == "not_found"  ? "case_status.not_found"
                      : word == "invalid"  ? "case_status.invalid"
                      : word == "offline"  ? "case_status.offline"
                      : word == "timeout"  ? "case_status.slow"
                                           : "case_status.platform_error");
            return;
        }
        if (auto p = e.get<std::shared_ptr<CaseResult>>()) m_result = *p;
        go(m_result ? Step::Result : Step::Enter);
    }

    void on_text(const std::string& s) override {
        if (m_step != Step::Enter) return;
        ui::TextField* f = m_focus_code ? m_code : m_no;
        if (f) f->insert(s);
    }

    void on_leave() override { drop(); }
    ~CaseStatusScreen() override { drop(); }

private:
    void go(Step s) {
        m_step = s;
        invalidate();
    }
    void fail_with(const std::string& key) {
        m_error_key = key;
        drop();
        go(Step::Failed);
    }

    int button(const std::string& label, int y, ui::ButtonStyle style, std::function<void()> fn) {
        const auto& t = theme();
        auto* b = add<ui::Button>(label, std::move(fn), style);
        b->bounds = {t.margin(), y, t.width - 2 * t.margin(), t.button_height()};
        return y + t.button_height();
    }

    void build_enter(int y) {
        const auto& t = theme();
        const int m = t.margin();
        // Landscape: the keys on the right half, from the top; the fields on the left (below
        // them the screen has no room for a key block in large text).
        const bool wide = t.landscape();
        const int w = wide ? (t.width - 3 * m) / 2 : t.width - 2 * m;
        const int top = y;
        y = add_text(tr("case_status.scan"), m, y, w, wide ? t.body() : t.title(), t.text, ui::Weight::Bold, ui::Align::Center);
        y = add_text(tr("case_status.or_type"), m, y + t.px(20), w, wide ? t.small() : t.body(), t.muted, ui::Weight::Regular,
                     ui::Align::Center);
        int fh = std::max(t.min_target(), t.px(wide ? 90 : 110));
        y = add_text(tr("case_status.case_no"), m, y + t.px(30), w, t.body(), t.text, ui::Weight::Bold);
        m_no = add<ui::TextField>(tr("case_status.case_no_hint"), 32);
        m_no->bounds = {m, y + 8, w, fh};
        m_no->insert(m_keep_no);
        m_no->focused = !m_focus_code;
        m_no->on_focus = [this] { focus(false); };
        m_no->id = "case-no";
        m_no->on_change = [this] { m_keep_no = m_no->value(); };
        y += 8 + fh;
        y = add_text(tr("case_status.query_code"), m, y + t.px(20), w, t.body(), t.text, ui::Weight::Bold);
        m_code = add<ui::TextField>(tr("case_status.query_code_hint"), 12);
        m_code->bounds = {m, y + 8, w, fh};
        m_code->insert(m_keep_code);
        m_code->focused = m_focus_code;
        m_code->on_focus = [this] { focus(true); };
        m_code->id = "query-code";
        m_code->on_change = [this] { m_keep_code = m_code->value(); };
        y += 8 + fh + t.px(24);
        // Case numbers and query codes are letters and digits (no Chinese): ABC and 123 only,
        // and the tab chosen here is not carried to the next search field.
        SDL_Rect keys = wide ? SDL_Rect{2 * m + w, top, t.width - 3 * m - w, t.height - top - m}
                             : SDL_Rect{m, y, w, std::min(t.height - y - t.px(80), t.px(700))};
        auto* kb = add_text_entry(m_focus_code ? m_code : m_no, {ui::EntryMode::Letters, ui::EntryMode::Digits},
                                  ui::EntryMode::Letters, keys, RememberTab::Field);
        kb->set_done_label(tr(m_focus_code ? "case_status.search" : "case_status.next"));
        kb->on_done = [this] {
            if (!m_focus_code) return focus(true);
            submit();
        };
    }

    void focus(bool code) {
        m_focus_code = code;
        invalidate();
    }

    void submit() {
        std::string no = m_keep_no, code = m_keep_code;
        // The same rules as the receipt's QR code (docs/scanner.md, "Payload rules").
        if (m_ctx.is_case_receipt(no, code)) query(no, code);
        else fail_with("case_status.invalid");
        forget(no);
        forget(code);
    }

    /// The typed case number and query code are the citizen's: zeroed, not just cleared.
    static void forget(std::string& s) {
        secure_wipe(s.data(), s.capacity());
        s.clear();
    }

    void query(const std::string& no, const std::string& code) {
        forget(m_keep_no);
        forget(m_keep_code);
        m_focus_code = false;
        m_result.reset();
        go(Step::Loading);
        emit({Intent::Kind::Request, kCaseStatusQuery, {{"case_no", no}, {"query_code", code}}});
    }

    void build_result(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        const auto& r = *m_result;
        y = add_text(trf("case_status.number", {{"case_no", r.case_no}}), m, y, w, t.body(), t.muted);
        if (!r.service.empty()) y = add_text(r.service, m, y + t.px(8), w, t.title(), t.text, ui::Weight::Bold);
        std::string now_key = "case_status.state." + r.state;
        std::string headline = r.state == "ready" && !r.window.empty() ? trf("case_status.ready_at", {{"window", r.window}, {"floor", std::to_string(r.floor)}})
                                                                       : tr(now_key);
        auto* l = add<ui::Label>(headline, t.title(), r.state == "needs-material" || r.state == "rejected" ? t.error_text : t.ok_text,
                                 ui::Weight::Bold);
        l->background = t.card;
        l->padding = t.px(28);
        int h = l->measure_height(m_ctx.text(), w);
        l->bounds = {m, y + t.px(24), w, h};
        y += t.px(24) + h;
        if (r.state == "ready" && !r.window.empty()) {
            std::string win = r.window;
            y = button(trf("case_status.take_me", {{"window", win}}), y + t.px(24), ui::ButtonStyle::Primary,
                       [this, win] { emit({Intent::Kind::Navigate, "map", {{"window", win}}}); });
        }
        if (r.state == "needs-material") y = add_text(tr("case_status.needs_material_next"), m, y + t.px(16), w, t.body(), t.text);
        y = add_text(tr("case_status.timeline"), m, y + t.px(36), w, t.body(), t.text, ui::Weight::Bold);
        // Timeline: newest last, each step with its date.
        for (const auto& e : r.timeline) {
            std::string line = date(e.at_ms) + "  " + tr("case_status.state." + e.state);
            y = add_text(line, m, y + t.px(14), w, t.body(), t.text, ui::Weight::Bold);
            if (!e.text.empty() && m_ctx.session().language != "en") y = add_text(e.text, m + t.px(40), y + 4, w - t.px(40), t.small(), t.muted);
            if (y > t.height - t.px(420)) break;
        }
        button(tr("common.finish"), std::max(y + t.px(40), t.height - t.px(360)), ui::ButtonStyle::Secondary,
               [this] { emit({Intent::Kind::EndSession, ""}); });
    }

    void drop() {
        m_result.reset();
        forget(m_keep_no);
        forget(m_keep_code);
    }

    std::string date(int64_t ms) const {
        if (ms <= 0) return {};
        return ui::date_text(m_ctx.strings(), content::beijing_tm_ms(ms), ui::DateStyle::DayTime);
    }

    Step m_step = Step::Enter;
    std::string m_error_key;
    std::shared_ptr<CaseResult> m_result;
    ui::TextField *m_no = nullptr, *m_code = nullptr;
    std::string m_keep_no, m_keep_code;
    bool m_focus_code = false;
};

}  // namespace

KIOSK_SCREEN("case_status", CaseStatusScreen)

}  // namespace kiosk::screens
