// 证明打印: ID card or app login code → masked identity → the platform's certificates → preview → print → take it → 好差评.
#include <ctime>

#include "kiosk/content/beijing_time.h"
#include "kiosk/ui/dates.h"
#include "kiosk/screens/certificates_data.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/widget.h"

namespace kiosk::screens {
namespace {

/// After "请取走您的证明" the rating screen follows by itself: long enough to read the line
/// and pick up the paper, short enough that a citizen who walks off is not kept waiting.
constexpr auto kDoneDwell = std::chrono::seconds(12);

/// The first page of the certificate, from pixels the module rendered (never a file).
class PagePicture final : public ui::Widget {
public:
    explicit PagePicture(std::shared_ptr<CertificatePreview> p) : m_page(std::move(p)) {}
    ~PagePicture() override {
        if (m_texture) SDL_DestroyTexture(m_texture);
    }
    const char* type() const override { return "pdf_preview"; }
    void draw(ui::Canvas& c) override {
        ui::fill_rect(c.renderer, bounds, c.theme.border);
        if (!m_page || m_page->pixels.empty()) return;
        if (!m_texture) {
            m_texture = SDL_CreateTexture(c.renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, m_page->width, m_page->height);
            if (m_texture) SDL_UpdateTexture(m_texture, nullptr, m_page->pixels.data(), m_page->pitch);
        }
        SDL_Rect dst{bounds.x + (bounds.w - m_page->width) / 2, bounds.y + (bounds.h - m_page->height) / 2, m_page->width, m_page->height};
        if (m_texture) SDL_RenderCopy(c.renderer, m_texture, nullptr, &dst);
    }

private:
    std::shared_ptr<CertificatePreview> m_page;
    SDL_Texture* m_texture = nullptr;
};

enum class Step { WaitCard, CardError, Confirm, Loading, List, Opening, Preview, Printing, Done, Failed };

class CertificatesScreen final : public Screen {
public:
    CertificatesScreen(ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {
        if (m_ctx.session().card) m_step = Step::Confirm;  // the card was placed on the home screen
    }
    const char* name() const override { return "certificates"; }

    void build() override {
        clear_widgets();
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        bool in_print = m_step == Step::Printing || m_step == Step::Done;
        int y = add_header(tr("service.certificates"), !in_print) + t.px(40);
        switch (m_step) {
        case Step::WaitCard:
            if (!m_ctx.status().reader_ready) {
                // The reader is unplugged or failing: never ask for a card it cannot read
                // (issue 19); the app login code still works.
                y = add_text(tr("certificates.reader_not_ready"), m, y, w, t.title(), t.warning_text, ui::Weight::Bold, ui::Align::Center);
                add_text(tr("certificates.or_scan_login"), m, y + t.px(60), w, t.body(), t.muted, ui::Weight::Regular, ui::Align::Center);
                break;
            }
            y = add_text(tr("certificates.place_card"), m, y, w, t.huge(), t.text, ui::Weight::Bold, ui::Align::Center);
            y = add_text(tr("certificates.place_card_where"), m, y + t.px(30), w, t.title(), t.muted, ui::Weight::Regular, ui::Align::Center);
            y = add_text(tr("certificates.or_scan_login"), m, y + t.px(60), w, t.body(), t.muted, ui::Weight::Regular, ui::Align::Center);
            break;
        case Step::CardError:
            y = add_notice(tr(m_error_key), y, t.error_bg, t.error_text);
            y = add_button(tr("certificates.try_again"), y + t.px(40), ui::ButtonStyle::Primary, [this] { go(Step::WaitCard); });
            y = call_staff_button(y + t.px(24));
            add_button(tr("common.back_home"), y + t.px(24), ui::ButtonStyle::Secondary, [this] { emit({Intent::Kind::EndSession, ""}); });
            break;
        case Step::Confirm: build_confirm(y); break;
        case Step::Loading:
        case Step::Opening: {
            auto* bar = add<ui::ProgressBar>(tr(m_step == Step::Loading ? "certificates.loading" : "certificates.opening"));
            bar->bounds = {m, y + t.px(80), w, t.px(140)};
            break;
        }
        case Step::List: build_list(y); break;
        case Step::Preview: build_preview(y); break;
        case Step::Printing: build_printing(y); break;
        case Step::Done:
            y = add_text(tr("certificates.take_it"), m, y + t.px(60), w, t.huge(), t.ok_text, ui::Weight::Bold, ui::Align::Center);
            y = add_text(tr("certificates.take_card"), m, y + t.px(30), w, t.title(), t.text, ui::Weight::Regular, ui::Align::Center);
            y = add_button(tr("certificates.rate"), y + t.px(80), ui::ButtonStyle::Primary, [this] { to_rating(); });
            add_button(tr("common.finish"), y + t.px(24), ui::ButtonStyle::Secondary, [this] { emit({Intent::Kind::EndSession, ""}); });
            break;
        case Step::Failed:
            y = add_notice(tr(m_error_key), y, t.error_bg, t.error_text);
            if (m_retry) y = add_button(tr("common.retry"), y + t.px(40), ui::ButtonStyle::Primary, m_retry);
            y = call_staff_button(y + t.px(24));
            add_button(tr("common.back_home"), y + t.px(24), ui::ButtonStyle::Secondary, [this] { emit({Intent::Kind::EndSession, ""}); });
            break;
        }
    }

    void on_event(const AppEvent& e) override {
        using K = AppEvent::Kind;
        switch (e.kind) {
        case K::CardPlaced:  // the app keeps the identity in the session; this screen shows it masked
            if (m_step == Step::WaitCard || m_step == Step::CardError) go(Step::Confirm);
            break;
        case K::ReaderFault:
            if (m_step == Step::WaitCard) invalidate();  // the app's status already says ready or not
            break;
        case K::CardInvalid:
            if (m_step == Step::WaitCard || m_step == Step::CardError) {
                m_error_key = e.text == "card.invalid" ? "certificates.card_invalid" : "certificates.card_unreadable";
                go(Step::CardError);
            }
            break;
        case K::CardRemoved:
            if (m_step == Step::Printing || m_step == Step::Done) {
                // The paper is on its way; the identity is not needed any more.
                if (m_ctx.session().card) emit({Intent::Kind::ForgetIdentity, ""});
            } else if (m_step == Step::CardError) {
                go(Step::WaitCard);  // the refused card was taken away: ask for one again
            } else if (m_ctx.session().card) {
                emit({Intent::Kind::EndSession, ""});  // card lifted mid-journey: wipe and start again
            }
            break;
        case K::LoginCodeScanned:
        case K::ReceiptScanned:
        case K::UrlScanned:
        case K::ScanRejected: on_scan(e); break;
        case K::PrinterStatus:
            if (m_step == Step::Preview) invalidate();
            break;
        case K::RequestUpdate: on_reply(e); break;
        default: break;
        }
    }

    void on_tick(Clock::time_point now) override {
        if (m_step == Step::Done && now - m_done_at >= kDoneDwell) to_rating();
    }

    void on_leave() override { drop(); }

private:
    void go(Step s) {
        m_step = s;
        invalidate();
    }

    int add_button(const std::string& label, int y, ui::ButtonStyle style, std::function<void()> fn) {
        const auto& t = theme();
        auto* b = add<ui::Button>(label, std::move(fn), style);
        b->bounds = {t.margin(), y, t.width - 2 * t.margin(), t.button_height()};
        return y + t.button_height();
    }

    /// 呼叫帮办 under an error, with the error's message filled in for staff.
    int call_staff_button(int y) {
        const auto& t = theme();
        auto* b = add_call_staff(m_error_key);
        b->bounds = {t.margin(), y, t.width - 2 * t.margin(), t.button_height()};
        return y + t.button_height();
    }

    int add_notice(const std::string& text, int y, SDL_Color bg, SDL_Color fg) {
        const auto& t = theme();
        auto* l = add<ui::Label>(text, t.title(), fg, ui::Weight::Bold);
        l->background = bg;
        l->padding = t.px(32);
        int w = t.width - 2 * t.margin();
        int h = l->measure_height(m_ctx.text(), w);
        l->bounds = {t.margin(), y, w, h};
        return y + h;
    }

    void build_confirm(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * t.margin();
        const auto& card = m_ctx.session().card;
        y = add_text(tr("certificates.confirm"), m, y, w, t.title(), t.text, ui::Weight::Bold);
        std::string who = card ? trf("certificates.identity", {{"name", card->masked_name}, {"number", card->masked_id_number}})
                               : tr("certificates.app_login");
        y = add_notice(who, y + t.px(30), t.card, t.text);
        y = add_text(tr("certificates.masked_note"), m, y + t.px(16), w, t.small(), t.muted);
        y = add_button(tr("certificates.confirm_yes"), y + t.px(50), ui::ButtonStyle::Primary, [this] { query(); });
        add_button(tr("certificates.confirm_no"), y + t.px(24), ui::ButtonStyle::Secondary, [this] { emit({Intent::Kind::EndSession, ""}); });
    }

    void build_list(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * t.margin();
        if (!m_list || m_list->items.empty()) {
            y = add_notice(tr("certificates.none"), y, t.warning_bg, t.warning_text);
            y = add_text(tr("certificates.none_next"), m, y + t.px(24), w, t.body(), t.text);
            add_button(tr("common.finish"), y + t.px(40), ui::ButtonStyle::Primary, [this] { emit({Intent::Kind::EndSession, ""}); });
            return;
        }
        y = add_text(tr("certificates.choose"), m, y, w, t.title(), t.text, ui::Weight::Bold);
        auto* list = add<ui::ListView>(t.px(170));
        std::vector<ui::ListView::Row> rows;
        // The platform's English where it sent some, else its Chinese as issued (docs/content.md).
        const bool en = m_ctx.strings().language() == "en";
        for (const auto& c : m_list->items) {
            std::string id = c.id, title = c.title;
            std::string shown = en && !c.title_en.empty() ? c.title_en : c.title;
            std::string issuer = en && !c.issuer_en.empty() ? c.issuer_en : c.issuer;
            rows.push_back({shown, issuer + "  " + date(c.issued_ms), [this, id, title, shown] {
                                m_shown_title = shown;
                                open(id, title);
                            },
                            tr("certificates.view")});
        }
        list->set_rows(std::move(rows));
        int h = std::min(int(m_list->items.size()) * t.px(170), t.height - y - t.px(520));
        list->bounds = {m, y + t.px(24), w, h};
        add_button(tr("common.finish"), y + t.px(24) + h + t.px(40), ui::ButtonStyle::Secondary,
                   [this] { emit({Intent::Kind::EndSession, ""}); });
    }

    void build_preview(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * t.margin();
        y = add_text(m_shown_title.empty() ? m_preview->title : m_shown_title, m, y, w, t.title(), t.text, ui::Weight::Bold);
        auto* pic = add<PagePicture>(m_preview);
        pic->bounds = {m, y + t.px(20), w, m_preview_h};
        y += t.px(20) + m_preview_h + t.px(30);
        bool can = m_ctx.status().printer_can_print;
        auto* b = add<ui::Button>(trf("certificates.print", {{"pages", std::to_string(m_preview->pages)}}), [this] { print(); },
                                  ui::ButtonStyle::Primary);
        b->bounds = {m, y, w, t.button_height()};
        b->enabled = can;
        y += t.button_height();
        if (!can) y = add_text(tr("certificates.printer_unavailable"), m, y + t.px(12), w, t.body(), t.error_text, ui::Weight::Bold);
        add_button(tr("certificates.back_to_list"), y + t.px(24), ui::ButtonStyle::Secondary, [this] {
            emit({Intent::Kind::Request, kCertificatesForget});
            m_preview.reset();
            query();  // the ids are one-time: ask again for fresh ones
        });
    }

    void build_printing(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * t.margin();
        auto* bar = add<ui::ProgressBar>(tr(m_print_phase == "sending" ? "certificates.sending" : "certificates.printing"));
        bar->bounds = {m, y + t.px(40), w, t.px(140)};
        y += t.px(220);
        if (!m_stop_reason.empty()) {
            std::string key = m_stop_reason == "media-empty" ? "certificates.stopped_paper" : "certificates.stopped_other";
            y = add_notice(tr(key), y, t.warning_bg, t.warning_text);
            auto* call = add_call_staff(key);
            call->bounds = {m, y + t.px(30), w, t.button_height()};
        } else {
            add_text(tr("certificates.printing_wait"), m, y, w, t.title(), t.text, ui::Weight::Regular, ui::Align::Center);
        }
    }

    void on_scan(const AppEvent& e) {
        if (m_step != Step::WaitCard && m_step != Step::CardError) return;
        if (e.kind == AppEvent::Kind::LoginCodeScanned) {  // the app keeps the token in the session
            go(Step::Confirm);
        } else {
            m_error_key = "certificates.not_login_code";
            go(Step::CardError);
        }
    }

    void on_reply(const AppEvent& e) {
        auto word = [&] { auto p = e.get<std::string>(); return p ? *p : std::string(); };
        if (e.name == kCertificatesQuery && m_step == Step::Loading) {
            if (!e.ok) return fail(word(), [this] { query(); });
            if (auto p = e.get<std::shared_ptr<CertificateList>>()) m_list = *p;
            go(Step::List);
        } else if (e.name == kCertificatesOpen && m_step == Step::Opening) {
            if (!e.ok) return fail(word() == "not_found" ? "gone" : word(), [this] { query(); });
            if (auto p = e.get<std::shared_ptr<CertificatePreview>>()) m_preview = *p;
            go(m_preview ? Step::Preview : Step::List);
        } else if (e.name == kCertificatesPrint && m_step == Step::Printing && !e.ok) {
            fail(word() == "no_printer" ? "no_printer" : "print_failed", nullptr);
        } else if (e.name == "print" && m_step == Step::Printing) {
            m_print_phase = e.text;
            auto p = e.get<std::string>();
            m_stop_reason = e.text == "stopped" && p ? (p->empty() ? "other" : *p) : "";
            if (e.text == "completed" || e.text == "done") {
                m_done_at = m_ctx.clock().now();
                drop();
                go(Step::Done);
            } else if (e.text == "failed" || e.text == "canceled") {
                fail("print_failed", nullptr);  // never resubmitted: a retry could double the print
            } else if (e.text == "needs-attention") {
                fail("print_attention", nullptr);
            } else {
                invalidate();
            }
        }
    }

    void fail(const std::string& word, std::function<void()> retry) {
        static const std::map<std::string, std::string> kKeys = {
            {"offline", "certificates.offline"},        {"timeout", "certificates.slow"},
            {"not_found", "certificates.login_unknown"}, {"gone", "certificates.gone"},
            {"no_identity", "certificates.place_card"},  {"no_printer", "certificates.printer_unavailable"},
            {"print_failed", "certificates.print_failed"}, {"print_attention", "certificates.print_attention"},
        };
        auto it = kKeys.find(word);
        m_error_key = it == kKeys.end() ? "certificates.platform_error" : it->second;
        m_retry = std::move(retry);
        go(Step::Failed);
    }

    void query() {
        go(Step::Loading);
        emit({Intent::Kind::Request, kCertificatesQuery});
    }

    void open(const std::string& id, const std::string& title) {
        const auto& t = theme();
        m_preview_h = t.height - t.px(1000);
        emit({Intent::Kind::Request, kCertificatesOpen,
              {{"id", id}, {"title", title}, {"w", std::to_string(t.width - 2 * t.margin() - 4)}, {"h", std::to_string(m_preview_h - 4)}}});
        go(Step::Opening);
    }

    void print() {
        if (m_step != Step::Preview) return;  // one tap prints once
        m_print_phase = "sending";
        m_stop_reason.clear();
        go(Step::Printing);
        emit({Intent::Kind::Request, kCertificatesPrint});
    }

    void to_rating() {
        if (m_step != Step::Done) return;
        m_step = Step::Failed;  // once
        emit({Intent::Kind::Navigate, "rating", {{"service", "certificates"}}});
    }

    /// The citizen's data on this screen: list, preview, identity (the session wipes the rest).
    void drop() {
        m_list.reset();
        m_preview.reset();
        emit({Intent::Kind::ForgetIdentity, ""});  // the app wipes the identity and any login code
    }

    std::string date(int64_t ms) const {
        if (ms <= 0) return {};
        return ui::date_text(m_ctx.strings(), content::beijing_tm_ms(ms), ui::DateStyle::Day);
    }

    Step m_step = Step::WaitCard;
    std::string m_error_key;
    std::function<void()> m_retry;
    std::shared_ptr<CertificateList> m_list;
    std::shared_ptr<CertificatePreview> m_preview;
    /// The opened certificate's title as the list showed it (English when the platform sent
    /// one); the request keeps the Chinese title, which goes into the audit record.
    std::string m_shown_title;
    int m_preview_h = 0;
    std::string m_print_phase, m_stop_reason;
    Clock::time_point m_done_at{};
};

}  // namespace

KIOSK_SCREEN("certificates", CertificatesScreen)

}  // namespace kiosk::screens
