// Payload rules: every accepted kind and every rejection reason (docs/scanner.md, "Payload rules").
#include <doctest/doctest.h>

#include "drivers/scanner/payload.h"
#include "kiosk/config/config.h"

using namespace kiosk::scanner;

namespace {
const std::vector<std::string> kHosts = {"127.0.0.1", "localhost", "zwfw.example.gov.cn"};

RejectReason rejected(std::string_view text) {
    Payload p = classify_payload(text, kHosts);
    REQUIRE_MESSAGE(std::holds_alternative<Rejected>(p), "accepted: ", std::string(text));
    return std::get<Rejected>(p).reason;
}
}  // namespace

TEST_CASE("every demo case receipt is accepted with its case number and query code") {
    struct Demo { const char* no; const char* code; };
    for (Demo d : {Demo{"SL20261120000123", "8K3Q"}, Demo{"SL20261118000045", "Q7P2"}, Demo{"SL20261101000777", "M4X9"},
                   Demo{"SL20261015000310", "T2B6"}}) {
        Payload p = classify_payload(std::string("ZWCASE:1:") + d.no + ":" + d.code, kHosts);
        REQUIRE(std::holds_alternative<CaseReceipt>(p));
        CHECK(std::get<CaseReceipt>(p).case_no == d.no);
        CHECK(std::get<CaseReceipt>(p).query_code == d.code);
        CHECK(std::string(payload_kind_name(p)) == "case-receipt");
    }
}

TEST_CASE("case receipts at the length limits are accepted and just outside them rejected") {
    CHECK(std::holds_alternative<CaseReceipt>(classify_payload("ZWCASE:1:AB-123:ABCD", kHosts)));
    CHECK(std::holds_alternative<CaseReceipt>(classify_payload("ZWCASE:1:" + std::string(32, '9') + ":" + std::string(12, 'Z'), kHosts)));
    CHECK(rejected("ZWCASE:1:AB-12:ABCD") == RejectReason::MalformedCase);                             // 5 chars
    CHECK(rejected("ZWCASE:1:" + std::string(33, '9') + ":ABCD") == RejectReason::MalformedCase);      // 33 chars
    CHECK(rejected("ZWCASE:1:SL20261120000123:8K3") == RejectReason::MalformedCase);                   // 3 chars
    CHECK(rejected("ZWCASE:1:SL20261120000123:" + std::string(13, 'A')) == RejectReason::MalformedCase);
}

TEST_CASE("case receipts with lower case, extra fields or missing parts are rejected as malformed") {
    CHECK(rejected("ZWCASE:1:sl20261120000123:8K3Q") == RejectReason::MalformedCase);
    CHECK(rejected("ZWCASE:1:SL20261120000123:8k3q") == RejectReason::MalformedCase);
    CHECK(rejected("ZWCASE:1:SL20261120000123:8K3Q:extra") == RejectReason::MalformedCase);
    CHECK(rejected("ZWCASE:1:SL20261120000123") == RejectReason::MalformedCase);
    CHECK(rejected("ZWCASE:1:SL2026 1120000123:8K3Q") == RejectReason::MalformedCase);
    CHECK(rejected("ZWCASE:1:SL20261120000123:8-3Q") == RejectReason::MalformedCase);
    CHECK(rejected("ZWCASE:") == RejectReason::MalformedCase);
}

TEST_CASE("a case receipt or login code of another version is rejected as unsupported") {
    CHECK(rejected("ZWCASE:2:SL20261120000123:8K3Q") == RejectReason::UnsupportedVersion);
    CHECK(rejected("ZWCASE::SL20261120000123:8K3Q") == RejectReason::UnsupportedVersion);
    CHECK(rejected("ZWLOGIN:01:demo-login-wang-0001abcd") == RejectReason::UnsupportedVersion);
}

