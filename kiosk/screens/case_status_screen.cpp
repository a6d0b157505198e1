// 办件查询: scan the receipt QR or type case number + query code (checked as typed) → status timeline → "带我去 N号窗口".
#include <ctime>

#include "base/secret.h"
#include "kiosk/content/beijing_time.h"
#include "kiosk/screens/case_number.h"
#include "kiosk/ui/dates.h"
#include "kiosk/screens/certificates_data.h"
#include "kiosk/screens/screen.h"

namespace kiosk::screens {
namespace {

enum class Step { Enter, Loading, Result, Failed };

class CaseStatusScreen final : public Screen {
public:
    CaseStatusScreen(ScreenContext& c, const std::map<std::string, std::string>& args) : Screen(c) {
        m_keep_no = std::string(kCasePrefix);
        // Opened by a receipt scanned on the home or attract screen: ask at once.
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
            l->id = "error";
            int h = l->measure_height(m_ctx.text(), w);
            l->bounds = {m, y, w, h};
            y += h + t.px(40);
            // 重新查询 goes back to the fields as they were: a typo costs one digit, not twenty taps.
            y = button(tr("case_status.again"), y, ui::ButtonStyle::Primary, [this] { go(Step::Enter); });
            auto* call = add_call_staff(m_error_key);
            call->bounds = {m, y + t.px(24), w, t.button_height()};
            y += t.px(24) + t.button_height();
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
                m_result.reset();
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
        if (!f) return;
        // A whole number typed on a keyboard (or pasted by a script) brings its own prefix.
        if (!m_focus_code && m_keep_no == kCasePrefix && s.rfind(kCasePrefix, 0) == 0) f->insert(s.substr(kCasePrefix.size()));
        else f->insert(s);
    }

    /// 返回: from the answer or an error back to the fields (as typed), from the fields out.
    bool on_back() override {
        if (m_step == Step::Enter) return false;
        m_result.reset();
        go(Step::Enter);
        return true;
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
        m_result.reset();
        go(Step::Failed);
    }

    int button(const std::string& label, int y, ui::ButtonStyle style, std::function<void()> fn) {
        const auto& t = theme();
        auto* b = add<ui::Button>(label, std::move(fn), style);
        b->bounds = {t.margin(), y, t.width - 2 * t.margin(), t.button_height()};
        return y + t.button_height();
    }

