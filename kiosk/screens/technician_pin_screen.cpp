// The technician's PIN pad: digits shown as dots, checked by the app (never here), locked after too many wrong PINs.
#include <algorithm>

#include "base/secret.h"
#include "kiosk/screens/screen.h"
#include "kiosk/screens/technician_service.h"

namespace kiosk::screens {
namespace {

// A PIN pad left open goes after this long without a touch: a half-typed PIN must not wait
// long for the next person, and a technician types six digits in a few seconds.
constexpr std::chrono::seconds kPinPadIdle{60};

class TechnicianPinScreen final : public Screen {
public:
    TechnicianPinScreen(ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {}
    ~TechnicianPinScreen() override { wipe(); }
    const char* name() const override { return "technician_pin"; }
    std::optional<std::chrono::seconds> idle_limit() const override { return kPinPadIdle; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        refresh_lock();
        // Header: the title, and 取消 on the right (the corner under the finger that held
        // the home screen's corner stays empty); both below the DEMO band, which grows with
        // the session's text size.
        int top = t.px(44);
        int bh = std::max(t.min_target(), t.px(96));
        int h = top + bh + 16;
        auto* bar = add<ui::Label>("", t.title(), t.header_text);
        bar->background = t.header;
        bar->bounds = {0, 0, t.width, h};
        int bw = t.px(200);
        auto* cancel = add<ui::Button>(tr("technician.cancel"), [this] { leave(); }, ui::ButtonStyle::Header);
        cancel->bounds = {t.width - 16 - bw, top, bw, bh};
        cancel->id = "cancel";
        auto* title = add<ui::Label>(tr("technician.pin_title"), t.title(), t.header_text, ui::Weight::Bold);
        title->max_lines = 1;
        int lw = t.width - 2 * m - bw - 16;
        int lh = std::min(title->measure_height(m_ctx.text(), lw), bh);
        title->bounds = {m, top + (bh - lh) / 2, lw, lh};

        // Landscape: prompt on the left, keys on the right; portrait: keys under the prompt.
        bool wide = t.landscape();
        int text_w = wide ? (t.width - 3 * m) / 2 : t.width - 2 * m;
        int y = h + t.px(wide ? 60 : 80);
        y = add_text(tr("technician.pin_prompt"), m, y, text_w, t.title(), t.text, ui::Weight::Bold, ui::Align::Center) + t.px(40);
        auto* dots = add<ui::Label>(dots_text(), t.huge(), t.text, ui::Weight::Bold, ui::Align::Center);
        dots->background = t.card;
        dots->padding = t.px(24);
        dots->id = "pin-dots";
        int dh = dots->measure_height(m_ctx.text(), text_w);
        dots->bounds = {m, y, text_w, dh};
        y += dh + t.px(32);
        std::string message = message_text();
        if (!message.empty()) {
            bool bad = m_state != State::Checking;
            auto* msg = add<ui::Label>(message, t.body(), bad ? t.error_text : t.muted, ui::Weight::Bold, ui::Align::Center);
            msg->id = "pin-message";
            if (bad) {
                msg->background = t.error_bg;
                msg->padding = t.px(20);
            }
            int mh = msg->measure_height(m_ctx.text(), text_w);
            msg->bounds = {m, y, text_w, mh};
            y += mh + t.px(32);
        }

        // Keys: 3 columns, 4 rows, as big as the space allows.
        int kx = wide ? 2 * m + text_w : m;
        int ky = wide ? h + t.px(60) : y + t.px(16);
        int kw_all = wide ? text_w : t.width - 2 * m;
        int gap = t.px(24);
        int key_w = std::min(t.px(300), (kw_all - 2 * gap) / 3);
        int key_h = std::max(t.min_target(), std::min(t.px(170), (t.height - ky - m - 3 * gap) / 4));
        int x0 = kx + (kw_all - 3 * key_w - 2 * gap) / 2;
        const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
        bool can_type = m_state != State::Checking && m_state != State::Locked;
        for (int i = 0; i < 12; ++i) {
            int r = i / 3, c = i % 3;
            SDL_Rect rect{x0 + c * (key_w + gap), ky + r * (key_h + gap), key_w, key_h};
            ui::Button* b = nullptr;
            if (i == 9) {
                b = add<ui::Button>(tr("technician.key_delete"), [this] { backspace(); }, ui::ButtonStyle::Secondary);
                b->id = "key-delete";
                b->enabled = can_type && !m_digits.empty();
            } else if (i == 11) {
                b = add<ui::Button>(tr("technician.key_ok"), [this] { submit(); }, ui::ButtonStyle::Primary);
                b->id = "key-ok";
                b->enabled = can_type && !m_digits.empty();
            } else {
                char d = labels[i][0];
                b = add<ui::Button>(labels[i], [this, d] { press(d); }, ui::ButtonStyle::Secondary);
                b->id = std::string("key-") + d;
                b->label_px = t.huge();
                b->enabled = can_type && m_digits.size() < kMaxDigits;
            }
            b->bounds = rect;
        }
    }

    void on_event(const AppEvent& e) override {
        if (e.kind != AppEvent::Kind::RequestUpdate || e.name != "technician.pin" || m_state != State::Checking) return;
        const int64_t* value = e.get<int64_t>();
        if (e.text == "ok") {
            // The pad goes; the technician screen takes its place.
            emit({Intent::Kind::Back, ""});
            emit({Intent::Kind::Navigate, "technician"});
            return;
        }
        if (e.text == "wrong") {
            m_state = State::Wrong;
            m_attempts_left = value ? int(*value) : 0;
        } else if (e.text == "locked") {
            m_state = State::Locked;
            m_locked_until = value ? *value : 0;
        } else {
            m_state = State::Failed;
        }
        invalidate();
    }

    void on_tick(Clock::time_point) override {
        // The lock's minutes count down on screen; the keys come back when it ends.
        if (m_state != State::Locked) return;
        int left = minutes_left();
        if (left != m_shown_minutes) invalidate();
    }

    void on_leave() override { wipe(); }

private:
    enum class State { Typing, TooShort, Checking, Wrong, Locked, Failed };
    static constexpr size_t kMaxDigits = 12;
    static constexpr size_t kMinDigits = 6;

    void refresh_lock() {
        const auto& svc = m_ctx.services().technician;
        if (!svc || m_state == State::Checking) return;
        auto [until, left] = svc->pin_lock();
        if (until > m_ctx.clock().wall_ms()) {
            m_state = State::Locked;
            m_locked_until = until;
        } else if (m_state == State::Locked) {
            m_state = State::Typing;
        }
        if (m_state == State::Typing) m_attempts_left = left;
    }

    int minutes_left() const {
        int64_t ms = m_locked_until - m_ctx.clock().wall_ms();
        return ms <= 0 ? 0 : int((ms + 59'999) / 60'000);
    }

    std::string dots_text() const {
        std::string s;
        for (size_t i = 0; i < std::max(kMinDigits, m_digits.size()); ++i) s += i < m_digits.size() ? "●" : "○";
        return s;
    }

    std::string message_text() {
        switch (m_state) {
        case State::TooShort: return tr("technician.pin_too_short");
        case State::Checking: return tr("technician.pin_checking");
        case State::Wrong: return trf("technician.pin_wrong", {{"attempts", std::to_string(m_attempts_left)}});
        case State::Locked:
            m_shown_minutes = minutes_left();
            return trf("technician.pin_locked", {{"minutes", std::to_string(std::max(1, m_shown_minutes))}});
        case State::Failed: return tr("technician.pin_failed");
        case State::Typing: break;
        }
        return {};
    }

    void press(char d) {
        if (m_digits.size() >= kMaxDigits) return;
        m_digits.push_back(d);
        if (m_state != State::Locked) m_state = State::Typing;
        invalidate();
    }
    void backspace() {
        if (!m_digits.empty()) m_digits.pop_back();
        invalidate();
    }
    void submit() {
        if (m_digits.size() < kMinDigits) {
            m_state = State::TooShort;  // not sent, not counted: a slip, not a guess
            invalidate();
            return;
        }
        m_state = State::Checking;
        // The PIN leaves the pad only as a Secret (technician_service.h says why).
        if (const auto& svc = m_ctx.services().technician; svc && svc->check_pin)
            svc->check_pin(Secret(std::string_view(m_digits.data(), m_digits.size())));
        else
            m_state = State::Failed;
        wipe();
        invalidate();
    }
    void leave() {
        wipe();
        emit({Intent::Kind::EndSession, ""});
    }
    void wipe() {
        secure_wipe(m_digits.data(), m_digits.capacity());
        m_digits.clear();
    }

    WipedString m_digits;
    State m_state = State::Typing;
    int m_attempts_left = 0;
    int64_t m_locked_until = 0;
    int m_shown_minutes = -1;
};

}  // namespace

KIOSK_SCREEN("technician_pin", TechnicianPinScreen)

}  // namespace kiosk::screens
