// Serial scanner byte stream → codes, and the charset conversion (iconv) for GB18030 scanners.
#include "drivers/scanner/serial_lines.h"

#include <iconv.h>

#include <cerrno>

namespace kiosk::scanner {

Result<Terminator> parse_terminator(std::string_view name) {
    if (name == "CR") return Terminator::CR;
    if (name == "LF") return Terminator::LF;
    if (name == "CRLF") return Terminator::CRLF;
    if (name == "TAB") return Terminator::TAB;
    return make_error(Errc::InvalidInput, "unknown terminator '" + std::string(name) + "' (CR, LF, CRLF or TAB)");
}

Result<Charset> parse_charset(std::string_view name) {
    if (name == "UTF-8" || name == "utf-8" || name == "UTF8") return Charset::Utf8;
    if (name == "GB18030" || name == "gb18030") return Charset::Gb18030;
    return make_error(Errc::InvalidInput, "unknown charset '" + std::string(name) + "' (UTF-8 or GB18030)");
}

const char* terminator_name(Terminator t) {
    switch (t) {
        case Terminator::CR: return "CR";
        case Terminator::LF: return "LF";
        case Terminator::CRLF: return "CRLF";
        case Terminator::TAB: return "TAB";
    }
    return "?";
}

const char* charset_name(Charset c) { return c == Charset::Utf8 ? "UTF-8" : "GB18030"; }

std::string_view terminator_bytes(Terminator t) {
    switch (t) {
        case Terminator::CR: return "\r";
        case Terminator::LF: return "\n";
        case Terminator::CRLF: return "\r\n";
        case Terminator::TAB: return "\t";
    }
    return "\r";
}

namespace {

Result<std::string> convert(std::string_view in, const char* to, const char* from) {
    iconv_t cd = iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1))
        return make_error(Errc::Internal, std::string("iconv cannot convert ") + from + " to " + to);
    std::string out(in.size() * 4 + 16, '\0');
    char* inp = const_cast<char*>(in.data());
    std::size_t inleft = in.size();
    char* outp = out.data();
    std::size_t outleft = out.size();
    std::size_t rc = iconv(cd, &inp, &inleft, &outp, &outleft);
    int err = errno;
    if (rc != static_cast<std::size_t>(-1)) rc = iconv(cd, nullptr, nullptr, &outp, &outleft);  // flush state
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1))
        return make_error(Errc::InvalidInput, std::string("bytes are not valid ") + from + " (byte " +
                                                  std::to_string(in.size() - inleft) + ", errno " + std::to_string(err) + ")");
    out.resize(out.size() - outleft);
    return out;
}

}  // namespace

Result<std::string> to_utf8(std::string_view raw, Charset from) {
    if (from == Charset::Utf8) return std::string(raw);
    return convert(raw, "UTF-8", "GB18030");
}

Result<std::string> from_utf8(std::string_view utf8, Charset to) {
    if (to == Charset::Utf8) return std::string(utf8);
    return convert(utf8, "GB18030", "UTF-8");
}

LineAssembler::LineAssembler(Terminator t, std::chrono::milliseconds stale_gap) : m_term(t), m_stale_gap(stale_gap) {}

bool LineAssembler::is_end(char c) const { return m_term == Terminator::TAB ? c == '\t' : (c == '\r' || c == '\n'); }

void LineAssembler::reset() {
    if (has_partial()) ++m_dropped;
    m_buf.clear();
    m_overflow = false;
    m_last.reset();
}

std::vector<std::string> LineAssembler::feed(std::string_view bytes, Clock::time_point t) {
    std::vector<std::string> codes;
    if (bytes.empty()) return codes;
    if (m_last && t - *m_last > m_stale_gap && has_partial()) reset();
    m_last = t;
    for (char c : bytes) {
        if (is_end(c)) {
            if (m_overflow) {
                ++m_dropped;
                m_overflow = false;
            } else if (!m_buf.empty()) {
                codes.push_back(std::move(m_buf));
            }
            m_buf.clear();
            continue;
        }
        if (m_overflow) continue;
        if (m_buf.size() >= kMaxRawCodeBytes) {
            m_overflow = true;
            m_buf.clear();
            continue;
        }
        m_buf.push_back(c);
    }
    return codes;
}

}  // namespace kiosk::scanner