    /// The line under a field: what is still needed, a tick, or what is wrong, as it is typed.
    int add_check(const FieldState& st, bool code, int x, int y, int w) {
        const auto& t = theme();
        std::string key, n = std::to_string(st.left);
        SDL_Color color = t.muted;
        const char* field = code ? "case_status.code_check." : "case_status.no_check.";
        switch (st.check) {
        case FieldCheck::Empty: key = std::string(field) + "empty"; break;
        case FieldCheck::Incomplete: key = std::string(field) + "incomplete"; break;
        case FieldCheck::Complete: key = std::string(field) + "complete", color = t.ok_text; break;
        case FieldCheck::BadChar: key = std::string(field) + "bad_char", color = t.error_text; break;
        case FieldCheck::BadDate: key = std::string(field) + "bad_date", color = t.error_text; break;
        }
        // Asked to search with the field unfinished: the "still needed" line turns red.
        if (m_show_missing && (st.check == FieldCheck::Empty || st.check == FieldCheck::Incomplete)) color = t.error_text;
        auto* l = add<ui::Label>(trf(key, {{"n", n}, {"prefix", std::string(kCasePrefix)}}), t.small(), color,
                                 st.check == FieldCheck::Complete ? ui::Weight::Bold : ui::Weight::Regular);
        l->id = code ? "query-code-check" : "case-no-check";
        int h = l->measure_height(m_ctx.text(), w);
        l->bounds = {x, y, w, h};
        return y + h;
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
        // Landscape in large text has no height to spare: the field labels say what to type.
        if (!wide || t.text_scale <= 1.0f)
            y = add_text(tr("case_status.or_type"), m, y + t.px(wide ? 8 : 20), w, wide ? t.small() : t.body(), t.muted,
                         ui::Weight::Regular, ui::Align::Center);
        int fh = std::max(t.min_target(), t.px(wide ? 90 : 110));
        y = add_text(tr("case_status.case_no"), m, y + t.px(wide ? 16 : 30), w, t.body(), t.text, ui::Weight::Bold);
        m_no = add<ui::TextField>(tr("case_status.case_no_hint"), kCasePrefix.size() + kCaseDigits);
        m_no->bounds = {m, y + 8, w, fh};
        m_no->insert(m_keep_no);
        m_no->focused = !m_focus_code;
        m_no->on_focus = [this] { focus(false); };
        m_no->id = "case-no";
        m_no->on_change = [this] { changed_no(); };
        y += 8 + fh;
        y = add_check(check_case_no(m_keep_no), false, m, y + 6, w);
        y = add_text(tr("case_status.query_code"), m, y + t.px(wide ? 10 : 20), w, t.body(), t.text, ui::Weight::Bold);
        m_code = add<ui::TextField>(tr("case_status.query_code_hint"), kQueryCodeMax);
        m_code->bounds = {m, y + 8, w, fh};
        m_code->insert(m_keep_code);
        m_code->focused = m_focus_code;
        m_code->on_focus = [this] { focus(true); };
        m_code->id = "query-code";
        m_code->on_change = [this] {
            if (!m_code) return;
            m_keep_code = m_code->value();
            invalidate();  // the check line follows every key
        };
        y += 8 + fh;
        // An empty query code in landscape: its placeholder says the same as the check line would.
        auto code_state = check_query_code(m_keep_code);
        if (!(wide && code_state.check == FieldCheck::Empty && !m_show_missing)) y = add_check(code_state, true, m, y + 6, w);
        y += t.px(24);
        // The pad fits the field: digits only after the filled-in prefix of a case number; the
        // query code's letters and digits on one pad (no tab to switch for 8K3Q).
        SDL_Rect keys = wide ? SDL_Rect{2 * m + w, top, t.width - 3 * m - w, t.height - top - m}
                             : SDL_Rect{m, y, w, std::min(t.height - y - t.px(80), t.px(700))};
        ui::EntryMode mode = m_focus_code ? ui::EntryMode::Letters : ui::EntryMode::Digits;
        auto* kb = add_text_entry(m_focus_code ? m_code : m_no, {mode}, mode, keys, RememberTab::Field);
        kb->set_done_label(tr(m_focus_code ? "case_status.search" : "case_status.next"));
        kb->on_done = [this] {
            if (!m_focus_code) return focus(true);
            submit();
        };
    }

    void changed_no() {
        if (!m_no) return;
        std::string v = m_no->value();
        // The prefix is the kiosk's: 删除 stops at it (a citizen cannot erase it by accident).
        if (v.size() < kCasePrefix.size() || v.compare(0, kCasePrefix.size(), kCasePrefix) != 0) {
            m_no->on_change = nullptr;
            m_no->clear();
            m_no->insert(std::string(kCasePrefix));
            m_no->on_change = [this] { changed_no(); };
            v = m_no->value();
        }
        forget(m_keep_no);
        m_keep_no = v;
        forget(v);
        // A complete number moves on to the query code by itself.
        if (check_case_no(m_keep_no).check == FieldCheck::Complete && !m_focus_code && m_keep_code.empty()) m_focus_code = true;
        invalidate();
    }

    void focus(bool code) {
        m_focus_code = code;
        invalidate();
    }

