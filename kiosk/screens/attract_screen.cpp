// Attract screen: shown after a long idle; says what works now, rotates the hall's hours, the 24-hour zone and where the lift is; any touch opens the home screen, a placed card or a scanned receipt goes straight into its journey.
#include <chrono>

#include "kiosk/content/hall_now.h"
#include "kiosk/screens/guide_util.h"
#include "kiosk/screens/hall_status.h"
#include "kiosk/screens/screen.h"

namespace kiosk::screens {
namespace {

/// How long each fact stays up: long enough to read two lines at a glance from a few steps
/// away (about 20 characters a second for a slow reader), short enough that a passer-by sees
/// more than one.
constexpr std::chrono::seconds kRotateEvery{8};

class AttractScreen final : public Screen {
public:
    AttractScreen(ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {}
    const char* name() const override { return "attract"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        auto* bg = add<ui::Button>("", [this] { emit({Intent::Kind::Home, ""}); }, ui::ButtonStyle::Primary);
        bg->bounds = {0, t.top_inset, t.width, t.height - t.top_inset};  // below the DEMO band
        bg->id = "attract";
        const SDL_Color soft = t.header_subtext;
        // Landscape: the welcome on the left, what works and the rotating fact on the right
        // (one column does not fit 1080 px in large text).
        const bool wide = t.landscape();
        const int cw = wide ? (t.width - 3 * m) / 2 : w;
        int y = t.top_inset + t.px(wide ? 80 : 160);
        y = add_text(tr("home.hall_name"), m, y, cw, t.title(), t.primary_text, ui::Weight::Bold, ui::Align::Center);
        y = add_text(tr("attract.title"), m, y + t.px(wide ? 40 : 60), cw, t.huge(), t.primary_text, ui::Weight::Bold,
                     ui::Align::Center);
        y = add_text(tr("attract.touch"), m, y + t.px(wide ? 40 : 60), cw, t.title(), t.primary_text, ui::Weight::Regular,
                     ui::Align::Center);
        y = add_text(tr("attract.card_or_receipt"), m, y + t.px(16), cw, t.body(), soft, ui::Weight::Regular, ui::Align::Center);
        const int x = wide ? 2 * m + cw : m;
        if (wide) y = t.top_inset + t.px(80) - t.px(40);
        // What does not work now, before anyone walks up (the same words as the home screen).
        auto lines = hall::paused_lines(m_ctx);
        if (!lines.empty()) {
            std::string text;
            for (const auto& l : lines) text += (text.empty() ? "" : "\n") + l;
            auto* band = add<ui::Label>(text, t.body(), t.error_text, ui::Weight::Bold);
            band->background = t.error_bg;
            band->padding = t.px(20);
            band->id = "paused";
            int h = band->measure_height(m_ctx.text(), cw);
            band->bounds = {x, y + t.px(40), cw, h};
            y += t.px(40) + h;
        }
        // One fact at a time, in a card that keeps its place as they change (smaller type when
        // the title size would not fit what is left).
        auto facts = this->facts();
        if (!facts.empty()) {
            const auto& fact = facts[m_index % facts.size()];
            const int bottom = t.height - t.px(wide ? 40 : 80);
            int px = t.title();
            auto* card = add<ui::Label>(fact, px, t.text, ui::Weight::Bold, ui::Align::Center);
            card->padding = t.px(32);
            int h = card->measure_height(m_ctx.text(), cw);
            if (bottom - h < y + t.px(40)) {
                m_widgets.pop_back();
                card = add<ui::Label>(fact, t.body(), t.text, ui::Weight::Bold, ui::Align::Center);
                card->padding = t.px(24);
                h = card->measure_height(m_ctx.text(), cw);
            }
            card->background = t.card;
            card->id = "attract-info";
            card->bounds = {x, std::max(y + t.px(40), bottom - h), cw, h};
        }
    }

    void on_event(const AppEvent& e) override {
        using K = AppEvent::Kind;
        if (e.kind == K::PrinterStatus || (e.kind == K::RequestUpdate && e.name == "platform.state") || e.kind == K::ContentChanged)
            invalidate();
        // Straight into the journey, as on the home screen (home first, so 返回 leads there and
        // not back to this screen). A paused service still opens: its screen says why.
        if (e.kind == K::CardPlaced) {
            emit({Intent::Kind::Home, ""});
            emit({Intent::Kind::Navigate, "certificates"});
        } else if (auto* c = e.get<ScannedReceipt>(); c && e.kind == K::ReceiptScanned) {
            emit({Intent::Kind::Home, ""});
            emit({Intent::Kind::Navigate, "case_status", {{"case_no", c->case_no}, {"query_code", c->query_code}}});
        }
    }

    void on_tick(Clock::time_point now) override {
        if (!m_started) m_started = true, m_last = now;
        if (now - m_last >= kRotateEvery) {
            m_last = now;
            ++m_index;
            invalidate();
        }
    }

private:
    /// The hall's hours now, the 24-hour zone, where the lift is: whichever the content gives.
    std::vector<std::string> facts() {
        std::vector<std::string> out;
        auto store = guide::store(m_ctx);
        auto hall = store ? store->hall_info() : Result<content::HallInfo>(make_error(Errc::NotFound, ""));
        if (hall) {
            auto now = content::hall_now(*hall, content::hall_time(m_ctx.clock().wall_now()));
            out.push_back(hall::now_text(m_ctx, now));
            if (auto z = hall::zone_text(m_ctx, *hall, now); !z.empty()) out.push_back(z);
        }
        if (auto lift = hall::lift_text(m_ctx); !lift.empty()) out.push_back(lift);
        return out;
    }

    size_t m_index = 0;
    bool m_started = false;
    Clock::time_point m_last{};
};

}  // namespace

KIOSK_SCREEN("attract", AttractScreen)

}  // namespace kiosk::screens
