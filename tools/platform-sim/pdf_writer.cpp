// Tiny PDF writer used for the demo certificates of platform-sim.
#include "pdf_writer.h"

#include <cstdio>

namespace kiosk::sim {

namespace {
std::string escape_text(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (c == '(' || c == ')' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20 || c > 0x7e) {
            out += '?';
        } else {
            out += char(c);
        }
    }
    return out;
}

// UTF-8 → "<FEFF....>" hex string (UTF-16BE with BOM), as PDF text strings allow.
std::string utf16_hex(const std::string& s) {
    std::string out = "<FEFF";
    auto put = [&](unsigned v) {
        char b[5];
        std::snprintf(b, sizeof b, "%04X", v & 0xffff);
        out += b;
    };
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        unsigned cp = 0xfffd;
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n <= s.size()) {
            cp = n == 1 ? c : c & (0xff >> (n + 1));
            for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
        }
        i += n;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put(0xd800 + (cp >> 10));
            put(0xdc00 + (cp & 0x3ff));
        } else {
            put(cp);
        }
    }
    return out + ">";
}
}  // namespace

std::string make_pdf(const std::string& title_utf8, const std::vector<PdfLine>& lines) {
    std::string content = "BT\n";
    int y = 790;
    for (const auto& l : lines) {
        content += "/F1 " + std::to_string(l.size) + " Tf 1 0 0 1 56 " + std::to_string(y) + " Tm (" + escape_text(l.text) + ") Tj\n";
        y -= l.size + 10;
    }
    content += "ET\n";
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
        "<< /Title " + utf16_hex(title_utf8) + " /Producer (kiosk platform-sim demo) >>",
    };
    std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t off : offsets) {
        char b[24];
        std::snprintf(b, sizeof b, "%010zu 00000 n \n", off);
        pdf += b;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

}  // namespace kiosk::sim
