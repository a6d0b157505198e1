// 复印: ID card (front, turn over, back → one A4 page, optional watermark) or document pages (B/W or colour, 1–20 copies) → preview → print → take it.
#include <algorithm>

#include "kiosk/screens/copy_data.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/widget.h"

namespace kiosk::screens {
namespace {

/// "请取走您的复印件" stays this long, then home: time to read it and take the paper.
constexpr auto kDoneDwell = std::chrono::seconds(12);
constexpr int kMaxCopies = 20;

/// The preview, from pixels the module drew (never a file).
class CopyPicture final : public ui::Widget {
public:
    explicit CopyPicture(std::shared_ptr<CopyPreview> p) : m_page(std::move(p)) {}
    ~CopyPicture() override {
        if (m_texture) SDL_DestroyTexture(m_texture);
    }
    const char* type() const override { return "copy_preview"; }
    void draw(ui::Canvas& c) override {
        ui::fill_rect(c.renderer, bounds, c.theme.border);
        if (!m_page || m_page->pixels.empty()) return;
        if (!m_texture) {
            m_texture = SDL_CreateTexture(c.renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, m_page->width, m_page->height);
            if (m_texture) SDL_UpdateTexture(m_texture, nullptr, m_page->pixels.data(), m_page->pitch);
        }
        // Drawn at its own size, or scaled down (aspect kept) where the layout gives it less room.
        double k = std::min({1.0, double(bounds.w) / m_page->width, double(bounds.h) / m_page->height});
        int dw = int(m_page->width * k), dh = int(m_page->height * k);
        SDL_Rect dst{bounds.x + (bounds.w - dw) / 2, bounds.y + (bounds.h - dh) / 2, dw, dh};
        if (m_texture) SDL_RenderCopy(c.renderer, m_texture, nullptr, &dst);
    }

private:
    std::shared_ptr<CopyPreview> m_page;
    SDL_Texture* m_texture = nullptr;
};

enum class Step { Checking, Choose, IdFront, IdBack, IdPreview, DocSetup, DocPreview, Scanning, Printing, Done, Failed };

class CopyScreen final : public Screen {
public:
    CopyScreen(ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {
        emit({Intent::Kind::Request, kCopyStatus});
    }
    const char* name() const override { return "copy"; }

    void build() override {
        clear_widgets();
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        bool busy = m_step == Step::Scanning || m_step == Step::Printing || m_step == Step::Done;
        int y = add_header(tr("service.copy"), !busy) + t.px(30);
        m_col_x = m;
        m_col_w = w;
        switch (m_step) {
        case Step::Checking: {
            auto* bar = add<ui::ProgressBar>(tr("copy.checking"));
            bar->bounds = {m, y + t.px(80), w, t.px(140)};
            break;
        }
        case Step::Choose: build_choose(y); break;
        case Step::IdFront:
        case Step::IdBack: {
            bool front = m_step == Step::IdFront;
            y = add_text(tr(front ? "copy.front" : "copy.back"), m, y, w, t.title(), t.text, ui::Weight::Bold);
            y = add_text(tr("copy.nothing_kept"), m, y + t.px(24), w, t.small(), t.muted);
            if (t.landscape()) {  // one row: a landscape screen has no height for two
                pair(tr(front ? "copy.scan_front" : "copy.scan_back"), [this, front] { scan(front ? "front" : "back"); }, true,
                     tr("common.cancel"), [this] { finish(); }, false, y + t.px(40));
                break;
            }
            y = button(tr(front ? "copy.scan_front" : "copy.scan_back"), y + t.px(50), ui::ButtonStyle::Primary,
                       [this, front] { scan(front ? "front" : "back"); });
            button(tr("common.cancel"), y + t.px(24), ui::ButtonStyle::Secondary, [this] { finish(); });
            break;
        }
        case Step::IdPreview: build_id_preview(y); break;
        case Step::DocSetup: build_doc_setup(y); break;
        case Step::DocPreview: build_doc_preview(y); break;
        case Step::Scanning: {
            auto* bar = add<ui::ProgressBar>(tr("copy.scanning"));
            bar->bounds = {m, y + t.px(80), w, t.px(140)};
            break;
        }
        case Step::Printing: build_printing(y); break;
        case Step::Done:
            y = add_text(tr("copy.take_it"), m, y + t.px(60), w, t.huge(), t.ok_text, ui::Weight::Bold, ui::Align::Center);
            y = add_text(tr("copy.take_originals"), m, y + t.px(30), w, t.title(), t.text, ui::Weight::Regular, ui::Align::Center);
            button(tr("copy.finish"), y + t.px(80), ui::ButtonStyle::Primary, [this] { emit({Intent::Kind::EndSession, ""}); });
            break;
        case Step::Failed:
            y = notice(tr(m_error_key), y, t.error_bg, t.error_text);
            if (m_retry) y = button(tr("common.retry"), y + t.px(40), ui::ButtonStyle::Primary, m_retry);
            {
                // 呼叫帮办 with the error's message filled in for staff.
                auto* call = add_call_staff(m_error_key);
                call->bounds = {m_col_x, y + t.px(24), m_col_w, t.button_height()};
                y += t.px(24) + t.button_height();
            }
            button(tr("common.back_home"), y + t.px(24), ui::ButtonStyle::Secondary, [this] { finish(); });
            break;
        }
    }

    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::PrinterStatus && (m_step == Step::IdPreview || m_step == Step::DocPreview)) invalidate();
        if (e.kind != AppEvent::Kind::RequestUpdate) return;
        auto word = [&] { auto p = e.get<std::string>(); return p ? *p : std::string(); };
        if (e.name == kCopyStatus && m_step == Step::Checking) {
            if (auto p = e.get<std::shared_ptr<CopyInfo>>(); p && *p) m_info = **p;
            if (!m_info.color) m_color = false;
            go(Step::Choose);
        } else if (e.name == "copy.device" && m_step == Step::Choose) {
            m_info.scanner_ready = e.ok;
            invalidate();
        } else if (e.name == kCopyScan && m_step == Step::Scanning) {
            if (!e.ok) return scan_failed(word());
            if (auto p = e.get<std::shared_ptr<CopyPreview>>()) m_preview = *p;
            if (m_scanning == "front") go(Step::IdBack);
            else if (m_scanning == "back") go(Step::IdPreview);
            else go(Step::DocPreview);
        } else if (e.name == kCopyPrint && m_step == Step::Printing && !e.ok) {
            fail("copy.error_print", nullptr);
        } else if (e.name == "print" && m_step == Step::Printing) {
            m_print_phase = e.text;
            auto p = e.get<std::string>();
            m_stop_reason = e.text == "stopped" && p ? (p->empty() ? "other" : *p) : "";
            if (e.text == "completed" || e.text == "done") {
                m_done_at = m_ctx.clock().now();
                m_preview.reset();
                go(Step::Done);
            } else if (e.text == "failed" || e.text == "canceled" || e.text == "needs-attention") {
                fail("copy.error_print", nullptr);  // never resubmitted: a retry could double the copies
            } else {
                invalidate();
            }
        }
    }

