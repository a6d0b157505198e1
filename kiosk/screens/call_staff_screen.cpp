// 呼叫帮办: one big button calls a member of staff to this kiosk; says honestly whether the call got through.
#include <algorithm>

#include "kiosk/screens/screen.h"

namespace kiosk::screens {
namespace {

// Reason codes sent with the call (the platform shows them to staff); labels are
// "call_staff.reason_<code>". Optional: a citizen in trouble should not have to choose.
const char* const kReasons[] = {"printing", "id_card", "how_to", "other"};

class CallStaffScreen final : public Screen {
public:
    CallStaffScreen(ScreenContext& c, const std::map<std::string, std::string>& args) : Screen(c) {
        // Opened from an error screen: `about` is the key of the message it showed. Only a key
        // the catalog knows is taken (anything else is ignored, never shown or sent).
        auto it = args.find("about");
        if (it != args.end() && is_message_key(it->second) && m_ctx.strings().has(it->second)) m_about = it->second;
    }
    const char* name() const override { return "call_staff"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        int top = add_header(tr("call_staff.title"));
        if (m_state != State::Ready && m_state != State::Calling) return build_result(top);

        bool wide = t.landscape();
        int col_w = wide ? (t.width - 3 * m) / 2 : t.width - 2 * m;
        int y = top + t.px(40);
        if (m_about.empty()) {
            y = add_text(tr("call_staff.intro"), m, y, col_w, t.title(), t.text, ui::Weight::Bold) + t.px(24);
        } else {
            // The problem the citizen met, filled in: staff are told it with the call, and
            // the citizen need not describe it again.
            y = add_text(tr("call_staff.about_title"), m, y, col_w, t.body(), t.text, ui::Weight::Bold) + t.px(12);
            auto* about = add<ui::Label>(tr(m_about), t.body(), t.warning_text);
            about->background = t.warning_bg;
            about->padding = t.px(20);
            about->id = "about";
            int h = about->measure_height(m_ctx.text(), col_w);
            about->bounds = {m, y, col_w, h};
            y += h + t.px(24);
        }
        std::string location = this->location();
        if (!location.empty())
            y = add_text(trf("call_staff.location", {{"location", location}}), m, y, col_w, t.body(), t.muted) + t.px(32);

        // The call button: the biggest thing on the screen.
        int call_h = std::max(t.min_target(), t.button_height() * 2);
        int call_y = wide ? t.height - m - call_h : y;
        auto* call = add<ui::Button>(tr(m_state == State::Calling ? "call_staff.calling" : "call_staff.call"), [this] { do_call(); },
                                     ui::ButtonStyle::Danger);
        call->label_px = t.huge();
        call->bounds = {m, call_y, col_w, call_h};
        call->enabled = m_state == State::Ready;
        call->id = "call";

        // Optional reason: below the button in portrait, on the right in landscape. Not asked
        // when the error screen already said what went wrong.
        int x = wide ? 2 * m + col_w : m;
        y = wide ? top + t.px(40) : call_y + call_h + t.px(56);
        if (!m_about.empty()) {
            add_text(tr("call_staff.about_sent"), x, y, col_w, t.body(), t.muted);
            return;
        }
        y = add_text(tr("call_staff.reason_title"), x, y, col_w, t.body(), t.text, ui::Weight::Bold) + t.px(16);
        int gap = t.px(16);
        int bh = std::max(t.min_target(), t.px(104));
        for (const char* code : kReasons) {
            bool on = m_reason == code;
            std::string c = code;
            auto* b = add<ui::Button>((on ? "✓ " : "") + tr("call_staff.reason_" + c), [this, c] {
                m_reason = m_reason == c ? "" : c;  // tap again to unselect
                invalidate();
            }, on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary);
            b->bounds = {x, y, col_w, bh};
            b->enabled = m_state == State::Ready;
            b->id = "reason-" + c;
            y += bh + gap;
        }
    }

