// QR payload rules: what a scanned text means to the kiosk (case receipt, app login, URL) or why it is refused.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk::scanner {

/// Longest payload accepted, in bytes (docs/scanner.md, "Payload rules").
inline constexpr std::size_t kMaxPayloadBytes = 1024;

/// `ZWCASE:1:<case_no>:<query_code>`: a case receipt; case_no 6–32 of [0-9A-Z-],
/// query_code 4–12 of [0-9A-Z]. The query code works like a password for the case:
/// do not log it.
struct CaseReceipt {
    std::string case_no;
    std::string query_code;
};

/// `ZWLOGIN:1:<token>`: an app login code; token 16–512 base64url characters
/// ([A-Za-z0-9_-], no padding). A credential: pass it to the platform, never log it.
struct LoginToken {
    std::string token;
};

/// An https:// URL (http:// only for 127.0.0.1 and localhost) whose host is on the
/// allow-list. `host` is lower-cased; `url` is the text as scanned.
struct Url {
    std::string url;
    std::string host;
};

enum class RejectReason {
    Empty,              ///< nothing but the terminator was scanned
    TooLong,            ///< more than kMaxPayloadBytes
    InvalidUtf8,        ///< bytes that are not well-formed UTF-8 (or a wrong scanner charset)
    ControlCharacter,   ///< C0/C1 controls, DEL, bidi overrides, line/paragraph separators
    UnsupportedVersion, ///< ZWCASE:/ZWLOGIN: with a version other than 1
    MalformedCase,      ///< ZWCASE:1: but the case number or query code breaks the rules
    MalformedLogin,     ///< ZWLOGIN:1: but the token breaks the rules
    MalformedUrl,       ///< looks like a URL but cannot be parsed safely (userinfo, bad port, spaces…)
    InsecureUrl,        ///< http:// to a host other than 127.0.0.1 / localhost
    HostNotAllowed,     ///< URL host not on scanner.allowed_hosts
    Unrecognized,       ///< none of the kinds the kiosk knows
};

struct Rejected {
    RejectReason reason;
    /// Key of the text shown to the citizen, in the UI string catalog ("scan.rejected.too_long").
    const char* message_key;
    /// Detail for technicians and logs; never contains the payload itself.
    std::string detail;
};

using Payload = std::variant<CaseReceipt, LoginToken, Url, Rejected>;

/// Classifies a scanned text. Pure, total (any bytes in, never throws or crashes), and
/// cheap (one pass). `allowed_hosts` is compared case-insensitively with the URL's host.
Payload classify_payload(std::string_view text, const std::vector<std::string>& allowed_hosts);

/// The receipt rules alone, for a case number and query code typed by hand (the same rules
/// as a scanned `ZWCASE:1:` receipt).
bool is_valid_case_receipt(std::string_view case_no, std::string_view query_code);

const char* reject_reason_name(RejectReason);
const char* reject_message_key(RejectReason);
/// "case-receipt", "login-token", "url" or "rejected".
const char* payload_kind_name(const Payload&);

/// Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace kiosk::scanner
