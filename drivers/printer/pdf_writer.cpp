// PdfWriter on cairo + pango: drawing recorded, the font subset by HarfBuzz (no subroutines, no hints), then played onto a PDF surface in memory.
#include "pdf_writer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <unistd.h>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>
#include <vector>

namespace kiosk::printer {

namespace {
// The screens' font (kiosk/ui/text.cpp asks fontconfig for the same family): the PDF shows
// what the kiosk showed. Noto Sans CJK has Latin glyphs too, so one family covers the page.
constexpr const char* kFamily = "Noto Sans CJK SC";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

/// Resolution, language and outline metrics every context of the writer shares.
void set_up_context(PangoContext* pc) {
    // Points are the surface's unit: 72 "dpi" makes a pango size in points a size on paper.
    pango_cairo_context_set_resolution(pc, 72.0);
    pango_context_set_language(pc, pango_language_from_string("zh-cn"));
    // Glyph positions from the font's outlines, not a screen's pixel grid: the page is scaled.
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
}

/// The font file and face index fontconfig gives for the family at a weight.
Result<std::pair<std::string, int>> system_font(FontWeight weight) {
    FcPattern* pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(kFamily));
    FcPatternAddString(pat, FC_LANG, reinterpret_cast<const FcChar8*>("zh-cn"));
    FcPatternAddInteger(pat, FC_WEIGHT, weight == FontWeight::Bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern* match = FcFontMatch(nullptr, pat, &res);
    FcPatternDestroy(pat);
    if (!match) return make_error(Errc::NotFound, std::string("no font for ") + kFamily + " (is fonts-noto-cjk installed?)");
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    int index = 0;
    FcPatternGetString(match, FC_FILE, 0, &file);
    FcPatternGetString(match, FC_FAMILY, 0, &family);
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    std::string f = file ? reinterpret_cast<char*>(file) : "", fam = family ? reinterpret_cast<char*>(family) : "";
    FcPatternDestroy(match);
    if (f.empty() || fam.rfind("Noto Sans CJK", 0) != 0)
        return make_error(Errc::NotFound, std::string("fontconfig offers '") + fam + "' for " + kFamily + " (is fonts-noto-cjk installed?)");
    return std::pair{f, index};
}

/// The characters in `code_points` of the font, without subroutines or hints, as font bytes.
Result<std::string> subset_font(const std::string& file, int index, const std::set<uint32_t>& code_points) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
    if (!blob) return make_error(Errc::Io, "cannot read the font " + file);
    hb_face_t* face = hb_face_create(blob, unsigned(index));
    hb_blob_destroy(blob);
    hb_subset_input_t* in = hb_subset_input_create_or_fail();
    if (!in) {
        hb_face_destroy(face);
        return make_error(Errc::Internal, "HarfBuzz: out of memory");
    }
    hb_set_t* u = hb_subset_input_unicode_set(in);
    for (uint32_t cp : code_points) hb_set_add(u, cp);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t* sub = hb_subset_or_fail(face, in);
    hb_subset_input_destroy(in);
    hb_face_destroy(face);
    if (!sub) return make_error(Errc::Internal, "HarfBuzz could not subset " + file);
    hb_blob_t* out = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char* data = hb_blob_get_data(out, &len);
    std::string bytes(data ? data : "", data ? len : 0);
    hb_blob_destroy(out);
    hb_face_destroy(sub);
    if (bytes.empty()) return make_error(Errc::Internal, "HarfBuzz made an empty subset of " + file);
    return bytes;
}

/// A subset font written to a file of its own for fontconfig, removed with this object. The
/// name is never used twice in a process: cairo keeps font faces by file name.
class TempFontFile {
public:
    static Result<std::unique_ptr<TempFontFile>> create(const std::string& bytes) {
        static std::atomic<unsigned> counter{0};
        auto ns = std::chrono::steady_clock::now().time_since_epoch().count();
        std::string path = std::string(g_get_tmp_dir()) + "/kiosk-pdf-font-" + std::to_string(getpid()) + "-" +
                           std::to_string(counter++) + "-" + std::to_string(ns) + ".otf";
        FILE* f = std::fopen(path.c_str(), "wbx");
        if (!f) return make_error(Errc::Io, "cannot write the subset font " + path);
        bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
        ok = std::fclose(f) == 0 && ok;
        auto t = std::unique_ptr<TempFontFile>(new TempFontFile(path));
        if (!ok) return make_error(Errc::Io, "cannot write the subset font " + path);
        return t;
    }
    ~TempFontFile() { std::remove(m_path.c_str()); }
    const std::string& path() const { return m_path; }

private:
    explicit TempFontFile(std::string p) : m_path(std::move(p)) {}
    std::string m_path;
};

void set_layout(PangoLayout* l, double width, double size, const std::string& utf8, FontWeight weight, TextAlign align) {
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, kFamily);
    pango_font_description_set_weight(fd, weight == FontWeight::Bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(fd, int(size * PANGO_SCALE));
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, width > 0 ? int(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align == TextAlign::Center  ? PANGO_ALIGN_CENTER
                                  : align == TextAlign::Right ? PANGO_ALIGN_RIGHT
                                                              : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, utf8.c_str(), int(utf8.size()));
}
}  // namespace

