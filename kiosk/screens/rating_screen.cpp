// 好差评: five big satisfaction levels, optional reasons, sent as an anonymous rating record.
#include <algorithm>
#include <set>

#include "kiosk/screens/screen.h"

namespace kiosk::screens {
namespace {

// After the thank-you the kiosk goes home by itself: long enough to read two lines slowly,
// short enough that the next citizen does not find this screen.
constexpr auto kThanksShown = std::chrono::seconds(8);

// 5 = 非常满意 … 1 = 非常不满意 (docs/platform-protocol.md); shown best first.
const int kLevels[] = {5, 4, 3, 2, 1};
// Reason codes go to the platform (stable across languages); labels are "rating.reason_<code>".
const char* const kGoodReasons[] = {"easy", "fast", "clear", "print", "no_queue"};
const char* const kBadReasons[] = {"hard", "slow", "unclear", "broken", "print_bad", "other"};

std::string stars(int level) {
    std::string s;
    for (int i = 0; i < 5; ++i) s += i < level ? "★" : "☆";
    return s;
}

class RatingScreen final : public Screen {
public:
    RatingScreen(ScreenContext& c, const std::map<std::string, std::string>& args) : Screen(c) {
        if (auto it = args.find("service"); it != args.end()) m_service = it->second;
    }
    const char* name() const override { return "rating"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        int top = add_header(tr("rating.title"), m_state == State::Choosing);
        if (m_state == State::Thanks || m_state == State::Failed) return build_result(top);

        bool wide = t.landscape();
        int col_w = wide ? (t.width - 3 * m) / 2 : t.width - 2 * m;
        int y = top + t.px(32);
        std::string prompt = service_name().empty() ? tr("rating.prompt")
                                                    : trf("rating.prompt_service", {{"service", service_name()}});
        y = add_text(prompt, m, y, col_w, t.title(), t.text, ui::Weight::Bold) + t.px(24);

        // The five levels, one big button each; the chosen one is filled.
        int gap = t.px(18);
        int bottom = wide ? t.height - m : t.height * 11 / 20;  // portrait: reasons and submit below
        int bh = std::clamp((bottom - y - 4 * gap) / 5, t.min_target(), t.button_height() + t.px(20));
        // Stars under the words only when both fit (large text in landscape: the words alone).
        auto& text = m_ctx.text();
        bool with_stars = bh >= text.measure(tr("rating.level5"), t.title(), ui::Weight::Bold).y +
                                    text.measure(stars(5), t.small(), ui::Weight::Regular).y + t.px(8);
        for (int level : kLevels) {
            std::string key = "rating.level" + std::to_string(level);
            auto* b = add<ui::Button>(tr(key), [this, level] { choose(level); },
                                      level == m_level ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary);
            if (with_stars) b->sublabel = stars(level);
            b->label_px = t.title();
            b->bounds = {m, y, col_w, bh};
            b->id = "level-" + std::to_string(level);
            b->enabled = m_state == State::Choosing;
            y += bh + gap;
        }

        // Reasons (optional) and submit: below in portrait, in the right column in landscape.
        int x = wide ? 2 * m + col_w : m;
        y = wide ? top + t.px(32) : y + t.px(16);
        if (m_level == 0) {
            y = add_text(tr("rating.choose_level"), x, y, col_w, t.body(), t.muted);
        } else {
            y = add_text(tr(m_level >= 3 ? "rating.reasons_good" : "rating.reasons_bad"), x, y, col_w, t.body(), t.text,
                         ui::Weight::Bold) + t.px(16);
            y = add_reasons(x, y, col_w);
        }
        int submit_h = t.button_height();
        int privacy_h = measure(tr("rating.privacy"), col_w, t.small());
        int sy = std::max(y + t.px(32), t.height - m - privacy_h - t.px(16) - submit_h);
        // Where the screen is too short (large text in landscape) the privacy line goes first.
        bool with_privacy = sy + submit_h + t.px(16) + privacy_h <= t.height;
        if (!with_privacy) sy = std::max(y + t.px(24), t.height - m - submit_h);
        auto* submit = add<ui::Button>(tr(m_state == State::Submitting ? "rating.submitting" : "rating.submit"),
                                       [this] { submit_rating(); }, ui::ButtonStyle::Primary);
        submit->bounds = {x, sy, col_w, submit_h};
        submit->enabled = m_level != 0 && m_state == State::Choosing;
        submit->id = "submit";
        if (with_privacy)
            add_text(tr("rating.privacy"), x, sy + submit_h + t.px(16), col_w, t.small(), t.muted, ui::Weight::Regular,
                     ui::Align::Center);
    }