TEST_CASE("the demo login code is accepted and its token passed on unchanged") {
    Payload p = classify_payload("ZWLOGIN:1:demo-login-wang-0001abcd", kHosts);
    REQUIRE(std::holds_alternative<LoginToken>(p));
    CHECK(std::get<LoginToken>(p).token == "demo-login-wang-0001abcd");
    CHECK(std::holds_alternative<LoginToken>(classify_payload("ZWLOGIN:1:" + std::string(512, '_'), kHosts)));
    CHECK(std::holds_alternative<LoginToken>(classify_payload("ZWLOGIN:1:" + std::string(16, 'a'), kHosts)));
}

TEST_CASE("login tokens that are too short, too long or not base64url are rejected") {
    CHECK(rejected("ZWLOGIN:1:" + std::string(15, 'a')) == RejectReason::MalformedLogin);
    CHECK(rejected("ZWLOGIN:1:" + std::string(513, 'a')) == RejectReason::MalformedLogin);
    CHECK(rejected("ZWLOGIN:1:demo+login/wang=0001abcd") == RejectReason::MalformedLogin);
    CHECK(rejected("ZWLOGIN:1:demo-login-wang-0001abcd=") == RejectReason::MalformedLogin);
    CHECK(rejected("ZWLOGIN:1") == RejectReason::MalformedLogin);
}

TEST_CASE("https URLs on the allow-list are accepted whatever the case of scheme and host") {
    for (const char* u : {"https://zwfw.example.gov.cn/case/SL20261120000123", "HTTPS://ZWFW.EXAMPLE.GOV.CN/A?B=1#C",
                          "https://zwfw.example.gov.cn", "https://zwfw.example.gov.cn:8443/x%20y", "https://zwfw.example.gov.cn./"}) {
        Payload p = classify_payload(u, kHosts);
        REQUIRE_MESSAGE(std::holds_alternative<Url>(p), u);
        CHECK(std::get<Url>(p).host == "zwfw.example.gov.cn");
        CHECK(std::get<Url>(p).url == u);
    }
}

TEST_CASE("http URLs are accepted only for 127.0.0.1 and localhost") {
    CHECK(std::holds_alternative<Url>(classify_payload("http://127.0.0.1:8080/case", kHosts)));
    CHECK(std::holds_alternative<Url>(classify_payload("http://localhost/case", kHosts)));
    CHECK(rejected("http://zwfw.example.gov.cn/case") == RejectReason::InsecureUrl);
    // localhost over http is still subject to the allow-list
    CHECK(std::holds_alternative<Rejected>(classify_payload("http://localhost/", {"zwfw.example.gov.cn"})));
}

TEST_CASE("URLs to hosts not on the allow-list are rejected, including look-alike hosts") {
    CHECK(rejected("https://evil.example.com/") == RejectReason::HostNotAllowed);
    CHECK(rejected("https://zwfw.example.gov.cn.evil.com/") == RejectReason::HostNotAllowed);
    CHECK(rejected("https://example.gov.cn/") == RejectReason::HostNotAllowed);
}

TEST_CASE("URLs with user info, bad ports, spaces, non-ASCII or bad escapes are rejected as malformed") {
    CHECK(rejected("https://zwfw.example.gov.cn@evil.com/") == RejectReason::MalformedUrl);
    CHECK(rejected("https://user:pw@zwfw.example.gov.cn/") == RejectReason::MalformedUrl);
    CHECK(rejected("https://zwfw.example.gov.cn:0/") == RejectReason::MalformedUrl);
    CHECK(rejected("https://zwfw.example.gov.cn:65536/") == RejectReason::MalformedUrl);
    CHECK(rejected("https://zwfw.example.gov.cn:/") == RejectReason::MalformedUrl);
    CHECK(rejected("https://zwfw.example.gov.cn/a b") == RejectReason::MalformedUrl);
    CHECK(rejected("https://zwfw.example.gov.cn/办事") == RejectReason::MalformedUrl);
    CHECK(rejected("https://zwfw.example.gov.cn/%zz") == RejectReason::MalformedUrl);
    CHECK(rejected("https:///path") == RejectReason::MalformedUrl);
    CHECK(rejected("https://[::1]/") == RejectReason::MalformedUrl);
    CHECK(rejected("https://a..b/") == RejectReason::MalformedUrl);
}