/// What the replay draws with: the PDF's cairo context and a layout in the subset font.
struct Canvas {
    cairo_t* cr;
    PangoLayout* layout;
};

struct PdfWriter::Impl {
    PdfInfo info;
    std::vector<std::function<void(Canvas&)>> ops;
    std::set<uint32_t> code_points;
    bool regular = false, bold = false;  // which weights the document uses
    PangoFontMap* measure_map = nullptr;
    PangoContext* measure_ctx = nullptr;
    PangoLayout* measure = nullptr;  // laid out in the system font, for sizes before finish()
    bool finished = false;
    ~Impl() {
        if (measure) g_object_unref(measure);
        if (measure_ctx) g_object_unref(measure_ctx);
        if (measure_map) g_object_unref(measure_map);
    }
};

PdfWriter::PdfWriter() = default;
PdfWriter::~PdfWriter() = default;

Result<std::unique_ptr<PdfWriter>> PdfWriter::create(const PdfInfo& info) {
    TRY(system_font(FontWeight::Regular));  // say now, not at finish(), when the font is missing
    std::unique_ptr<PdfWriter> w(new PdfWriter);
    w->m = std::make_unique<Impl>();
    w->m->info = info;
    w->m->measure_map = pango_cairo_font_map_new();
    w->m->measure_ctx = pango_font_map_create_context(w->m->measure_map);
    set_up_context(w->m->measure_ctx);
    w->m->measure = pango_layout_new(w->m->measure_ctx);
    return w;
}

std::pair<double, double> PdfWriter::layout(double x, double y, double width, double size, const std::string& utf8,
                                            FontWeight weight, TextAlign align, Rgb colour, bool draw) {
    if (!m || m->finished || utf8.empty() || size <= 0) return {0, 0};
    // Invalid UTF-8 (bad content) prints as U+FFFD rather than upsetting pango.
    gchar* v = g_utf8_make_valid(utf8.data(), gssize(utf8.size()));
    std::string valid = v;
    g_free(v);
    set_layout(m->measure, width, size, valid, weight, align);
    int w = 0, h = 0;
    pango_layout_get_size(m->measure, &w, &h);
    if (draw) {
        for (const gchar* p = valid.c_str(); *p; p = g_utf8_next_char(p)) m->code_points.insert(g_utf8_get_char(p));
        (weight == FontWeight::Bold ? m->bold : m->regular) = true;
        m->ops.push_back([=](Canvas& c) {
            set_layout(c.layout, width, size, valid, weight, align);
            cairo_save(c.cr);
            cairo_set_source_rgb(c.cr, colour.r, colour.g, colour.b);
            cairo_move_to(c.cr, x, y);
            pango_cairo_show_layout(c.cr, c.layout);
            cairo_restore(c.cr);
        });
    }
    return {double(w) / PANGO_SCALE, double(h) / PANGO_SCALE};
}

double PdfWriter::text(double x, double y, double width, double size, const std::string& utf8, FontWeight weight,
                       TextAlign align, Rgb colour) {
    return layout(x, y, width, size, utf8, weight, align, colour, true).second;
}

double PdfWriter::text_height(double width, double size, const std::string& utf8, FontWeight weight) {
    return layout(0, 0, width, size, utf8, weight, TextAlign::Left, kBlack, false).second;
}

double PdfWriter::text_width(double size, const std::string& utf8, FontWeight weight) {
    return layout(0, 0, -1, size, utf8, weight, TextAlign::Left, kBlack, false).first;
}

void PdfWriter::line(double x1, double y1, double x2, double y2, double width, Rgb colour) {
    if (!m || m->finished) return;
    m->ops.push_back([=](Canvas& c) {
        cairo_set_source_rgb(c.cr, colour.r, colour.g, colour.b);
        cairo_set_line_width(c.cr, width);
        cairo_move_to(c.cr, x1, y1);
        cairo_line_to(c.cr, x2, y2);
        cairo_stroke(c.cr);
    });
}

void PdfWriter::box(double x, double y, double w, double h, double width, Rgb colour) {
    if (!m || m->finished) return;
    m->ops.push_back([=](Canvas& c) {
        cairo_set_source_rgb(c.cr, colour.r, colour.g, colour.b);
        cairo_set_line_width(c.cr, width);
        cairo_rectangle(c.cr, x, y, w, h);
        cairo_stroke(c.cr);
    });
}

void PdfWriter::fill(double x, double y, double w, double h, Rgb colour) {
    if (!m || m->finished) return;
    m->ops.push_back([=](Canvas& c) {
        cairo_set_source_rgb(c.cr, colour.r, colour.g, colour.b);
        cairo_rectangle(c.cr, x, y, w, h);
        cairo_fill(c.cr);
    });
}

void PdfWriter::circle(double cx, double cy, double r, double width, Rgb colour) {
    if (!m || m->finished) return;
    m->ops.push_back([=](Canvas& c) {
        cairo_set_source_rgb(c.cr, colour.r, colour.g, colour.b);
        cairo_set_line_width(c.cr, width);
        cairo_new_sub_path(c.cr);
        cairo_arc(c.cr, cx, cy, r, 0, 2 * M_PI);
        cairo_stroke(c.cr);
    });
}