    void on_event(const AppEvent& e) override {
        if (e.kind != AppEvent::Kind::RequestUpdate || e.name != "rate" || m_state != State::Submitting) return;
        m_state = e.ok ? State::Thanks : State::Failed;
        m_shown_at = m_ctx.clock().now();
        invalidate();
    }

    void on_tick(Clock::time_point now) override {
        if (m_state == State::Thanks && now - m_shown_at >= kThanksShown) {
            m_state = State::Done;
            emit({Intent::Kind::Home, ""});
        }
    }

private:
    enum class State { Choosing, Submitting, Thanks, Failed, Done };

    void choose(int level) {
        // The reason lists differ for satisfied and dissatisfied: switching side clears them.
        if ((level >= 3) != (m_level >= 3)) m_reasons.clear();
        m_level = level;
        invalidate();
    }

    int measure(const std::string& text, int w, int px) {
        ui::Label l(text, px, theme().muted);
        return l.measure_height(m_ctx.text(), w);
    }

    /// Reason chips flowing left to right; a chosen chip is filled and ticked.
    int add_reasons(int x0, int y, int w) {
        const auto& t = theme();
        int gap = t.px(16), h = std::max(t.min_target(), t.px(96)), pad = t.px(40);
        int x = x0;
        auto add_chip = [&](const std::string& code) {
            bool on = m_reasons.count(code) > 0;
            std::string label = (on ? "✓ " : "") + tr("rating.reason_" + code);
            int cw = std::min(w, m_ctx.text().measure(label, t.body(), ui::Weight::Regular).x + 2 * pad);
            if (x > x0 && x + cw > x0 + w) {
                x = x0;
                y += h + gap;
            }
            auto* b = add<ui::Button>(label, [this, code] {
                if (!m_reasons.erase(code)) m_reasons.insert(code);
                invalidate();
            }, on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary);
            b->bounds = {x, y, cw, h};
            b->id = "reason-" + code;
            b->enabled = m_state == State::Choosing;
            x += cw + gap;
        };
        if (m_level >= 3)
            for (const char* r : kGoodReasons) add_chip(r);
        else
            for (const char* r : kBadReasons) add_chip(r);
        return y + h;
    }

    void submit_rating() {
        if (m_level == 0 || m_state != State::Choosing) return;
        std::string reasons;
        for (const auto& r : m_reasons) reasons += (reasons.empty() ? "" : ",") + r;
        m_state = State::Submitting;
        emit({Intent::Kind::Request, "rate", {{"level", std::to_string(m_level)}, {"reasons", reasons}, {"service", m_service}}});
        invalidate();
    }

    void build_result(int top) {
        const auto& t = theme();
        const int m = t.margin();
        int w = std::min(t.width - 2 * m, t.px(900) > t.width - 2 * m ? t.width - 2 * m : t.px(900));
        int x = (t.width - w) / 2;
        bool ok = m_state == State::Thanks;
        int y = top + (t.landscape() ? t.px(80) : t.px(240));
        auto* mark = add<ui::Label>(ok ? "✓" : "!", t.huge() * 2, ok ? t.ok_text : t.error_text, ui::Weight::Bold,
                                    ui::Align::Center);
        int mh = mark->measure_height(m_ctx.text(), w);
        mark->bounds = {x, y, w, mh};
        y += mh + t.px(24);
        y = add_text(tr(ok ? "rating.thanks_title" : "rating.failed_title"), x, y, w, t.huge(), ok ? t.ok_text : t.error_text,
                     ui::Weight::Bold, ui::Align::Center) + t.px(24);
        y = add_text(tr(ok ? "rating.thanks" : "rating.failed"), x, y, w, t.body(), t.text, ui::Weight::Regular,
                     ui::Align::Center) + t.px(64);
        auto* home = add<ui::Button>(tr("common.back_home"), [this] {
            m_state = State::Done;
            emit({Intent::Kind::Home, ""});
        }, ui::ButtonStyle::Primary);
        home->bounds = {x, y, w, t.button_height()};
        home->id = "done";
    }

    std::string m_service;  ///< the service's id ("certificates"): what the rating record carries

    /// The service's name as its home tile says it, in the citizen's language; empty (the
    /// general question) for an id the catalogs do not name, so an internal id never shows.
    std::string service_name() const {
        std::string key = "service." + m_service;
        return !m_service.empty() && m_ctx.strings().has(key) ? tr(key) : std::string();
    }
    int m_level = 0;
    std::set<std::string> m_reasons;
    State m_state = State::Choosing;
    Clock::time_point m_shown_at{};
};

}  // namespace

KIOSK_SCREEN("rating", RatingScreen)

}  // namespace kiosk::screens