    void on_text(const std::string& s) override {
        if (m_step == Step::IdPreview && m_field) m_field->insert(s), m_watermark = m_field->value();
    }

    void on_tick(Clock::time_point now) override {
        if (m_step == Step::Done && now - m_done_at >= kDoneDwell) {
            m_step = Step::Failed;  // once
            emit({Intent::Kind::EndSession, ""});
        }
    }

    void on_leave() override {
        m_preview.reset();
        if (m_step != Step::Printing && m_step != Step::Done) emit({Intent::Kind::Request, kCopyDiscard});
    }

private:
    void go(Step s) {
        m_step = s;
        invalidate();
    }

    int button(const std::string& label, int y, ui::ButtonStyle style, std::function<void()> fn, bool enabled = true) {
        const auto& t = theme();
        auto* b = add<ui::Button>(label, std::move(fn), style);
        b->bounds = {m_col_x, y, m_col_w, t.button_height()};
        b->enabled = enabled;
        return y + t.button_height();
    }

    int notice(const std::string& text, int y, SDL_Color bg, SDL_Color fg) {
        const auto& t = theme();
        auto* l = add<ui::Label>(text, t.body(), fg, ui::Weight::Bold);
        l->background = bg;
        l->padding = t.px(28);
        int w = m_col_w;
        int h = l->measure_height(m_ctx.text(), w);
        l->bounds = {m_col_x, y, w, h};
        return y + h;
    }

    /// Two buttons side by side in one row.
    int pair(const std::string& a, std::function<void()> fa, bool a_on, const std::string& b, std::function<void()> fb, bool b_on, int y,
             bool b_enabled = true) {
        const auto& t = theme();
        int w = (m_col_w - t.px(24)) / 2;
        auto* l = add<ui::Button>(a, std::move(fa), a_on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary);
        l->bounds = {m_col_x, y, w, t.button_height()};
        auto* r = add<ui::Button>(b, std::move(fb), b_on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary);
        r->bounds = {m_col_x + w + t.px(24), y, w, t.button_height()};
        r->enabled = b_enabled;
        return y + t.button_height();
    }

