// A tiny PDF writer: one A4 page of Latin text in Helvetica, UTF-8 title in the metadata.
#pragma once

#include <string>
#include <vector>

namespace kiosk::sim {

struct PdfLine {
    std::string text;  ///< Latin-1 printable ASCII (other bytes become '?')
    int size = 12;     ///< points
};

/// Returns the bytes of a valid PDF 1.4 file (correct xref table, so any reader opens it).
/// `title_utf8` goes to the document information dictionary as UTF-16BE (Chinese works
/// there, while the page itself uses a standard font without CJK glyphs).
std::string make_pdf(const std::string& title_utf8, const std::vector<PdfLine>& lines);

}  // namespace kiosk::sim
