// The one way the project makes PDF documents (demo forms, demo certificates, the printer test page): cairo's PDF surface with Chinese text laid out by pango in Noto Sans CJK SC, whose used glyphs are embedded as a subset.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "base/result.h"

namespace kiosk::printer {

enum class FontWeight { Regular, Bold };
enum class TextAlign { Left, Center, Right };

struct Rgb {
    double r = 0, g = 0, b = 0;
};
inline constexpr Rgb kBlack{0, 0, 0};
inline constexpr Rgb kGrey{0.45, 0.45, 0.45};
inline constexpr Rgb kSealRed{0.80, 0.10, 0.10};

/// What goes into the document information dictionary. `created` ("2026-11-01T09:00:00")
/// fixes the creation date, so that the same input gives the same bytes (the demo bundle's
/// sha256 does not change each time the forms are made again); empty: cairo's current time.
struct PdfInfo {
    std::string title;    ///< UTF-8, Chinese allowed
    std::string subject;  ///< UTF-8
    std::string creator = "kiosk";
    std::string created;
};

/// A4 pages (595.28 × 841.89 points), coordinates in points from the TOP-LEFT corner.
/// Text is UTF-8 of any script the font covers; the family is Noto Sans CJK SC (the font the
/// kiosk's screens use, from fontconfig), language zh-CN so Han characters take their
/// simplified-Chinese shapes.
///
/// Drawing is recorded and played onto the PDF surface in finish(), because the font is
/// subset first: cairo 1.16 (Debian 12) loses glyphs when it subsets Noto Sans CJK itself (its
/// charstring parser skips a hint-bearing subroutine another glyph already marked, misreads
/// the hintmask that follows and drops the subroutines after it: 如 came out blank in
/// "参保明细如下"). finish() therefore has HarfBuzz cut the document's characters out of the
/// font without subroutines or hints, and lays the text out again in that font, whose metrics
/// are the same; cairo's own subsetting of it then has nothing to get wrong.
class PdfWriter {
public:
    static constexpr double kWidth = 595.28;
    static constexpr double kHeight = 841.89;
    static constexpr double kMm = 72.0 / 25.4;

    /// Fails (Errc::Internal) only when cairo cannot make a surface (out of memory).
    static Result<std::unique_ptr<PdfWriter>> create(const PdfInfo& info);
    ~PdfWriter();
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    /// Lays out `utf8` in a box `width` points wide with its top at (x, y), wrapping lines
    /// (ICU-like rules of pango: between Han characters, at spaces); returns its height.
    /// Malformed UTF-8 is drawn with replacement characters, never refused.
    double text(double x, double y, double width, double size, const std::string& utf8,
                FontWeight weight = FontWeight::Regular, TextAlign align = TextAlign::Left, Rgb colour = kBlack);
    /// The height text() would take, drawing nothing.
    double text_height(double width, double size, const std::string& utf8, FontWeight weight = FontWeight::Regular);
    /// The width of `utf8` on one line (no wrapping).
    double text_width(double size, const std::string& utf8, FontWeight weight = FontWeight::Regular);
    void line(double x1, double y1, double x2, double y2, double width = 0.8, Rgb colour = kBlack);
    void box(double x, double y, double w, double h, double width = 0.8, Rgb colour = kBlack);
    void fill(double x, double y, double w, double h, Rgb colour);
    void circle(double cx, double cy, double r, double width, Rgb colour);
    /// A five-pointed star filled in `colour` (the centre of a seal).
    void star(double cx, double cy, double r, Rgb colour);
    /// A QR code of `payload` (UTF-8, error correction M) `side` points square, quiet zone
    /// included. Errc::InvalidInput when the payload does not fit in a QR code.
    Status qr(double x, double y, double side, const std::string& payload);
    /// Ends the current page and starts another.
    void new_page();
    /// The PDF's bytes. The writer cannot be used after this.
    Result<std::string> finish();

private:
    PdfWriter();
    /// Sets the layout up and draws it when `draw`; returns {width, height} in points.
    std::pair<double, double> layout(double x, double y, double width, double size, const std::string& utf8,
                                     FontWeight weight, TextAlign align, Rgb colour, bool draw);
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace kiosk::printer
