// PdfWriter: objects, content streams and the cross-reference table of a small PDF.
#include "pdf_writer.h"

#include <cstdio>
#include <vector>


namespace kiosk::printer {

namespace {
std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}
std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}
/// Code points of UTF-8 text; a malformed byte becomes U+FFFD (metadata only: never fails).
std::vector<char32_t> code_points(const std::string& s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (n < 0 || i + size_t(n) >= s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = n == 0 ? c : c & (0x3F >> n);
        bool ok = true;
        for (int k = 1; k <= n; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cc & 0xC0) != 0x80) ok = false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        out.push_back(ok ? cp : 0xFFFD);
        i += ok ? size_t(n) + 1 : 1;
    }
    return out;
}
/// <FEFF....>: a PDF text string in UTF-16BE with a byte-order mark.
std::string utf16_hex(const std::string& utf8) {
    std::string out = "<FEFF";
    char buf[16];
    for (char32_t cp : code_points(utf8)) {
        if (cp >= 0x10000) {
            cp -= 0x10000;
            std::snprintf(buf, sizeof buf, "%04X%04X", unsigned(0xD800 + (cp >> 10)), unsigned(0xDC00 + (cp & 0x3FF)));
        } else {
            std::snprintf(buf, sizeof buf, "%04X", unsigned(cp));
        }
        out += buf;
    }
    return out + ">";
}
}  // namespace

void PdfWriter::begin_page() { m_pages.emplace_back(); }

void PdfWriter::text(double x, double y, double size, const std::string& latin, bool bold) {
    if (m_pages.empty()) begin_page();
    m_pages.back() += "BT /" + std::string(bold ? "F2 " : "F1 ") + num(size) + " Tf " + num(x) + " " + num(y) + " Td (" +
                      escape(latin) + ") Tj ET\n";
}

void PdfWriter::line(double x1, double y1, double x2, double y2, double width) {
    if (m_pages.empty()) begin_page();
    m_pages.back() += num(width) + " w " + num(x1) + " " + num(y1) + " m " + num(x2) + " " + num(y2) + " l S\n";
}

void PdfWriter::box(double x, double y, double w, double h, double width) {
    if (m_pages.empty()) begin_page();
    m_pages.back() += num(width) + " w " + num(x) + " " + num(y) + " " + num(w) + " " + num(h) + " re S\n";
}

std::string PdfWriter::finish(const std::string& title, const std::string& subject) const {
    // Objects: 1 catalog, 2 pages, 3 font F1, 4 font F2, 5 info, then (page, contents) pairs.
    std::vector<std::string> objs;
    std::string kids;
    size_t n = m_pages.empty() ? 1 : m_pages.size();
    for (size_t i = 0; i < n; ++i) kids += std::to_string(6 + 2 * i) + " 0 R ";
    objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objs.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
    objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
    objs.push_back("<< /Title " + utf16_hex(title) + " /Subject " + utf16_hex(subject) +
                   " /Producer (kiosk) >>");
    for (size_t i = 0; i < n; ++i) {
        std::string content = m_pages.empty() ? std::string() : m_pages[i];
        objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
                       "/Contents " + std::to_string(7 + 2 * i) + " 0 R >>");
        objs.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
    }
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objs.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
    }
    size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
    char buf[32];
    for (size_t off : offsets) {
        std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
        out += buf;
    }
    out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R /Info 5 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
}

}  // namespace kiosk::printer
