// QR payload rules (docs/scanner.md, "Payload rules"): pure classification of scanned text.
#include "drivers/scanner/payload.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace kiosk::scanner {
namespace {

constexpr std::string_view kCasePrefix = "ZWCASE:";
constexpr std::string_view kLoginPrefix = "ZWLOGIN:";

Rejected reject(RejectReason r, std::string detail) { return Rejected{r, reject_message_key(r), std::move(detail)}; }

/// Decodes one code point at `i` (text already known to be valid UTF-8).
char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return cp;
}

/// Characters that must never reach a screen or the platform from a QR code: C0 and C1
/// controls, DEL, the bidi embedding/override/isolate controls (they can make a URL read
/// differently from what it is), line and paragraph separators and the BOM.
bool is_forbidden_control(char32_t cp) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;
    if (cp >= 0x202A && cp <= 0x202E) return true;
    if (cp >= 0x2066 && cp <= 0x2069) return true;
    return cp == 0x200E || cp == 0x200F || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}

bool all_of(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); }
bool is_case_no_char(char c) { return is_upper_alnum(c) || c == '-'; }
bool is_base64url(char c) {
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}
bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(s[i]) != lower(prefix[i])) return false;
    return true;
}

/// Splits "1:rest" into the version and the rest. Returns false if there is no version field.
bool split_version(std::string_view body, std::string_view& version, std::string_view& rest) {
    auto colon = body.find(':');
    if (colon == std::string_view::npos) return false;
    version = body.substr(0, colon);
    rest = body.substr(colon + 1);
    return true;
}

bool valid_case_no(std::string_view case_no) {
    return case_no.size() >= 6 && case_no.size() <= 32 && all_of(case_no, is_case_no_char);
}

bool valid_query_code(std::string_view query) { return query.size() >= 4 && query.size() <= 12 && all_of(query, is_upper_alnum); }

Payload classify_case(std::string_view body) {
    std::string_view version, rest;
    if (!split_version(body, version, rest)) return reject(RejectReason::MalformedCase, "case receipt without version");
    if (version != "1") return reject(RejectReason::UnsupportedVersion, "case receipt version is not 1");
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return reject(RejectReason::MalformedCase, "case receipt without query code");
    std::string_view case_no = rest.substr(0, colon), query = rest.substr(colon + 1);
    if (!valid_case_no(case_no)) return reject(RejectReason::MalformedCase, "case number must be 6-32 of [0-9A-Z-]");
    if (!valid_query_code(query)) return reject(RejectReason::MalformedCase, "query code must be 4-12 of [0-9A-Z]");
    return CaseReceipt{std::string(case_no), std::string(query)};
}

Payload classify_login(std::string_view body) {
    std::string_view version, token;
    if (!split_version(body, version, token)) return reject(RejectReason::MalformedLogin, "login code without version");
    if (version != "1") return reject(RejectReason::UnsupportedVersion, "login code version is not 1");
    if (token.size() < 16 || token.size() > 512 || !all_of(token, is_base64url))
        return reject(RejectReason::MalformedLogin, "login token must be 16-512 base64url characters");
    return LoginToken{std::string(token)};
}

/// RFC 3986 characters allowed in path, query and fragment (percent escapes checked apart).
bool is_url_char(char c) {
    if (is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    return std::string_view("-._~!$&'()*+,;=:@/?#%").find(c) != std::string_view::npos;
}
bool is_hex(char c) { return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }
bool is_host_char(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '.'; }

Payload classify_url(std::string_view text, const std::vector<std::string>& allowed_hosts) {
    bool https = starts_with_nocase(text, "https://");
    std::string_view rest = text.substr(https ? 8 : 7);
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (!is_url_char(rest[i])) return reject(RejectReason::MalformedUrl, "character not allowed in a URL");
        if (rest[i] == '%' && (i + 2 >= rest.size() || !is_hex(rest[i + 1]) || !is_hex(rest[i + 2])))
            return reject(RejectReason::MalformedUrl, "bad percent escape");
    }
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    // user:password@host is how phishing links hide the real host: refuse it outright.
    if (authority.find('@') != std::string_view::npos) return reject(RejectReason::MalformedUrl, "URL with user info");
    std::string_view host_part = authority;
    auto colon = authority.find(':');
    if (colon != std::string_view::npos) {
        host_part = authority.substr(0, colon);
        std::string_view port = authority.substr(colon + 1);
        unsigned value = 0;
        auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || port.size() > 5 || ec != std::errc() || end != port.data() + port.size() || value == 0 ||
            value > 65535)
            return reject(RejectReason::MalformedUrl, "bad port");
    }
    std::string host = to_lower(host_part);
    if (host.empty() || !all_of(host, is_host_char) || host.front() == '.' || host.front() == '-' ||
        host.find("..") != std::string::npos)
        return reject(RejectReason::MalformedUrl, "bad host");
    if (host.back() == '.') host.pop_back();  // "example.gov.cn." is the same host
    if (!https && host != "127.0.0.1" && host != "localhost")
        return reject(RejectReason::InsecureUrl, "http:// is only for 127.0.0.1 and localhost");
    bool allowed = std::any_of(allowed_hosts.begin(), allowed_hosts.end(),
                               [&](const std::string& h) { return to_lower(h) == host; });
    if (!allowed) return reject(RejectReason::HostNotAllowed, "host not on scanner.allowed_hosts");
    return Url{std::string(text), host};
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        int n;
        char32_t min;
        if (b >= 0xC2 && b <= 0xDF) n = 2, min = 0x80;
        else if (b >= 0xE0 && b <= 0xEF) n = 3, min = 0x800;
        else if (b >= 0xF0 && b <= 0xF4) n = 4, min = 0x10000;
        else return false;  // continuation byte, C0/C1 overlong lead, or beyond U+10FFFF
        if (i + n > s.size()) return false;
        char32_t cp = b & (0xFF >> (n + 1));
        for (int k = 1; k < n; ++k) {
            auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n;
    }
    return true;
}

