// Copy pages through cairo's PDF surface written to a wiping buffer: images handed over as RGB24 in mapped memory, drawn at 72/dpi scale.
#include "kiosk/copy/copy_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "kiosk/copy/card_detect.h"

namespace kiosk::copy {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

cairo_status_t write_to(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<PdfBytes*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

/// The scan as a cairo RGB24 surface over wiped mapped memory; the buffer outlives the
/// surface (the caller destroys the surface first).
struct Picture {
    copier::PixelBuffer buffer;
    cairo_surface_t* surface = nullptr;
    ~Picture() {
        if (surface) cairo_surface_destroy(surface);
    }
};

std::unique_ptr<Picture> to_cairo(const copier::ScanImage& img, copier::ColorMode mode) {
    auto p = std::make_unique<Picture>();
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, img.width);
    if (stride <= 0) return nullptr;
    p->buffer = copier::PixelBuffer(size_t(stride) * size_t(img.height));
    if (p->buffer.empty()) return nullptr;
    bool grey = mode == copier::ColorMode::Gray || img.channels == 1;
    for (int y = 0; y < img.height; ++y) {
        const uint8_t* s = img.row(y);
        auto* d = reinterpret_cast<uint32_t*>(p->buffer.data() + size_t(y) * size_t(stride));
        for (int x = 0; x < img.width; ++x) {
            uint32_t r, g, b;
            if (img.channels == 1) r = g = b = s[x];
            else r = s[3 * x], g = s[3 * x + 1], b = s[3 * x + 2];
            // Equal channels: cairo then writes the image as DeviceGray (a third of the bytes).
            if (grey) r = g = b = (r * 77 + g * 150 + b * 29) >> 8;
            d[x] = (r << 16) | (g << 8) | b;
        }
    }
    p->surface = cairo_image_surface_create_for_data(p->buffer.data(), CAIRO_FORMAT_RGB24, img.width, img.height, stride);
    if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) return nullptr;
    return p;
}

/// Draws the image at true size with its top-left corner at (x_mm, y_mm).
void place(cairo_t* cr, const Picture& pic, const copier::ScanImage& img, double x_mm, double y_mm) {
    cairo_save(cr);
    cairo_translate(cr, x_mm * kPtPerMm, y_mm * kPtPerMm);
    double s = 72.0 / img.dpi;
    cairo_scale(cr, s, s);
    cairo_set_source_surface(cr, pic.surface, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_rectangle(cr, 0, 0, img.width, img.height);
    cairo_fill(cr);
    cairo_restore(cr);
}

/// The watermark, light and slanted, repeated over a card-sized box.
void watermark(cairo_t* cr, std::string_view text, double x_mm, double y_mm) {
    if (text.empty()) return;
    std::string t(text);
    cairo_save(cr);
    cairo_rectangle(cr, x_mm * kPtPerMm, y_mm * kPtPerMm, kCardWidthMm * kPtPerMm, kCardHeightMm * kPtPerMm);
    cairo_clip(cr);
    cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 4.2 * kPtPerMm);
    cairo_set_source_rgba(cr, 0.35, 0.35, 0.35, 0.45);
    cairo_text_extents_t ext{};
    cairo_text_extents(cr, t.c_str(), &ext);
    double step_x = std::max(ext.x_advance + 6 * kPtPerMm, 30 * kPtPerMm), step_y = 16 * kPtPerMm;
    for (int row = -2; row < 6; ++row)
        for (int col = -2; col < 4; ++col) {
            cairo_save(cr);
            cairo_translate(cr, (x_mm + 4) * kPtPerMm + col * step_x + (row % 2) * step_x / 2, (y_mm + 10) * kPtPerMm + row * step_y);
            cairo_rotate(cr, -20 * M_PI / 180);
            cairo_move_to(cr, 0, 0);
            cairo_show_text(cr, t.c_str());
            cairo_restore(cr);
        }
    cairo_restore(cr);
}

/// cairo_status → Error.
Status check(cairo_status_t st, const char* what) {
    if (st == CAIRO_STATUS_SUCCESS) return {};
    return make_error(Errc::Internal, std::string(what) + ": " + cairo_status_to_string(st));
}

}  // namespace

