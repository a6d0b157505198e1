// A small blocking HTTP client over libcurl with the platform's TLS and credential settings.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/secret.h"

namespace kiosk::config { class Config; }

namespace kiosk::sync {

/// How to reach the platform (from the [platform] section of the configuration).
struct PlatformSettings {
    std::string base_url = "http://127.0.0.1:8480";  ///< no trailing slash
    std::string kiosk_id = "kiosk";
    std::string token;           ///< bearer token; empty when a client certificate is used
    std::string ca_bundle;       ///< PEM file; empty: system CAs
    std::string pinned_pubkey;   ///< "sha256//BASE64" or a PEM/DER file; empty: no pinning
    std::string client_cert, client_key;
    long timeout_ms = 10000;
    long connect_timeout_ms = 5000;
    std::string seal_public_key;     ///< base64 X25519
    std::string content_public_key;  ///< base64 Ed25519

    static PlatformSettings from_config(const config::Config&);
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;  ///< names lower-cased
    WipedString body;  ///< wiped when dropped: replies may carry personal data (PDFs, cases)
    std::string header(const std::string& lower_name) const;
};

/// The part of a request path a log line may name: "/api/v1/cases/SL2026…" → "/api/v1/cases/…".
std::string route_of(std::string_view path);

/// Opens libcurl now (it is opened on first use otherwise): the app calls it on a worker after
/// the first frame, so the first request does not pay for loading it. A failure is kept and
/// returned by HttpClient::create() too.
Status preload_http();

/// One libcurl easy handle (connections are reused between requests). Not thread-safe:
/// every thread that talks to the platform makes its own.
class HttpClient {
public:
    /// Errors: Unavailable when libcurl cannot be loaded (its package is missing), the
    /// platform URL's policy errors (config::check_platform_url).
    static Result<std::unique_ptr<HttpClient>> create(PlatformSettings settings);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// `path` starts with '/'. Transport failures map to Errc::Unavailable (refused,
    /// unreachable, TLS failure, connection dropped) or Errc::Timeout; any HTTP status is
    /// a successful Result. Replies larger than `max_body` fail with Errc::Protocol. Error
    /// messages name route_of(path), never the whole path.
    Result<HttpResponse> request(const std::string& method, const std::string& path, std::string_view body = {},
                                 const std::vector<std::string>& headers = {}, size_t max_body = 64u << 20);
    const PlatformSettings& settings() const { return m_settings; }

private:
    explicit HttpClient(PlatformSettings s) : m_settings(std::move(s)) {}
    PlatformSettings m_settings;
    void* m_curl = nullptr;
};

}  // namespace kiosk::sync
