// libcurl implementation of HttpClient; libcurl is opened on first use (dlopen), not at start-up.
#include "kiosk/sync/http.h"

#include <curl/curl.h>
#include <malloc.h>
#include <string.h>

#include <algorithm>
#include <cctype>
#include <type_traits>

#include "base/dynlib.h"
#include "kiosk/config/config.h"

namespace kiosk::sync {

PlatformSettings PlatformSettings::from_config(const config::Config& c) {
    PlatformSettings s;
    s.base_url = c.str("platform.url");
    while (!s.base_url.empty() && s.base_url.back() == '/') s.base_url.pop_back();
    s.kiosk_id = c.str("kiosk.id");
    s.token = c.str("platform.token");
    s.ca_bundle = c.str("platform.ca_bundle");
    s.pinned_pubkey = c.str("platform.pinned_pubkey");
    s.client_cert = c.str("platform.client_cert");
    s.client_key = c.str("platform.client_key");
    s.timeout_ms = long(c.integer("platform.timeout_ms"));
    s.connect_timeout_ms = std::min<long>(s.timeout_ms, 5000);
    s.seal_public_key = c.str("platform.seal_public_key");
    s.content_public_key = c.str("platform.content_public_key");
    return s;
}

std::string HttpResponse::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

namespace {
struct Sink {
    HttpResponse* resp;
    size_t max_body;
    bool too_big = false;
};

size_t on_body(char* p, size_t size, size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    size_t len = size * n;
    if (sink->resp->body.size() + len > sink->max_body) {
        sink->too_big = true;
        return 0;  // aborts the transfer
    }
    sink->resp->body.append(p, len);
    return len;
}

size_t on_header(char* p, size_t size, size_t n, void* user) {
    auto* resp = static_cast<HttpResponse*>(user);
    std::string_view line(p, size * n);
    if (line.rfind("HTTP/", 0) == 0) resp->headers.clear();  // a new response (after 100-continue)
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        std::string_view v = line.substr(colon + 1);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
        resp->headers[name] = std::string(v);
    }
    return size * n;
}

// libcurl's own memory (receive buffer, request headers, the POST body it sends) holds what
// the platform and the kiosk say about a citizen: every block it frees is zeroed first.
void wiping_curl_free(void* p) {
    if (p) explicit_bzero(p, malloc_usable_size(p));
    free(p);
}
void* wiping_curl_realloc(void* p, size_t n) {
    if (!p) return malloc(n);
    size_t old = malloc_usable_size(p);
    if (n <= old) return p;  // never shrinks in place, so nothing is left behind
    void* q = malloc(n);
    if (!q) return nullptr;
    memcpy(q, p, old);
    wiping_curl_free(p);
    return q;
}
char* wiping_curl_strdup(const char* s) { return strdup(s); }
void* plain_malloc(size_t n) { return malloc(n); }
void* plain_calloc(size_t n, size_t m) { return calloc(n, m); }
// libcurl and what it links (OpenSSL, nghttp2, ssh2, LDAP, Kerberos…) cost about 20 ms of CPU
// to load and relocate at start (issue 18, measured 2026-12-06): the kiosk opens it on first
// use instead, or on a worker right after the first frame (preload_http()). The functions are
// called through this table; their types come from curl.h.
struct CurlApi {
    decltype(&::curl_global_init_mem) global_init_mem;
    decltype(&::curl_easy_init) easy_init;
    decltype(&::curl_easy_cleanup) easy_cleanup;
    decltype(&::curl_easy_reset) easy_reset;
    decltype(&::curl_easy_setopt) easy_setopt;
    decltype(&::curl_easy_perform) easy_perform;
    decltype(&::curl_easy_getinfo) easy_getinfo;
    decltype(&::curl_easy_strerror) easy_strerror;
    decltype(&::curl_slist_append) slist_append;
    decltype(&::curl_slist_free_all) slist_free_all;
};

constexpr const char* kLibcurl = "libcurl.so.4";

Result<CurlApi> load_curl() {
    void* h = TRY(dynlib::open_library(kLibcurl));
    CurlApi a{};
    auto get = [&](auto& fn, const char* name) -> Status {
        void* p = TRY(dynlib::symbol(h, name, kLibcurl));
        fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(p);
        return {};
    };
    TRY(get(a.global_init_mem, "curl_global_init_mem"));
    TRY(get(a.easy_init, "curl_easy_init"));
    TRY(get(a.easy_cleanup, "curl_easy_cleanup"));
    TRY(get(a.easy_reset, "curl_easy_reset"));
    TRY(get(a.easy_setopt, "curl_easy_setopt"));
    TRY(get(a.easy_perform, "curl_easy_perform"));
    TRY(get(a.easy_getinfo, "curl_easy_getinfo"));
    TRY(get(a.easy_strerror, "curl_easy_strerror"));
    TRY(get(a.slist_append, "curl_slist_append"));
    TRY(get(a.slist_free_all, "curl_slist_free_all"));
    return a;
}

// Loaded once and initialised once (curl_global_init_mem is not thread-safe); the result,
// error included, is kept for the process.
const Result<CurlApi>& curl() {
    static const Result<CurlApi> api = []() -> Result<CurlApi> {
        auto a = load_curl();
        if (!a) return a.error();
        if (a->global_init_mem(CURL_GLOBAL_DEFAULT, plain_malloc, wiping_curl_free, wiping_curl_realloc, wiping_curl_strdup,
                               plain_calloc) != CURLE_OK)
            return make_error(Errc::Internal, "curl_global_init failed");
        return a;
    }();
    return api;
}
}  // namespace

