// A minimal PDF 1.4 writer: A4 pages with Helvetica text, lines and boxes, and a Unicode title (the demo forms, the technician's test page).
#pragma once

#include <string>
#include <vector>

namespace kiosk::printer {

/// Builds a small, valid PDF (xref offsets computed) without any library. Text is Latin-1
/// only (Helvetica, WinAnsi); Chinese goes in the document title (UTF-16BE metadata).
class PdfWriter {
public:
    void begin_page();
    /// Text at (x, y) points from the bottom-left corner.
    void text(double x, double y, double size, const std::string& latin, bool bold = false);
    void line(double x1, double y1, double x2, double y2, double width = 0.8);
    void box(double x, double y, double w, double h, double width = 0.8);
    /// The finished file. `title_utf8` may be Chinese; `subject` likewise.
    std::string finish(const std::string& title_utf8, const std::string& subject_utf8) const;

private:
    std::vector<std::string> m_pages;  ///< content streams
};

}  // namespace kiosk::printer
