// The technician's test page, drawn with PdfWriter.
#include "test_page.h"

#include "drivers/printer/pdf_writer.h"

namespace kiosk::printer {

namespace {
// Only printable ASCII reaches Helvetica/WinAnsi; anything else would print as garbage.
std::string ascii(const std::string& s) {
    std::string out;
    for (char c : s) out.push_back(c >= 0x20 && c < 0x7F ? c : '?');
    return out;
}
}  // namespace

std::string test_page_pdf(const TestPageInfo& info) {
    PdfWriter pdf;
    pdf.begin_page();
    // A4 is 595 x 842 points; 10 mm is about 28 points.
    const double edge = 28.35;
    pdf.box(edge, edge, 595 - 2 * edge, 842 - 2 * edge, 1.5);
    double y = 842 - 2 * edge - 30;
    pdf.text(2 * edge, y, 24, "Kiosk printer test page", true);
    y -= 36;
    pdf.text(2 * edge, y, 12, "Kiosk: " + ascii(info.kiosk_id) + "    Software: " + ascii(info.app_version));
    y -= 18;
    pdf.text(2 * edge, y, 12, "Printed: " + ascii(info.time));
    for (const auto& l : info.lines) {
        y -= 18;
        pdf.text(2 * edge, y, 12, ascii(l));
    }
    // Line widths from hairline to 2 pt: a worn drum or a streak shows as a gap.
    y -= 30;
    double widths[] = {0.25, 0.5, 1.0, 2.0};
    for (double w : widths) {
        pdf.line(2 * edge, y, 595 - 2 * edge, y, w);
        y -= 14;
    }
    // A grid of 1 cm squares: the paper's alignment and skew.
    double grid_top = y - 10, cell = 28.35;
    for (int r = 0; r <= 8; ++r) pdf.line(2 * edge, grid_top - r * cell, 2 * edge + 14 * cell, grid_top - r * cell, 0.5);
    for (int c = 0; c <= 14; ++c) pdf.line(2 * edge + c * cell, grid_top, 2 * edge + c * cell, grid_top - 8 * cell, 0.5);
    y = grid_top - 8 * cell - 30;
    for (double size : {8.0, 10.0, 12.0, 16.0}) {
        pdf.text(2 * edge, y, size, "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789");
        y -= size + 10;
    }
    pdf.text(2 * edge, edge + 12, 9, "If the frame is complete on all four sides, nothing is cut off.");
    return pdf.finish("自助终端打印测试页", "Kiosk printer test page");
}

}  // namespace kiosk::printer
