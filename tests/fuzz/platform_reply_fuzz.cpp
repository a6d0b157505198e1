// libFuzzer target for the platform's replies: every PlatformClient request parses arbitrary bytes from a stub transport without a crash.
// The transport (kiosk/sync/http.cpp, libcurl) is replaced here by a stub that answers every
// request with the fuzz input: byte 0 picks the request, byte 1 the HTTP status, byte 2 a
// Retry-After header, the rest is the body. What is checked: no crash, leak or UB (ASan and
// UBSan), and what a parser accepts obeys its documented rules.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kiosk/sync/platform_client.h"

using namespace kiosk;
using namespace kiosk::sync;

namespace {
struct Stub {
    long status = 200;
    std::string retry_after;
    std::string body;
} g_stub;

void require(bool ok) {
    if (!ok) std::abort();
}
/// A path the content updater may write below its root: relative, no "." or ".." segment.
bool safe_path(const std::string& p) {
    if (p.empty() || p.front() == '/') return false;
    size_t start = 0;
    while (start <= p.size()) {
        size_t end = p.find('/', start);
        if (end == std::string::npos) end = p.size();
        std::string seg = p.substr(start, end - start);
        if (seg.empty() || seg == "." || seg == "..") return false;
        start = end + 1;
    }
    return true;
}
}  // namespace

namespace kiosk::sync {
Result<std::unique_ptr<HttpClient>> HttpClient::create(PlatformSettings settings) {
    return std::unique_ptr<HttpClient>(new HttpClient(std::move(settings)));
}
HttpClient::~HttpClient() = default;
Result<HttpResponse> HttpClient::request(const std::string&, const std::string&, std::string_view, const std::vector<std::string>&,
                                         size_t max_body) {
    if (g_stub.body.size() > max_body) return make_error(Errc::Protocol, "reply larger than allowed");
    HttpResponse r;
    r.status = g_stub.status;
    if (!g_stub.retry_after.empty()) r.headers["retry-after"] = g_stub.retry_after;
    r.headers["etag"] = "\"e1\"";
    r.headers["x-signature"] = "sig";
    r.body.assign(g_stub.body.data(), g_stub.body.size());
    return r;
}
std::string HttpResponse::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}
}  // namespace kiosk::sync

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3) return 0;
    static const long kStatuses[] = {200, 200, 200, 200, 304, 400, 404, 410, 422, 429, 500, 503};
    static const char* const kRetryAfter[] = {"", "1", "0", "-1", "9223372036854775807", "99999999999999999999", "Wed, 21 Oct 2026 07:28:00 GMT", "12abc"};
    g_stub.status = kStatuses[data[1] % (sizeof kStatuses / sizeof *kStatuses)];
    g_stub.retry_after = kRetryAfter[data[2] % (sizeof kRetryAfter / sizeof *kRetryAfter)];
    g_stub.body.assign(reinterpret_cast<const char*>(data + 3), size - 3);
    PlatformSettings settings;
    auto client = PlatformClient::create(settings);
    require(bool(client));
    auto& c = **client;
    switch (data[0] % 8) {
    case 0: {
        auto r = c.case_status("SL20261101000777", "M4X9");
        if (r) require(r->case_no == "SL20261101000777" && !r->state.empty());
        break;
    }
    case 1: {
        auto r = c.certificates_for_login(Secret("demo-login-wang-0001abcd"));
        if (r)
            for (const auto& ci : *r) require(ci.id.size() >= 8 && ci.id.size() <= 128 && !ci.title.empty());
        break;
    }
    case 2: (void)c.fetch_certificate("0123456789abcdef"); break;
    case 3: (void)c.call_staff("k-1", "hall 1", "help"); break;
    case 4: {
        std::vector<StoredRecord> batch(3);
        for (size_t i = 0; i < batch.size(); ++i) {
            batch[i].key = "r" + std::to_string(i);
            batch[i].kind = "usage";
            batch[i].payload = "{}";
        }
        auto r = c.upload(batch);
        if (r) {
            require(r->retry_after_s >= -1 && r->retry_after_s <= kMaxRetryAfterS);
            if (r->status == 200) require(r->acks.size() == batch.size());
        }
        break;
    }
    case 5: (void)c.heartbeat(DeviceHealth{}, 1); break;
    case 6: (void)c.manifest("\"e0\""); break;
    case 7: {
        auto m = parse_manifest(std::string_view(g_stub.body));
        if (m)
            for (const auto& f : m->files) require(safe_path(f.path) && f.sha256.size() == 64);
        break;
    }
    }
    return 0;
}