    bool can_print() const { return m_ctx.status().printer_can_print; }

    void build_choose(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        y = add_text(tr("copy.choose"), m, y, w, t.title(), t.text, ui::Weight::Bold);
        bool ok = m_info.scanner_ready && can_print();
        if (!m_info.scanner_ready) y = notice(tr("copy.no_scanner"), y + t.px(24), t.warning_bg, t.warning_text);
        else if (!can_print()) y = notice(tr("copy.printer_unavailable"), y + t.px(24), t.warning_bg, t.warning_text);
        int th = std::max(t.min_target(), t.px(260));
        int cols = t.landscape() ? 2 : 1, gap = t.px(28), tw = (w - (cols - 1) * gap) / cols;
        y += t.px(36);
        struct Tile { const char* key; std::function<void()> fn; };
        Tile tiles[] = {{"copy.idcard", [this] { go(Step::IdFront); }}, {"copy.document", [this] { m_copies = 1; go(Step::DocSetup); }}};
        for (int i = 0; i < 2; ++i) {
            auto* b = add<ui::Button>(tr(tiles[i].key), tiles[i].fn, ui::ButtonStyle::Tile);
            b->bounds = {m + (i % cols) * (tw + gap), y + (i / cols) * (th + gap), tw, th};
            b->sublabel = tr(std::string(tiles[i].key) + "_hint");
            b->icon = i == 0 ? ui::Icon::IdCard : ui::Icon::Copy;
            b->accent = i == 0 ? t.tile_accents[1] : t.tile_accents[0];
            b->enabled = ok;
        }
        y += (2 / cols) * (th + gap);
        add_text(tr("copy.nothing_kept"), m, y + t.px(10), w, t.small(), t.muted);
    }

    /// The preview: in portrait across the screen, `h` high, and the controls below it; in
    /// landscape in the left part down to the bottom margin, and the controls (m_col_x/w) to
    /// its right from `y` — a landscape screen has no height to spare for both stacked.
    int add_picture(int y, int h) {
        const auto& t = theme();
        auto* pic = add<CopyPicture>(m_preview);
        if (t.landscape()) {
            int pw = preview_width();
            pic->bounds = {t.margin(), y, pw, t.height - y - t.margin()};
            m_col_x = t.margin() + pw + t.px(36);
            m_col_w = t.width - t.margin() - m_col_x;
            return y;
        }
        pic->bounds = {t.margin(), y, t.width - 2 * t.margin(), h};
        return y + h;
    }
    int preview_width() const {
        const auto& t = theme();
        return (t.width - 2 * t.margin()) * 2 / 5;
    }

    void build_id_preview(int y) {
        const auto& t = theme();
        bool not_found = m_preview && !m_preview->card_found;
        if (not_found && !t.landscape()) y = notice(tr("copy.not_found"), y, t.warning_bg, t.warning_text) + t.px(16);
        y = add_picture(y, m_preview_h) + (t.landscape() ? 0 : t.px(20));
        if (not_found && t.landscape()) y = notice(tr("copy.not_found"), y, t.warning_bg, t.warning_text) + t.px(16);
        const int cx = m_col_x, cw = m_col_w;
        y = add_text(tr("copy.watermark"), cx, y, cw, t.small(), t.text);
        int fh = std::max(t.min_target(), t.px(100));
        std::string preset_label = m_watermark.empty() ? tr("copy.watermark_preset") : tr("copy.watermark_none");
        // The preset button is as wide as its words; beside the field when both fit, else below.
        int pw = m_ctx.text().measure(preset_label, t.body(), ui::Weight::Regular).x + 2 * t.px(28);
        // The field must show its whole hint (English is longer) next to the button, else below.
        int hint_w = m_ctx.text().measure(tr("copy.watermark_hint"), t.title(), ui::Weight::Regular).x + 2 * t.px(24);
        bool beside = cw - pw - t.px(24) >= std::max(t.px(360), hint_w);
        int fw = beside ? cw - t.px(24) - pw : cw;
        m_field = add<ui::TextField>(tr("copy.watermark_hint"), 30);
        m_field->bounds = {cx, y + 8, fw, fh};
        m_field->insert(m_watermark);
        m_field->focused = true;
        m_field->id = "watermark";
        m_field->on_change = [this] { m_watermark = m_field->value(); };
        auto* preset = add<ui::Button>(preset_label, [this] {
            m_watermark = m_watermark.empty() ? tr("copy.watermark_preset") : "";
            invalidate();
        }, ui::ButtonStyle::Secondary);
        if (beside) {
            preset->bounds = {cx + fw + t.px(24), y + 8, pw, fh};
        } else {
            y += 8 + fh;
            preset->bounds = {cx, y + t.px(16), std::min(cw, pw), fh};
            y += t.px(8);
        }
        y += 8 + fh + t.px(24);
        y = button(tr("copy.print_id"), y, ui::ButtonStyle::Primary, [this] { print(); }, can_print());
        if (!can_print()) y = add_text(tr("copy.printer_unavailable"), cx, y + t.px(8), cw, t.body(), t.error_text, ui::Weight::Bold);
        pair(tr("copy.rescan"), [this] { go(Step::IdFront); }, false, tr("common.cancel"), [this] { finish(); }, false, y + t.px(24));
    }