    void submit() {
        auto no_ok = check_case_no(m_keep_no).check == FieldCheck::Complete;
        auto code_ok = check_query_code(m_keep_code).check == FieldCheck::Complete;
        if (!no_ok || !code_ok) {
            // Not sent: the fields stay, the one to fix takes the focus and its line says why.
            m_show_missing = true;
            focus(!no_ok ? false : true);
            return;
        }
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
        // What was asked stays in the fields (a scanned receipt's too), so 重新查询 and 返回
        // come back to it; the screen's end wipes it.
        if (&no != &m_keep_no) {
            forget(m_keep_no);
            m_keep_no = no.rfind(kCasePrefix, 0) == 0 ? no : std::string(kCasePrefix);
        }
        if (&code != &m_keep_code) {
            forget(m_keep_code);
            m_keep_code = code;
        }
        m_focus_code = false;
        m_show_missing = false;
        m_result.reset();
        go(Step::Loading);
        emit({Intent::Kind::Request, kCaseStatusQuery, {{"case_no", no}, {"query_code", code}}});
    }

    /// How a state looks: green only for ready (come and collect), amber when the citizen
    /// must act, red when refused, blue while the hall is working on it or it is done by post.
    void state_colours(const std::string& state, SDL_Color& bg, SDL_Color& fg) const {
        const auto& t = theme();
        if (state == "ready") bg = t.ok_bg, fg = t.ok_text;
        else if (state == "needs-material") bg = t.warning_bg, fg = t.warning_text;
        else if (state == "rejected") bg = t.error_bg, fg = t.error_text;
        else bg = t.info_bg, fg = t.info_text;
    }

    void build_result(int y) {
        const auto& t = theme();
        const int m = t.margin();
        // Landscape: the answer and what to do on the left, the timeline and 完成 on the right
        // (one column does not fit 1080 px once a needs-material case lists its documents).
        const bool wide = t.landscape();
        const int w = wide ? (t.width - 3 * m) / 2 : t.width - 2 * m;
        const int top = y;
        const auto& r = *m_result;
        y = add_text(trf("case_status.number", {{"case_no", r.case_no}}), m, y, w, t.body(), t.muted);
        // The platform's English where it sent some, else its Chinese as written (docs/content.md).
        const bool en = m_ctx.session().language == "en";
        const std::string& service = en && !r.service_en.empty() ? r.service_en : r.service;
        if (!service.empty()) y = add_text(service, m, y + t.px(8), w, t.title(), t.text, ui::Weight::Bold);
        std::string now_key = "case_status.state." + r.state;
        std::string headline = r.state == "ready" && !r.window.empty() ? trf("case_status.ready_at", {{"window", r.window}, {"floor", std::to_string(r.floor)}})
                             : m_ctx.strings().has(now_key) ? tr(now_key)
                                                            : tr("case_status.state.unknown");
        SDL_Color bg, fg;
        state_colours(r.state, bg, fg);
        auto* l = add<ui::Label>(headline, t.title(), fg, ui::Weight::Bold);
        l->background = bg;
        l->padding = t.px(wide ? 20 : 28);
        l->id = "case-state";
        int h = l->measure_height(m_ctx.text(), w);
        l->bounds = {m, y + t.px(wide ? 16 : 24), w, h};
        y += t.px(wide ? 16 : 24) + h;
        // 带我去: under the answer in portrait; at the top of the right column in landscape.
        const bool go_there = (r.state == "ready" || r.state == "needs-material") && !r.window.empty();
        if (r.state == "ready" && go_there && !wide) y = take_me(r.window, m, y + t.px(24), w);
        if (r.state == "needs-material") y = build_missing(r, m, y, w);
        int x = m;
        if (wide) {
            x = 2 * m + w;
            y = !go_there                      ? top - t.px(36)
                : r.state == "needs-material" ? bring_to(r, x, top, w)
                                              : take_me(r.window, x, top, w);
        }
        y = add_text(tr("case_status.timeline"), x, y + t.px(36), w, t.body(), t.text, ui::Weight::Bold);
        // Timeline: newest last, one line a step with its date. The platform's words in the
        // citizen's language when it wrote some, else the state's name from our catalog, else
        // its Chinese: never both, they mostly say the same.
        const int finish_h = t.button_height() + t.px(40);
        std::vector<std::string> lines;
        for (const auto& e : r.timeline) {
            std::string key = "case_status.state." + e.state;
            std::string what = !en && !e.text.empty()   ? e.text
                             : en && !e.text_en.empty() ? e.text_en
                             : m_ctx.strings().has(key) ? tr(key)
                                                        : e.text;
            lines.push_back(date(e.at_ms) + "  " + what);
        }
        // When they do not all fit above 完成, the oldest go: the latest step is what the
        // citizen came for (it was the one cut before, issue 13).
        const int room = (wide ? t.height - t.margin() - finish_h : t.height - t.px(360) - t.px(40)) - y;
        std::vector<int> heights;
        int total = 0;
        for (const auto& line : lines) {
            heights.push_back(t.px(14) + ui::Label(line, t.body(), t.text).measure_height(m_ctx.text(), w));
            total += heights.back();
        }
        size_t first = 0;
        while (first + 1 < lines.size() && total > room) total -= heights[first++];
        for (size_t i = first; i < lines.size(); ++i) {
            bool last = i + 1 == lines.size();
            y = add_text(lines[i], x, y + t.px(14), w, t.body(), last ? t.text : t.muted, last ? ui::Weight::Bold : ui::Weight::Regular);
        }
        auto* b = add<ui::Button>(tr("common.finish"), [this] { emit({Intent::Kind::EndSession, ""}); }, ui::ButtonStyle::Secondary);
        int by = wide ? t.height - m - t.button_height() : std::max(y + t.px(40), t.height - t.px(360));
        b->bounds = {x, std::max(y + t.px(24), std::min(by, t.height - m - t.button_height())), w, t.button_height()};
    }

