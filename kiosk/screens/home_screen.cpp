// Home screen: the kiosk's services as big tiles, language and large-text buttons.
#include <algorithm>
#include <ctime>

#include "kiosk/content/hall_now.h"
#include "kiosk/content/beijing_time.h"
#include "kiosk/screens/guide_util.h"
#include "kiosk/screens/hall_status.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/dates.h"

namespace kiosk::screens {
namespace {

struct Service {
    const char* screen;   // screen to open
    const char* key;      // string key of its name
    ui::Icon icon;        // the tile's pictogram
};

// Order: what citizens come for most first (printing, case status), call-staff last.
const Service kServices[] = {
    {"forms", "service.forms", ui::Icon::Forms},
    {"certificates", "service.certificates", ui::Icon::Certificate},
    {"copy", "service.copy", ui::Icon::Copy},
    {"case_status", "service.case_status", ui::Icon::CaseSearch},
    {"map", "service.map", ui::Icon::Map},
    {"guide", "service.guide", ui::Icon::Guide},
    {"hall_info", "service.hall_info", ui::Icon::HallInfo},
    {"rating", "service.rating", ui::Icon::Rating},
    {"call_staff", "service.call_staff", ui::Icon::Help},
};

class HomeScreen final : public Screen {
public:
    HomeScreen(ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {}
    const char* name() const override { return "home"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        // Header: hall name and today's date on the left, language and large text on the right.
        auto* bar = add<ui::Label>("", t.title(), t.header_text);
        bar->background = t.header;
        // Header buttons as wide as their words need ("Normal text" in large text is wider than 210).
        int bw = t.px(210), bh = std::max(t.min_target(), t.px(96));
        for (const char* key : {"home.other_language", "home.large_text", "home.normal_text"})
            bw = std::max(bw, m_ctx.text().measure(tr(key), t.body(), ui::Weight::Regular).x + 2 * t.px(24));
        int text_w = t.width - 2 * m - 2 * bw - 40;
        int y = add_text(tr("home.hall_name"), m, t.top_inset + t.px(36), text_w, t.title(), t.header_text, ui::Weight::Bold);
        m_clock_label = add<ui::Label>(date_text(), t.body(), t.header_subtext);
        int ch = m_clock_label->measure_height(m_ctx.text(), text_w);
        m_clock_label->bounds = {m, y + 4, text_w, ch};
        int header_h = std::max(t.px(200), y + 4 + ch + t.px(32));
        bar->bounds = {0, 0, t.width, header_h};
        auto* lang = add<ui::Button>(tr("home.other_language"), [this] {
            emit({Intent::Kind::SetLanguage, m_ctx.session().language == "en" ? "zh-CN" : "en"});
        }, ui::ButtonStyle::Header);
        lang->bounds = {t.width - m - bw, t.top_inset + (header_h - t.top_inset - bh) / 2, bw, bh};
        lang->id = "language";
        auto* large = add<ui::Button>(tr(m_ctx.session().large_text ? "home.normal_text" : "home.large_text"),
                                      [this] { emit({Intent::Kind::ToggleLargeText, ""}); }, ui::ButtonStyle::Header);
        large->bounds = {t.width - m - 2 * bw - 20, t.top_inset + (header_h - t.top_inset - bh) / 2, bw, bh};
        large->id = "large-text";

        y = header_h + t.px(36);
        // Landscape with services paused: the band takes the greeting's place, so the tiles keep
        // their height above the printer banner.
        const bool paused = !hall::paused_lines(m_ctx).empty();
        if (!(t.landscape() && paused)) y = add_text(tr("home.greeting"), m, y, t.width - 2 * m, t.title(), t.text, ui::Weight::Bold);
        else y -= t.px(16);
        y = add_remote_notice(y + t.px(16));
        y = add_paused_band(y + t.px(16));
        // Tiles: 2 columns in portrait, 4 in landscape; rows fill the space above the footer.
        int cols = t.landscape() ? 4 : 2;
        int rows = (int(std::size(kServices)) + cols - 1) / cols;
        int gap = t.px(28);
        // Below the tiles: the help line, and room for the app's printer banner so it never
        // covers a tile.
        int hint_h = ui::Label(tr("home.help_hint"), t.small(), t.muted).measure_height(m_ctx.text(), t.width - 2 * m);
        // The banner as tall as it is now (two lines in English), so it never covers a tile.
        int footer_h = hint_h + t.px(16) + std::max(t.px(100), guide::banner_reserve(m_ctx));
        // Today's hours and notices, in what the tiles can spare (they keep at least px(140)).
        y = add_today_band(y + t.px(16), t.height - y - t.px(40) - footer_h - (rows - 1) * gap - rows * t.px(140));
        y += t.px(24);
        int tile_w = (t.width - 2 * m - (cols - 1) * gap) / cols;
        int tile_h = std::max(t.min_target(), (t.height - y - footer_h - (rows - 1) * gap) / rows);
        for (size_t i = 0; i < std::size(kServices); ++i) {
            const Service& s = kServices[i];
            int c = int(i) % cols, r = int(i) / cols;
            std::string screen = s.screen;
            auto* b = add<ui::Button>(tr(s.key), [this, screen] { emit({Intent::Kind::Navigate, screen}); },
                                      ui::ButtonStyle::Tile);
            b->bounds = {m + c * (tile_w + gap), y + r * (tile_h + gap), tile_w, tile_h};
            b->icon = s.icon;
            b->accent = t.tile_accents[i % t.tile_accents.size()];
            b->sublabel = tr(std::string(s.key) + "_hint");
            b->id = screen;
            if (auto why = m_ctx.status().paused_reason(screen); !why.empty()) {
                // Said before the citizen starts, not after they laid their card down; the
                // band above the tiles says why in a sentence.
                b->sublabel = tr("service.paused_" + why.substr(why.find('.') + 1));
                b->enabled = false;
            }
        }
        int fy = y + rows * (tile_h + gap);
        // The help line only where it fits (landscape, large text, a paused band and a printer
        // banner leave the tiles at their minimum): 呼叫帮办 is a tile of its own anyway.
        if (fy + t.px(8) + hint_h <= t.height)
            add_text(tr("home.help_hint"), m, fy + t.px(8), t.width - 2 * m, t.small(), t.muted, ui::Weight::Regular,
                     ui::Align::Center);
    }

    void on_event(const AppEvent& e) override {
        using K = AppEvent::Kind;
        if (e.kind == K::Notice || e.kind == K::PrinterStatus || (e.kind == K::RequestUpdate && e.name == "platform.state"))
            invalidate();
        // Shortcuts: a card laid on the reader starts 证明打印 at the confirmation step; a
        // case receipt scanned here opens 办件查询 with its answer.
        if (e.kind == K::CardPlaced) {
            emit({Intent::Kind::Navigate, "certificates"});
        } else if (auto* c = e.get<ScannedReceipt>(); c && e.kind == K::ReceiptScanned) {
            emit({Intent::Kind::Navigate, "case_status", {{"case_no", c->case_no}, {"query_code", c->query_code}}});
        }
    }

    void on_tick(Clock::time_point) override {
        if (m_notice_until && m_ctx.clock().wall_ms() >= m_notice_until) invalidate();  // notice expired
        // Refresh the date line when the minute changes.
        std::string now = date_text();
        if (m_clock_label && now != m_clock_label->text()) invalidate();
    }

private:
    /// A notice from the platform (sync module, show-notice) until its end time.
    int add_remote_notice(int y) {
        const auto& t = theme();
        const auto& n = m_ctx.services().remote_notice;
        m_notice_until = 0;
        if (!n || n->until_ms <= m_ctx.clock().wall_ms()) return y;
        m_notice_until = n->until_ms;
        auto* band = add<ui::Label>(tr("notice.label") + n->text, t.body(), t.header_text, ui::Weight::Bold);
        band->background = t.header;
        band->padding = t.px(20);
        band->id = "remote-notice";
        int w = t.width - 2 * t.margin(), h = band->measure_height(m_ctx.text(), w);
        band->bounds = {t.margin(), y, w, h};
        return y + h;
    }
    int64_t m_notice_until = 0;

    /// Which services are paused and why, in plain words (nothing when all work); updated
    /// live: the screen rebuilds on every printer and platform change.
    int add_paused_band(int y) {
        auto lines = hall::paused_lines(m_ctx);
        if (lines.empty()) return y - theme().px(16);
        const auto& t = theme();
        std::string text;
        for (const auto& l : lines) text += (text.empty() ? "" : "\n") + l;
        auto* band = add<ui::Label>(text, t.body(), t.error_text, ui::Weight::Bold);
        band->background = t.error_bg;
        band->padding = t.px(20);
        band->id = "paused";
        int w = t.width - 2 * t.margin(), h = band->measure_height(m_ctx.text(), w);
        band->bounds = {t.margin(), y, w, h};
        return y + h;
    }

    /// What the hall offers now, then the notices valid now, in a band under the greeting
    /// (nothing when no content is installed). Returns the y below it.
    int add_today_band(int y, int max_h) {
        const auto& t = theme();
        auto store = guide::store(m_ctx);
        auto hall = store ? store->hall_info() : Result<content::HallInfo>(make_error(Errc::NotFound, ""));
        if (!hall) return y;
        auto now = m_ctx.clock().wall_now();
        std::vector<std::string> lines{hall::now_text(m_ctx, content::hall_now(*hall, content::hall_time(now)))};
        auto notices = store->notices_at(now);
        if (notices)
            for (size_t i = 0; i < notices->size() && i < 2; ++i)
                lines.push_back(trf("guide.home_notice", {{"title", (*notices)[i].title}}));
        auto* band = add<ui::Label>("", t.small(), t.warning_text);
        band->background = t.warning_bg;
        band->padding = t.px(16);
        band->id = "today";
        int w = t.width - 2 * t.margin();
        // The "now" line always, whole: it wraps (English, large text, a long list of the zone's
        // services) and is never cut, since it is what a citizen reads first. Then as many
        // notices as fit whole, newest first.
        std::string text = lines[0];
        band->set_text(text);
        for (size_t i = 1; i < lines.size(); ++i) {
            band->set_text(text + "\n" + lines[i]);
            if (band->measure_height(m_ctx.text(), w) > max_h) break;
            text += "\n" + lines[i];
        }
        band->set_text(text);
        band->bounds = {t.margin(), y, w, band->measure_height(m_ctx.text(), w)};
        return y + band->bounds.h;
    }

    /// The header's date and time: the hall's (Beijing) time, as the band and the content are.
    std::string date_text() const {
        return ui::date_text(m_ctx.strings(), content::beijing_tm(m_ctx.clock().wall_now()), ui::DateStyle::WeekdayDayTime);
    }
    ui::Label* m_clock_label = nullptr;
};

}  // namespace

KIOSK_SCREEN("home", HomeScreen)

}  // namespace kiosk::screens