    void build_copies_row(int y) {
        const auto& t = theme();
        const int m = m_col_x, w = m_col_w;
        int bw = t.px(160);
        auto* minus = add<ui::Button>("−", [this] { m_copies = std::max(1, m_copies - 1); invalidate(); }, ui::ButtonStyle::Secondary);
        minus->bounds = {m, y, bw, t.button_height()};
        minus->id = "copies-minus";
        minus->enabled = m_copies > 1;
        auto* l = add<ui::Label>(trf("copy.copies", {{"n", std::to_string(m_copies)}}), t.title(), t.text, ui::Weight::Bold,
                                 ui::Align::Center);
        l->bounds = {m + bw, y, w - 2 * bw, t.button_height()};
        auto* plus = add<ui::Button>("+", [this] { m_copies = std::min(kMaxCopies, m_copies + 1); invalidate(); }, ui::ButtonStyle::Secondary);
        plus->bounds = {m + w - bw, y, bw, t.button_height()};
        plus->id = "copies-plus";
        plus->enabled = m_copies < kMaxCopies;
    }

    void build_doc_setup(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        // Landscape: the instruction in body size, so the buttons stay on the screen in large text.
        y = add_text(tr("copy.page_place"), m, y, w, t.landscape() ? t.body() : t.title(), t.text, ui::Weight::Bold);
        if (t.landscape()) {
            // One row: black-and-white/colour on the left half, the copies on the right.
            int half = (w - t.px(36)) / 2, top = y + t.px(36);
            m_col_w = half;
            y = pair(tr("copy.bw"), [this] { m_color = false; invalidate(); }, !m_color, tr("copy.color"),
                     [this] { m_color = true; invalidate(); }, m_color, top, m_info.color);
            m_col_x = m + half + t.px(36);
            build_copies_row(top);
            m_col_x = m;
            m_col_w = w;
            if (!m_info.color) y = add_text(tr("copy.color_unavailable"), m, y + t.px(8), half, t.small(), t.muted);
        } else {
            y = pair(tr("copy.bw"), [this] { m_color = false; invalidate(); }, !m_color, tr("copy.color"),
                     [this] { m_color = true; invalidate(); }, m_color, y + t.px(36), m_info.color);
            if (!m_info.color) y = add_text(tr("copy.color_unavailable"), m, y + t.px(8), w, t.small(), t.muted);
            build_copies_row(y + t.px(24));
            y += t.px(24) + t.button_height();
        }
        y = add_text(tr("copy.nothing_kept"), m, y + t.px(20), w, t.small(), t.muted);
        if (t.landscape()) {
            // No height for two full-width rows: scan and cancel share one.
            pair(trf("copy.scan_page", {{"n", "1"}}), [this] { scan("page"); }, true, tr("common.cancel"), [this] { finish(); }, false,
                 y + t.px(32));
            return;
        }
        y = button(trf("copy.scan_page", {{"n", "1"}}), y + t.px(40), ui::ButtonStyle::Primary, [this] { scan("page"); });
        button(tr("common.cancel"), y + t.px(24), ui::ButtonStyle::Secondary, [this] { finish(); });
    }