    int take_me(const std::string& window, int x, int y, int w) {
        std::string win = window;
        auto* b = add<ui::Button>(trf("case_status.take_me", {{"window", win}}),
                                  [this, win] { emit({Intent::Kind::Navigate, "map", {{"window", win}}}); }, ui::ButtonStyle::Primary);
        b->bounds = {x, y, w, theme().button_height()};
        b->id = "take-me";
        return y + theme().button_height();
    }

    /// 补正材料: what to bring, big, then where, then 带我去 that window.
    int build_missing(const CaseResult& r, int m, int y, int w) {
        const auto& t = theme();
        const bool wide = t.landscape();
        std::string docs;
        const bool en = m_ctx.session().language == "en";
        for (size_t i = 0; i < r.missing.size(); ++i) {
            const std::string& d = en && i < r.missing_en.size() && !r.missing_en[i].empty() ? r.missing_en[i] : r.missing[i];
            docs += (docs.empty() ? "" : "\n") + ("· " + d);
        }
        if (!docs.empty()) {
            y = add_text(tr("case_status.bring"), m, y + t.px(wide ? 12 : 24), w, t.body(), t.text, ui::Weight::Bold);
            auto* l = add<ui::Label>(docs, t.title(), t.text, ui::Weight::Bold);
            l->background = t.card;
            l->padding = t.px(wide ? 16 : 24);
            l->id = "missing";
            int h = l->measure_height(m_ctx.text(), w);
            l->bounds = {m, y + t.px(8), w, h};
            y += t.px(8) + h;
        }
        if (r.window.empty()) return add_text(tr("case_status.needs_material_next"), m, y + t.px(16), w, t.body(), t.text);
        // Landscape: where to bring it goes with 带我去 at the top of the right column.
        return wide ? y : bring_to(r, m, y + t.px(16), w);
    }

    /// "请带到 2 楼 10 号窗口" and 带我去 under it.
    int bring_to(const CaseResult& r, int x, int y, int w) {
        const auto& t = theme();
        std::string where = r.floor > 0 ? trf("case_status.bring_to", {{"window", r.window}, {"floor", std::to_string(r.floor)}})
                                        : trf("case_status.bring_to_window", {{"window", r.window}});
        y = add_text(where, x, y, w, t.body(), t.text, ui::Weight::Bold);
        return take_me(r.window, x, y + t.px(16), w);
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
    bool m_show_missing = false;  ///< 查询 was tapped with a field unfinished
};

}  // namespace

KIOSK_SCREEN("case_status", CaseStatusScreen)

}  // namespace kiosk::screens
