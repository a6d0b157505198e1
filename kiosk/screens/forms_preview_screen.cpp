// Form preview: the first page of the form, Print (with the job's progress), and a QR code to
// get it on the phone. args: {"form": id, "code": item code}.
#include <algorithm>

#include "kiosk/screens/guide_util.h"
#include "kiosk/ui/pdf_preview.h"

namespace kiosk::screens {
namespace {

class FormPreviewScreen final : public guide::ContentScreen {
public:
    FormPreviewScreen(ScreenContext& c, const std::map<std::string, std::string>& a)
        : ContentScreen(c), m_form_id(a.count("form") ? a.at("form") : ""), m_code(a.count("code") ? a.at("code") : "") {}
    const char* name() const override { return "form_preview"; }

    void build() override {
        const auto& t = theme();
        const int m = t.margin();
        int top = add_header(tr("guide.form_title"));
        auto store = guide::store(m_ctx);
        if (!store) return add_no_content(top);
        std::optional<content::Form> form;
        if (auto forms = store->forms_of(m_code))
            for (const auto& f : *forms)
                if (f.id == m_form_id) form = f;
        if (!form) {
            add_text(tr("guide.form_not_found"), m, top + t.px(120), t.width - 2 * m, t.title(), t.text, ui::Weight::Bold,
                     ui::Align::Center);
            return;
        }
        m_file = form->path;
        auto item = store->item(m_code);
        // The form's own address: the phone gets this PDF, not the item's page.
        std::string url = form->url;
        m_can_print = m_ctx.status().printer_can_print;

        bool wide = t.landscape();
        int gap = t.px(24), pad = t.px(28);
        const int H = t.height - guide::banner_reserve(m_ctx);  // the printer banner covers the rest
        int y = top + gap;
        int side_w = wide ? std::max(t.px(560), 600) : t.width - 2 * m;  // the action column
        int side_x = wide ? t.width - m - side_w : m;
        // Landscape: what the form is and where it goes over the page on the left, the actions
        // (print, QR code) on the right, so a long purpose in large text never pushes the QR
        // code off the screen. Portrait: all of it across the top.
        int text_w = wide ? side_x - 2 * m : t.width - 2 * m;
        int ty = add_text(form->title, m, y, text_w, t.title(), t.text, ui::Weight::Bold);
        if (item) ty = add_text(trf("guide.form_for", {{"name", item->name}}), m, ty + t.px(8), text_w, t.small(), t.muted);
        // What the form is for and which window takes it once filled in (the item's windows).
        if (!form->purpose.empty())
            ty = add_text(trf("guide.form_purpose", {{"purpose", form->purpose}}), m, ty + t.px(8), text_w, t.small(), t.text);
        if (item && !item->windows.empty())
            ty = add_text(trf("guide.form_hand_in", {{"where", guide::where_text(m_ctx.strings(), item->floor, item->windows)},
                                                      {"department", item->department_name}}),
                          m, ty + t.px(8), text_w, t.small(), t.text, ui::Weight::Bold);
        ty += gap;

        // Action block: print button, its status, and the QR code.
        int qr_side = url.empty() ? 0 : (wide ? std::min(t.px(300), 340) : std::min(t.px(280), 320));
        int ax = wide ? side_x : m + (qr_side ? qr_side + pad : 0);
        int aw = wide ? side_w : t.width - m - ax;
        std::string status = status_text();
        bool unavailable = !m_can_print && !busy() && m_phase != "done";
        if (unavailable) {  // why the button is grey, in words
            const auto& key = m_ctx.status().printer_message_key;
            status = (key.empty() ? tr("printer.offline") : tr(key)) + tr("guide.print_unavailable_tail");
        }
        auto* print = add<ui::Button>(tr("guide.print"), [this] { print_form(); }, ui::ButtonStyle::Primary);
        print->enabled = m_can_print && !busy();
        print->id = "print";
        auto* st = add<ui::Label>(status, t.body(), unavailable ? t.error_text : status_color(), ui::Weight::Bold);
        st->id = "print-status";
        int st_h = status.empty() ? 0 : st->measure_height(m_ctx.text(), aw);
        auto* qcap = add<ui::Label>(url.empty() ? tr("guide.form_no_download") : tr("guide.scan_to_download"), t.small(), t.text);
        int qcap_h = qcap->measure_height(m_ctx.text(), wide ? side_w : aw);
        bool show_cancel = m_phase == "stopped" || m_phase == "needs-attention";
        int block_h = t.button_height() + (st_h ? gap + st_h : 0) + (show_cancel ? gap + t.button_height() : 0);
        SDL_Rect preview_area;
        if (wide) {
            int ay = top + gap;
            print->bounds = {ax, ay, aw, t.button_height()};
            ay += t.button_height() + gap;
            if (st_h) st->bounds = {ax, ay, aw, st_h}, ay += st_h + gap;
            ay = add_cancel(show_cancel, ax, ay, aw);
            if (qr_side) {
                auto* qr = add<ui::QrView>(url);
                qr->id = "download-qr";
                qr->bounds = {ax, ay, qr_side, qr_side};
                qcap->bounds = {ax + qr_side + gap, ay, aw - qr_side - gap, qcap->measure_height(m_ctx.text(), aw - qr_side - gap)};
            } else {
                qcap->bounds = {ax, ay, aw, qcap_h};
            }
            preview_area = {m, ty, side_x - 2 * m, H - ty - gap};
        } else {
            int panel_h = std::max(qr_side, block_h + gap + qcap_h) + 2 * pad;
            int py = H - panel_h;
            auto* bg = add<ui::Label>("", t.body(), t.text);
            bg->background = t.card;
            bg->bounds = {0, py, t.width, panel_h};
            // The background must be under the block: move it before the block's widgets.
            auto it = std::find_if(m_widgets.begin(), m_widgets.end(), [&](auto& w) { return w.get() == print; });
            std::rotate(it, m_widgets.end() - 1, m_widgets.end());
            int ay = py + pad;
            if (qr_side) {
                auto* qr = add<ui::QrView>(url);
                qr->id = "download-qr";
                qr->bounds = {m, ay, qr_side, qr_side};
            }
            qcap->bounds = {ax, ay, aw, qcap_h};
            ay += qcap_h + gap;
            print->bounds = {ax, ay, aw, t.button_height()};
            ay += t.button_height() + gap;
            if (st_h) st->bounds = {ax, ay, aw, st_h}, ay += st_h + gap;
            add_cancel(show_cancel, ax, ay, aw);
            preview_area = {m, ty, t.width - 2 * m, py - ty - gap};
        }
        auto* pv = add<ui::PdfPreview>(form->path, tr("guide.preview_failed"));
        pv->bounds = preview_area;
        pv->id = "form-preview";
    }