    void build_doc_preview(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        int pages = m_preview ? m_preview->pages : 0;
        if (!t.landscape()) y = add_text(trf("copy.scanned", {{"n", std::to_string(pages)}}), m, y, w, t.title(), t.text, ui::Weight::Bold) + t.px(16);
        y = add_picture(y, m_preview_h) + (t.landscape() ? 0 : t.px(20));
        if (t.landscape())
            y = add_text(trf("copy.scanned", {{"n", std::to_string(pages)}}), m_col_x, y, m_col_w, t.title(), t.text, ui::Weight::Bold) + t.px(24);
        build_copies_row(y);
        y += t.button_height() + t.px(24);
        y = button(trf("copy.print_pages", {{"n", std::to_string(pages)}, {"copies", std::to_string(m_copies)}}), y,
                   ui::ButtonStyle::Primary, [this] { print(); }, can_print());
        if (!can_print()) y = add_text(tr("copy.printer_unavailable"), m_col_x, y + t.px(8), m_col_w, t.body(), t.error_text, ui::Weight::Bold);
        pair(trf("copy.scan_page", {{"n", std::to_string(pages + 1)}}), [this] { scan("page"); }, false, tr("copy.start_over"),
             [this] {
                 emit({Intent::Kind::Request, kCopyDiscard});
                 m_preview.reset();
                 go(Step::DocSetup);
             },
             false, y + t.px(24));
    }

    void build_printing(int y) {
        const auto& t = theme();
        const int m = t.margin(), w = t.width - 2 * m;
        auto* bar = add<ui::ProgressBar>(tr(m_print_phase == "sending" ? "copy.sending" : "copy.printing"));
        bar->bounds = {m, y + t.px(40), w, t.px(140)};
        y += t.px(220);
        if (!m_stop_reason.empty()) {
            std::string key = m_stop_reason == "media-empty" ? "copy.stopped_paper" : "copy.stopped_other";
            y = notice(tr(key), y, t.warning_bg, t.warning_text);
            auto* call = add_call_staff(key);
            call->bounds = {m_col_x, y + t.px(30), m_col_w, t.button_height()};
        }
    }

    void scan(const std::string& what) {
        const auto& t = theme();
        // The preview takes what the buttons and texts below it leave.
        // Portrait: what the header, the texts and the buttons below the picture leave (about
        // px(880) in both text sizes, checked by the layout walk in tests/screens).
        m_preview_h = std::max(t.px(300), t.height - t.px(880));
        // Landscape: the left part of the screen below the header (add_picture).
        int pw = t.landscape() ? preview_width() : t.width - 2 * t.margin();
        int ph = t.landscape() ? t.height - t.px(260) : m_preview_h;
        m_scanning = what;
        go(Step::Scanning);
        emit({Intent::Kind::Request, kCopyScan,
              {{"what", what}, {"mode", m_color ? "color" : "gray"}, {"w", std::to_string(pw - 4)}, {"h", std::to_string(ph - 4)}}});
    }

    void scan_failed(const std::string& word) {
        static const std::map<std::string, std::string> kKeys = {
            {"cover_open", "copy.error_cover_open"}, {"jammed", "copy.error_jammed"}, {"busy", "copy.error_busy"},
            {"gone", "copy.error_gone"},             {"no_scanner", "copy.error_no_scanner"},
        };
        auto it = kKeys.find(word);
        Step back = m_scanning == "front" ? Step::IdFront : m_scanning == "back" ? Step::IdBack : m_preview ? Step::DocPreview : Step::DocSetup;
        fail(it == kKeys.end() ? "copy.error_failed" : it->second, [this, back] { go(back); });
    }

    void fail(const std::string& key, std::function<void()> retry) {
        m_error_key = key;
        m_retry = std::move(retry);
        go(Step::Failed);
    }

    void print() {
        if (m_step != Step::IdPreview && m_step != Step::DocPreview) return;  // one tap prints once
        bool id = m_step == Step::IdPreview;
        m_print_phase = "sending";
        m_stop_reason.clear();
        go(Step::Printing);
        emit({Intent::Kind::Request, kCopyPrint, {{"copies", std::to_string(id ? 1 : m_copies)}, {"watermark", id ? m_watermark : ""}}});
    }

    void finish() {
        emit({Intent::Kind::Request, kCopyDiscard});
        emit({Intent::Kind::EndSession, ""});
    }

    Step m_step = Step::Checking;
    CopyInfo m_info;
    bool m_color = false;
    int m_copies = 1;
    std::string m_scanning, m_watermark, m_error_key, m_print_phase, m_stop_reason;
    std::function<void()> m_retry;
    std::shared_ptr<CopyPreview> m_preview;
    ui::TextField* m_field = nullptr;
    int m_preview_h = 0;
    int m_col_x = 0, m_col_w = 0;  ///< where the controls go: the whole width, or right of a landscape preview
    Clock::time_point m_done_at{};
};

}  // namespace

KIOSK_SCREEN("copy", CopyScreen)

}  // namespace kiosk::screens
