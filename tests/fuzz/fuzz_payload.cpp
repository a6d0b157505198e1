// libFuzzer target for the QR payload rules: any bytes in, a classification out, no crash, and accepted payloads obey the rules.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "drivers/scanner/payload.h"

using namespace kiosk::scanner;

namespace {
void require(bool ok) {
    if (!ok) std::abort();  // an accepted payload broke a rule: libFuzzer reports it as a crash
}
bool all_in(std::string_view s, std::string_view set) { return s.find_first_not_of(set) == std::string_view::npos; }
constexpr std::string_view kUpperDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::vector<std::string> hosts = {"127.0.0.1", "localhost", "zwfw.example.gov.cn"};
    std::string_view text(reinterpret_cast<const char*>(data), size);
    Payload p = classify_payload(text, hosts);
    bool accepted = !std::holds_alternative<Rejected>(p);
    if (accepted) {
        require(size >= 1 && size <= kMaxPayloadBytes);
        require(is_valid_utf8(text));
        for (unsigned char c : text) require(c >= 0x20 && c != 0x7F);
    }
    if (auto* c = std::get_if<CaseReceipt>(&p)) {
        require(c->case_no.size() >= 6 && c->case_no.size() <= 32 && all_in(c->case_no, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"));
        require(c->query_code.size() >= 4 && c->query_code.size() <= 12 && all_in(c->query_code, kUpperDigits));
        require(text == "ZWCASE:1:" + c->case_no + ":" + c->query_code);
    } else if (auto* l = std::get_if<LoginToken>(&p)) {
        require(l->token.size() >= 16 && l->token.size() <= 512);
        require(all_in(l->token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"));
        require(text == "ZWLOGIN:1:" + l->token);
    } else if (auto* u = std::get_if<Url>(&p)) {
        require(u->url == text);
        require(u->host.find('@') == std::string::npos);
        bool listed = false;
        for (const auto& h : hosts) listed |= h == u->host;
        require(listed);
    } else {
        const auto& r = std::get<Rejected>(p);
        require(r.message_key != nullptr && std::string_view(r.message_key).starts_with("scan.rejected."));
        // The detail goes to logs: it must never echo the payload (it may hold a token). Short
        // payloads may match the fixed wording by chance ("s kiosk " did).
        require(size < 32 || r.detail.find(text) == std::string::npos);
    }
    // Deterministic: the same bytes classify the same way.
    require(classify_payload(text, hosts).index() == p.index());
    return 0;
}