Status preload_http() {
    const auto& api = curl();
    if (!api) return api.error();
    return {};
}

Result<std::unique_ptr<HttpClient>> HttpClient::create(PlatformSettings settings) {
    const auto& api = curl();
    if (!api) return api.error();
    const auto& url = settings.base_url;
    TRY(config::check_platform_url(url));  // the same policy `kioskctl config check` applies
    std::unique_ptr<HttpClient> c(new HttpClient(std::move(settings)));
    c->m_curl = api->easy_init();
    if (!c->m_curl) return make_error(Errc::Internal, "curl_easy_init failed");
    return c;
}

HttpClient::~HttpClient() {
    if (m_curl) curl()->easy_cleanup(static_cast<CURL*>(m_curl));
}

std::string route_of(std::string_view path) {
    // The protocol's routes are /api/v1/<collection>[/...]: the first three segments are
    // fixed words, whatever follows may identify a citizen.
    std::size_t end = 0;
    for (int seg = 0; seg < 3 && end != std::string_view::npos; ++seg) end = path.find('/', end + 1);
    if (end == std::string_view::npos) {
        std::size_t q = path.find_first_of("?#");
        return std::string(path.substr(0, q)) + (q == std::string_view::npos ? "" : "?…");
    }
    return std::string(path.substr(0, end)) + "/…";
}

Result<HttpResponse> HttpClient::request(const std::string& method, const std::string& path, std::string_view body,
                                         const std::vector<std::string>& headers, size_t max_body) {
    const CurlApi& api = *curl();  // loaded: create() succeeded
    CURL* h = static_cast<CURL*>(m_curl);
    api.easy_reset(h);  // keeps the connection cache, clears the previous request's options
    std::string url = m_settings.base_url + path;
    HttpResponse resp;
    Sink sink{&resp, max_body};
    curl_slist* hdrs = nullptr;
    if (!m_settings.token.empty()) hdrs = api.slist_append(hdrs, ("Authorization: Bearer " + m_settings.token).c_str());
    hdrs = api.slist_append(hdrs, ("X-Kiosk-Id: " + m_settings.kiosk_id).c_str());
    if (!body.empty() || method == "POST") hdrs = api.slist_append(hdrs, "Content-Type: application/json");
    hdrs = api.slist_append(hdrs, "Expect:");  // no 100-continue round trip for big batches
    for (const auto& x : headers) hdrs = api.slist_append(hdrs, x.c_str());

    api.easy_setopt(h, CURLOPT_URL, url.c_str());
    api.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(h, CURLOPT_TIMEOUT_MS, m_settings.timeout_ms);
    api.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, m_settings.connect_timeout_ms);
    api.easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    api.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    api.easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    api.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    api.easy_setopt(h, CURLOPT_HEADERDATA, &resp);
    api.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    api.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    if (!m_settings.ca_bundle.empty()) api.easy_setopt(h, CURLOPT_CAINFO, m_settings.ca_bundle.c_str());
    if (!m_settings.pinned_pubkey.empty()) api.easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, m_settings.pinned_pubkey.c_str());
    if (!m_settings.client_cert.empty()) api.easy_setopt(h, CURLOPT_SSLCERT, m_settings.client_cert.c_str());
    if (!m_settings.client_key.empty()) api.easy_setopt(h, CURLOPT_SSLKEY, m_settings.client_key.c_str());
    if (method == "POST") {
        api.easy_setopt(h, CURLOPT_POST, 1L);
        api.easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
        api.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    } else if (method != "GET") {
        api.easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    CURLcode rc = api.easy_perform(h);
    api.slist_free_all(hdrs);
    if (rc == CURLE_OK) {
        api.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp.status);
        return resp;
    }
    // Error messages reach the journal: they name the route, never the path's variable part
    // (a case number, a certificate id, a file name) (issue 12).
    std::string what = method + " " + route_of(path) + ": " + api.easy_strerror(rc);
    if (sink.too_big) return make_error(Errc::Protocol, method + " " + route_of(path) + ": reply larger than " + std::to_string(max_body) + " bytes");
    switch (rc) {
        case CURLE_OPERATION_TIMEDOUT: return make_error(Errc::Timeout, what);
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM: return make_error(Errc::Unavailable, "tls: " + what);
        default: return make_error(Errc::Unavailable, what);
    }
}

}  // namespace kiosk::sync