TEST_CASE("an empty payload is rejected as empty") { CHECK(rejected("") == RejectReason::Empty); }

TEST_CASE("payloads over 1024 bytes are rejected as too long and 1024 bytes is the limit") {
    std::string url = "https://localhost/";
    CHECK(std::holds_alternative<Url>(classify_payload(url + std::string(kMaxPayloadBytes - url.size(), 'a'), kHosts)));
    CHECK(rejected(url + std::string(kMaxPayloadBytes - url.size() + 1, 'a')) == RejectReason::TooLong);
}

TEST_CASE("control characters anywhere are refused, including C1, DEL, bidi overrides and NUL") {
    for (std::string bad : {std::string("ZWCASE:1:SL20261120000123:8K3Q\r"), std::string("ZWCASE:1:SL2026\n1120000123:8K3Q"),
                            std::string("https://localhost/\x7f"), std::string("https://localhost/\t"),
                            std::string("abc\0def", 7), std::string("x\xc2\x85y"), std::string("https://localhost/\xe2\x80\xae"),
                            std::string("a\xe2\x80\xa8") , std::string("\xef\xbb\xbfZWCASE:1:SL20261120000123:8K3Q")}) {
        CHECK_MESSAGE(rejected(bad) == RejectReason::ControlCharacter, bad.size());
    }
}

TEST_CASE("invalid UTF-8 is refused: stray continuation, overlong, surrogate, truncated, beyond U+10FFFF") {
    for (std::string bad : {std::string("\x80"), std::string("\xc0\xaf"), std::string("\xe0\x80\xaf"), std::string("\xed\xa0\x80"),
                            std::string("\xe4\xb8"), std::string("\xf4\x90\x80\x80"), std::string("\xff"),
                            std::string("\xd6\xd0\xce\xc4")}) {  // 中文 in GB18030 read as UTF-8
        CHECK(rejected(bad) == RejectReason::InvalidUtf8);
    }
    CHECK(is_valid_utf8("中文 ok \xf0\x9f\x98\x80"));
}

TEST_CASE("text that is none of the known kinds is rejected as unrecognized, with a message key") {
    for (const char* t : {"hello", "ftp://localhost/", "zwcase:1:SL20261120000123:8K3Q", "ZWCASEX", "中文二维码", " https://localhost/"}) {
        Payload p = classify_payload(t, kHosts);
        REQUIRE(std::holds_alternative<Rejected>(p));
        CHECK(std::get<Rejected>(p).reason == RejectReason::Unrecognized);
        CHECK(std::string(std::get<Rejected>(p).message_key) == "scan.rejected.unknown");
    }
}

TEST_CASE("every rejection reason has a name and a message key and its detail never repeats the payload") {
    std::string secret = "ZWLOGIN:1:short";
    auto r = std::get<Rejected>(classify_payload(secret, kHosts));
    CHECK(r.detail.find("short") == std::string::npos);
    for (int i = 0; i <= static_cast<int>(RejectReason::Unrecognized); ++i) {
        auto reason = static_cast<RejectReason>(i);
        CHECK(std::string(reject_reason_name(reason)) != "unknown");
        CHECK(std::string(reject_message_key(reason)).rfind("scan.rejected.", 0) == 0);
    }
}

TEST_CASE("the default scanner.allowed_hosts is 127.0.0.1 and localhost") {
    auto cfg = kiosk::config::Config::defaults();
    CHECK(cfg.list("scanner.allowed_hosts") == std::vector<std::string>{"127.0.0.1", "localhost"});
    CHECK(cfg.integer("scanner.wedge_max_gap_ms") == 50);
    CHECK(std::holds_alternative<Url>(classify_payload("http://127.0.0.1:8080/", cfg.list("scanner.allowed_hosts"))));
}