Payload classify_payload(std::string_view text, const std::vector<std::string>& allowed_hosts) {
    // Checks that need no interpretation come first, cheapest first (CUPS style: input, then work).
    if (text.empty()) return reject(RejectReason::Empty, "empty code");
    if (text.size() > kMaxPayloadBytes) return reject(RejectReason::TooLong, "longer than 1024 bytes");
    if (!is_valid_utf8(text)) return reject(RejectReason::InvalidUtf8, "not valid UTF-8");
    for (std::size_t i = 0; i < text.size();)
        if (is_forbidden_control(next_code_point(text, i)))
            return reject(RejectReason::ControlCharacter, "control character at byte " + std::to_string(i));

    if (text.starts_with(kCasePrefix)) return classify_case(text.substr(kCasePrefix.size()));
    if (text.starts_with(kLoginPrefix)) return classify_login(text.substr(kLoginPrefix.size()));
    if (starts_with_nocase(text, "https://") || starts_with_nocase(text, "http://"))
        return classify_url(text, allowed_hosts);
    return reject(RejectReason::Unrecognized, "not a code this kiosk knows");
}

bool is_valid_case_receipt(std::string_view case_no, std::string_view query_code) {
    return valid_case_no(case_no) && valid_query_code(query_code);
}

const char* reject_reason_name(RejectReason r) {
    switch (r) {
        case RejectReason::Empty: return "empty";
        case RejectReason::TooLong: return "too-long";
        case RejectReason::InvalidUtf8: return "invalid-utf8";
        case RejectReason::ControlCharacter: return "control-character";
        case RejectReason::UnsupportedVersion: return "unsupported-version";
        case RejectReason::MalformedCase: return "malformed-case";
        case RejectReason::MalformedLogin: return "malformed-login";
        case RejectReason::MalformedUrl: return "malformed-url";
        case RejectReason::InsecureUrl: return "insecure-url";
        case RejectReason::HostNotAllowed: return "host-not-allowed";
        case RejectReason::Unrecognized: return "unrecognized";
    }
    return "unknown";
}

const char* reject_message_key(RejectReason r) {
    switch (r) {
        case RejectReason::Empty: return "scan.rejected.empty";
        case RejectReason::TooLong: return "scan.rejected.too_long";
        case RejectReason::InvalidUtf8: return "scan.rejected.unreadable";
        case RejectReason::ControlCharacter: return "scan.rejected.unreadable";
        case RejectReason::UnsupportedVersion: return "scan.rejected.old_version";
        case RejectReason::MalformedCase: return "scan.rejected.bad_receipt";
        case RejectReason::MalformedLogin: return "scan.rejected.bad_login";
        case RejectReason::MalformedUrl: return "scan.rejected.bad_url";
        case RejectReason::InsecureUrl: return "scan.rejected.foreign_url";
        case RejectReason::HostNotAllowed: return "scan.rejected.foreign_url";
        case RejectReason::Unrecognized: return "scan.rejected.unknown";
    }
    return "scan.rejected.unknown";
}

const char* payload_kind_name(const Payload& p) {
    switch (p.index()) {
        case 0: return "case-receipt";
        case 1: return "login-token";
        case 2: return "url";
        default: return "rejected";
    }
}

}  // namespace kiosk::scanner
