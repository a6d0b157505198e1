// The technician's test page, drawn with PdfWriter (cairo + pango): edges, line widths, a grid, Latin and Chinese text.
#include "test_page.h"

#include "drivers/printer/pdf_writer.h"

namespace kiosk::printer {

Result<std::string> test_page_pdf(const TestPageInfo& info) {
    auto pdf = TRY(PdfWriter::create({"自助终端打印测试页 Kiosk printer test page", "", "kiosk", ""}));
    const double W = PdfWriter::kWidth, H = PdfWriter::kHeight;
    const double edge = 10 * PdfWriter::kMm, left = 2 * edge, width = W - 4 * edge;
    // A frame 10 mm inside the paper's edge: a side that is cut off shows at once.
    pdf->box(edge, edge, W - 2 * edge, H - 2 * edge, 1.5);
    double y = 2 * edge;
    y += pdf->text(left, y, width, 22, "自助终端打印测试页", FontWeight::Bold);
    y += pdf->text(left, y, width, 14, "Kiosk printer test page", FontWeight::Bold) + 10;
    y += pdf->text(left, y, width, 11, "终端 Kiosk: " + info.kiosk_id + "    软件 Software: " + info.app_version);
    y += pdf->text(left, y, width, 11, "打印时间 Printed: " + info.time);
    for (const auto& l : info.lines) y += pdf->text(left, y, width, 11, l);
    // Line widths from hairline to 2 pt: a worn drum or a streak shows as a gap.
    y += 16;
    for (double w : {0.25, 0.5, 1.0, 2.0}) {
        pdf->line(left, y, W - left, y, w);
        y += 14;
    }
    // A grid of 1 cm squares: the paper's alignment and skew.
    const double cell = 10 * PdfWriter::kMm, top = y + 6;
    for (int r = 0; r <= 8; ++r) pdf->line(left, top + r * cell, left + 14 * cell, top + r * cell, 0.5);
    for (int c = 0; c <= 14; ++c) pdf->line(left + c * cell, top, left + c * cell, top + 8 * cell, 0.5);
    y = top + 8 * cell + 20;
    for (double size : {8.0, 10.0, 12.0, 16.0}) {
        y += pdf->text(left, y, width, size, "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789") + 2;
        y += pdf->text(left, y, width, size, "政务服务自助终端 证明打印 办件查询 表格打印 复印") + 6;
    }
    pdf->text(left, H - edge - 40, width, 9, "四边框线完整即无裁切。 If the frame is complete on all four sides, nothing is cut off.");
    return pdf->finish();
}

}  // namespace kiosk::printer