void PdfWriter::star(double cx, double cy, double r, Rgb colour) {
    if (!m || m->finished) return;
    m->ops.push_back([=](Canvas& c) {
        cairo_set_source_rgb(c.cr, colour.r, colour.g, colour.b);
        // Ten corners, alternating outer and inner radius (0.382 r: the regular pentagram's).
        for (int i = 0; i < 10; ++i) {
            double a = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? r * 0.382 : r;
            double px = cx + rr * std::cos(a), py = cy + rr * std::sin(a);
            if (i == 0) cairo_move_to(c.cr, px, py);
            else cairo_line_to(c.cr, px, py);
        }
        cairo_close_path(c.cr);
        cairo_fill(c.cr);
    });
}

Status PdfWriter::qr(double x, double y, double side, const std::string& payload) {
    if (!m || m->finished) return make_error(Errc::Internal, "the PDF is already finished");
    ZXing::BitMatrix bits;
    try {  // ZXing reports a payload too long for any QR version by exception; keep it here
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setEccLevel(4).setMargin(0);
        bits = writer.encode(payload, 0, 0);
    } catch (const std::exception& e) {
        return make_error(Errc::InvalidInput, std::string("cannot encode a QR code: ") + e.what());
    }
    int n = bits.width();
    if (n <= 0) return make_error(Errc::InvalidInput, "cannot encode an empty QR code");
    std::vector<std::pair<int, int>> dark;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (bits.get(c, r)) dark.push_back({c, r});
    // Four modules of quiet zone on each side (ISO/IEC 18004 §6.3.8), white under the code.
    double mod = side / (n + 8);
    fill(x, y, side, side, Rgb{1, 1, 1});
    m->ops.push_back([=](Canvas& c) {
        cairo_set_source_rgb(c.cr, 0, 0, 0);
        for (auto [col, row] : dark) cairo_rectangle(c.cr, x + (col + 4) * mod, y + (row + 4) * mod, mod, mod);
        // No antialiasing seams between neighbouring modules when a viewer rasterises the page.
        cairo_set_antialias(c.cr, CAIRO_ANTIALIAS_NONE);
        cairo_fill(c.cr);
        cairo_set_antialias(c.cr, CAIRO_ANTIALIAS_DEFAULT);
    });
    return {};
}

void PdfWriter::new_page() {
    if (!m || m->finished) return;
    m->ops.push_back([](Canvas& c) { cairo_show_page(c.cr); });
}

Result<std::string> PdfWriter::finish() {
    if (!m || m->finished) return make_error(Errc::Internal, "the PDF is already finished");
    m->finished = true;
    // The fonts: the document's characters (and a space, which pango measures lines with)
    // cut out of each weight it uses, in a fontconfig of their own so nothing else is picked.
    m->code_points.insert(' ');
    std::vector<std::unique_ptr<TempFontFile>> files;
    FcConfig* cfg = FcConfigCreate();
    for (FontWeight w : {FontWeight::Regular, FontWeight::Bold}) {
        if (!(w == FontWeight::Bold ? m->bold : m->regular)) continue;
        auto [file, index] = TRY(system_font(w));
        auto bytes = subset_font(file, index, m->code_points);
        if (!bytes) {
            FcConfigDestroy(cfg);
            return bytes.error();
        }
        auto tmp = TempFontFile::create(*bytes);
        if (!tmp) {
            FcConfigDestroy(cfg);
            return tmp.error();
        }
        if (!FcConfigAppFontAddFile(cfg, reinterpret_cast<const FcChar8*>((*tmp)->path().c_str()))) {
            FcConfigDestroy(cfg);
            return make_error(Errc::Internal, "fontconfig does not take the subset font " + (*tmp)->path());
        }
        files.push_back(std::move(*tmp));
    }
    PangoFontMap* fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
    FcConfigDestroy(cfg);  // the font map holds its own reference

    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &bytes, kWidth, kHeight);
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    const PdfInfo& info = m->info;
    if (!info.title.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
    if (!info.subject.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
    if (!info.creator.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, info.creator.c_str());
    if (!info.created.empty()) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, info.created.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, info.created.c_str());
    }
    cairo_t* cr = cairo_create(surface);
    PangoContext* ctx = pango_font_map_create_context(fm);
    set_up_context(ctx);
    pango_cairo_update_context(cr, ctx);
    set_up_context(ctx);  // update_context takes the surface's font options; ours win
    PangoLayout* layout = pango_layout_new(ctx);
    Canvas canvas{cr, layout};
    for (auto& op : m->ops) op(canvas);
    cairo_show_page(cr);
    g_object_unref(layout);
    g_object_unref(ctx);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    g_object_unref(fm);
    m->ops.clear();
    if (st != CAIRO_STATUS_SUCCESS) return make_error(Errc::Internal, std::string("cairo PDF: ") + cairo_status_to_string(st));
    return bytes;
}

}  // namespace kiosk::printer