    void on_event(const AppEvent& e) override {
        if (e.kind != AppEvent::Kind::RequestUpdate || e.name != "call_staff") return;
        if (m_state == State::Ready) return;  // not our call
        if (e.text == "sent") {
            if (m_state == State::Sent) return;  // a resend's duplicate: keep the first ticket
            auto* ticket = e.get<std::string>();
            m_ticket = ticket ? *ticket : "";
            m_state = State::Sent;
        } else if (e.text == "queued") {
            if (m_state != State::Sent) m_state = State::Queued;  // a late "queued" never hides a ticket
        } else {
            if (m_state != State::Sent) m_state = State::Failed;
        }
        invalidate();
    }

private:
    enum class State { Ready, Calling, Sent, Queued, Failed };

    std::string location() {
        return m_ctx.services().kiosk_location;
    }

    void do_call() {
        if (m_state != State::Ready) return;
        m_state = State::Calling;
        // The reason code chosen, or the message key of the error the citizen came from.
        emit({Intent::Kind::Request, "call_staff", {{"reason", m_about.empty() ? m_reason : m_about}}});
        invalidate();
    }

    void build_result(int top) {
        const auto& t = theme();
        const int m = t.margin();
        int w = t.width - 2 * m;
        int y = top + (t.landscape() ? t.px(60) : t.px(200));
        SDL_Color color = m_state == State::Sent ? t.ok_text : m_state == State::Queued ? t.warning_text : t.error_text;
        const char* title = m_state == State::Sent ? "call_staff.sent_title"
                          : m_state == State::Queued ? "call_staff.queued_title" : "call_staff.failed_title";
        y = add_text(tr(title), m, y, w, t.huge(), color, ui::Weight::Bold, ui::Align::Center) + t.px(40);
        if (m_state == State::Sent) {
            if (!m_ticket.empty()) {
                auto* ticket = add<ui::Label>(trf("call_staff.sent_ticket", {{"ticket", m_ticket}}), t.title(), t.text,
                                              ui::Weight::Bold, ui::Align::Center);
                ticket->background = t.card;
                ticket->padding = t.px(32);
                ticket->id = "ticket";
                int h = ticket->measure_height(m_ctx.text(), w);
                ticket->bounds = {m, y, w, h};
                y += h + t.px(32);
            }
            y = add_text(tr("call_staff.sent_wait"), m, y, w, t.title(), t.text, ui::Weight::Regular, ui::Align::Center);
        } else {
            auto* msg = add<ui::Label>(tr(m_state == State::Queued ? "call_staff.queued" : "call_staff.failed"), t.title(),
                                       t.text, ui::Weight::Regular, ui::Align::Center);
            msg->background = m_state == State::Queued ? t.warning_bg : t.error_bg;
            msg->padding = t.px(32);
            msg->id = "message";
            int h = msg->measure_height(m_ctx.text(), w);
            msg->bounds = {m, y, w, h};
            y += h;
        }
        std::string location = this->location();
        if (!location.empty())
            y = add_text(trf("call_staff.location", {{"location", location}}), m, y + t.px(32), w, t.body(), t.muted,
                         ui::Weight::Regular, ui::Align::Center);
        y += t.px(64);
        int bw = std::min(w, t.px(700));
        if (m_state == State::Failed) {
            auto* again = add<ui::Button>(tr("call_staff.again"), [this] {
                m_state = State::Ready;
                invalidate();
            }, ui::ButtonStyle::Secondary);
            again->bounds = {(t.width - bw) / 2, y, bw, t.button_height()};
            y += t.button_height() + t.px(24);
        }
        auto* home = add<ui::Button>(tr("common.back_home"), [this] { emit({Intent::Kind::Home, ""}); }, ui::ButtonStyle::Primary);
        home->bounds = {(t.width - bw) / 2, y, bw, t.button_height()};
        home->id = "done";
    }

    /// A string key: lower-case letters, digits, '_' and '.', as the catalogs write them.
    static bool is_message_key(const std::string& s) {
        if (s.empty() || s.size() > 64) return false;
        for (char c : s)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) return false;
        return true;
    }

    std::string m_reason;
    std::string m_about;
    std::string m_ticket;
    State m_state = State::Ready;
};

}  // namespace

KIOSK_SCREEN("call_staff", CallStaffScreen)

}  // namespace kiosk::screens
