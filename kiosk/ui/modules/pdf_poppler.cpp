// The kiosk_pdf program module: poppler-cpp draws a PDF page. Loaded at run time (kiosk/ui/pdf_render.cpp)
// because poppler and the 30 libraries it links cost about 25 ms of CPU at start (issue 18).
// It uses nothing of the program but the header it implements, so it resolves no symbol in it.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <string.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>

#include "kiosk/ui/pdf_render.h"

namespace {

using kiosk::Errc;
using kiosk::ui::PdfPage;
using kiosk::ui::PdfPageRequest;

std::string render(const PdfPageRequest& req, PdfPage& out, Errc& code) {
    code = Errc::InvalidInput;
    // Messages name the form's file; a PDF in memory (a certificate) is not named.
    auto named = [&](const char* sep, const std::string& text) { return req.path.empty() ? text : "form " + req.path + sep + text; };
    std::unique_ptr<poppler::document> doc;
    if (!req.path.empty()) {
        doc.reset(poppler::document::load_from_file(req.path));
    } else {
        if (req.bytes.size() > size_t(INT_MAX)) return "PDF too large";
        doc.reset(poppler::document::load_from_raw_data(req.bytes.data(), int(req.bytes.size())));
    }
    if (!doc || doc->is_locked()) return req.path.empty() ? "not a readable PDF" : "form " + req.path + " is not a readable PDF";
    if (req.page >= doc->pages()) return named(" ", "has no page " + std::to_string(req.page + 1));  // only forms ask for a page past the first
    std::unique_ptr<poppler::page> p(doc->create_page(req.page));
    if (!p) return named(": ", "cannot read page " + std::to_string(req.page + 1));
    poppler::rectf box = p->page_rect(poppler::media_box);
    if (box.width() <= 0 || box.height() <= 0) return named(": ", "empty page");
    // Points are 1/72 inch: the resolution that fits the page in the area.
    double dpi = 72.0 * std::min(req.max_w / box.width(), req.max_h / box.height());
    poppler::page_renderer r;
    r.set_render_hint(poppler::page_renderer::antialiasing, true);
    r.set_render_hint(poppler::page_renderer::text_antialiasing, req.text_antialiasing);
    r.set_image_format(poppler::image::format_argb32);
    r.set_paper_color(0xFFFFFFFF);
    poppler::image img = r.render_page(p.get(), dpi, dpi);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) return named(": ", "rendering failed");
    out.pages = doc->pages();
    out.width = std::min(img.width(), req.max_w);
    out.height = std::min(img.height(), req.max_h);
    out.pitch = out.width * 4;
    out.pixels.resize(size_t(out.pitch) * size_t(out.height));
    for (int y = 0; y < out.height; ++y)
        std::memcpy(out.pixels.data() + size_t(y) * size_t(out.pitch), img.const_data() + size_t(y) * size_t(img.bytes_per_row()),
                    size_t(out.pitch));
    // poppler::image's buffer is plain heap and may show a certificate: zero it before it is freed.
    explicit_bzero(img.data(), size_t(img.bytes_per_row()) * size_t(img.height()));
    return {};
}

const kiosk::ui::PdfModule g_module{kiosk::ui::kPdfModuleAbi, render};

}  // namespace

extern "C" __attribute__((visibility("default"))) const kiosk::ui::PdfModule* kiosk_pdf_module() { return &g_module; }