Result<PdfBytes> idcard_page(const copier::ScanImage& front, const copier::ScanImage& back, std::string_view text,
                             copier::ColorMode mode) {
    if (!front.valid() || !back.valid() || front.dpi <= 0 || back.dpi <= 0)
        return make_error(Errc::InvalidInput, "an ID-card side is missing");
    PdfBytes out;
    cairo_surface_t* pdf = cairo_pdf_surface_create_for_stream(write_to, &out, kA4WidthMm * kPtPerMm, kA4HeightMm * kPtPerMm);
    cairo_t* cr = cairo_create(pdf);
    auto f = to_cairo(front, mode), b = to_cairo(back, mode);
    Status st;
    if (!f || !b) {
        st = make_error(Errc::Internal, "no memory for the page");
    } else {
        const double x = (kA4WidthMm - kCardWidthMm) / 2, y1 = kIdFrontTopMm, y2 = kIdFrontTopMm + kCardHeightMm + kIdGapMm;
        place(cr, *f, front, x, y1);
        place(cr, *b, back, x, y2);
        watermark(cr, text, x, y1);
        watermark(cr, text, x, y2);
        cairo_show_page(cr);
        st = check(cairo_status(cr), "cairo");
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    if (st) st = check(cairo_surface_status(pdf), "cairo pdf");
    cairo_surface_destroy(pdf);
    f.reset();
    b.reset();
    if (!st) return st.error();
    return out;
}

void clean_page(copier::ScanImage& page) {
    // Levels at or above 215 become white, at or below 35 black, the rest stretched.
    uint8_t lut[256];
    for (int v = 0; v < 256; ++v) lut[v] = uint8_t(std::clamp((v - 35) * 255 / (215 - 35), 0, 255));
    for (int y = 0; y < page.height; ++y) {
        uint8_t* r = page.row(y);
        for (size_t i = 0; i < page.stride; ++i) r[i] = lut[r[i]];
    }
}

struct PagesPdf::Cairo {
    cairo_surface_t* pdf = nullptr;
    cairo_t* cr = nullptr;
    ~Cairo() {
        if (cr) cairo_destroy(cr);
        if (pdf) {
            cairo_surface_finish(pdf);
            cairo_surface_destroy(pdf);
        }
    }
};

Result<std::unique_ptr<PagesPdf>> PagesPdf::create() {
    auto p = std::unique_ptr<PagesPdf>(new PagesPdf());
    p->m_out = std::make_unique<PdfBytes>();
    p->m_cairo = std::make_unique<Cairo>();
    p->m_cairo->pdf = cairo_pdf_surface_create_for_stream(write_to, p->m_out.get(), kA4WidthMm * kPtPerMm, kA4HeightMm * kPtPerMm);
    p->m_cairo->cr = cairo_create(p->m_cairo->pdf);
    TRY(check(cairo_status(p->m_cairo->cr), "cairo"));
    return p;
}

PagesPdf::~PagesPdf() = default;

Status PagesPdf::add(const copier::ScanImage& page, copier::ColorMode mode) {
    if (!m_cairo) return make_error(Errc::InvalidInput, "the document is finished");
    if (!page.valid() || page.dpi <= 0) return make_error(Errc::InvalidInput, "empty page");
    auto pic = to_cairo(page, mode);
    if (!pic) return make_error(Errc::Internal, "no memory for the page");
    place(m_cairo->cr, *pic, page, 0, 0);
    // show_page writes the page (and its image) out now: the next scan does not wait for it.
    cairo_show_page(m_cairo->cr);
    pic.reset();
    TRY(check(cairo_status(m_cairo->cr), "cairo"));
    ++m_pages;
    return {};
}

Result<PdfBytes> PagesPdf::finish() {
    if (!m_cairo) return make_error(Errc::InvalidInput, "the document is finished");
    if (m_pages == 0) return make_error(Errc::InvalidInput, "no page scanned");
    cairo_surface_finish(m_cairo->pdf);
    Status st = check(cairo_surface_status(m_cairo->pdf), "cairo pdf");
    m_cairo.reset();
    if (!st) return st.error();
    PdfBytes out = std::move(*m_out);
    m_out.reset();
    return out;
}

}  // namespace kiosk::copy