    void on_event(const AppEvent& e) override {
        if (e.kind == AppEvent::Kind::ContentChanged || e.kind == AppEvent::Kind::PrinterStatus) invalidate();
        if (e.kind == AppEvent::Kind::RequestUpdate && e.name == "print" && m_sent) {
            m_phase = e.text == "completed" ? "done" : e.text;  // the print service says "completed"
            m_stop_reason.clear();
            if (auto* r = e.get<std::string>()) m_stop_reason = *r;
            invalidate();
        }
    }

    void on_tick(Clock::time_point) override {
        if (m_ctx.status().printer_can_print != m_can_print) invalidate();
    }

private:
    bool busy() const { return m_phase == "sending" || m_phase == "printing" || m_phase == "stopped" || m_phase == "queued"; }

    void print_form() {
        if (m_file.empty()) return;
        m_sent = true;
        m_phase = "sending";
        m_stop_reason.clear();
        emit({Intent::Kind::Request, "print", {{"file", m_file}, {"name", "form"}}});
        invalidate();
    }

    int add_cancel(bool show, int x, int y, int w) {
        if (!show) return y;
        auto* c = add<ui::Button>(tr("guide.cancel_print"), [this] {
            emit({Intent::Kind::CancelRequest, "print"});
        });
        c->bounds = {x, y, w, theme().button_height()};
        return y + theme().button_height() + theme().px(24);
    }

    std::string status_text() const {
        if (m_phase.empty()) return "";
        if (m_phase == "stopped") {
            std::string key = "guide.stop." + m_stop_reason;
            std::string reason = m_ctx.strings().has(key) ? tr(key) : tr("guide.stop.other");
            return trf("guide.print_stopped", {{"reason", reason}});
        }
        std::string key = "guide.print_" + m_phase;
        for (char& ch : key)
            if (ch == '-') ch = '_';
        return m_ctx.strings().has(key) ? tr(key) : tr("guide.print_printing");
    }

    SDL_Color status_color() const {
        const auto& t = theme();
        if (m_phase == "done") return t.ok_text;
        if (m_phase == "failed" || m_phase == "stopped" || m_phase == "needs-attention") return t.error_text;
        return t.text;
    }

    std::string m_form_id, m_code, m_file;
    std::string m_phase, m_stop_reason;
    bool m_sent = false;
    bool m_can_print = false;
};

}  // namespace

KIOSK_SCREEN("form_preview", FormPreviewScreen)

}  // namespace kiosk::screens
