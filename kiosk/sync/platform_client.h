// Blocking calls to the platform (protocol v1, docs/platform-protocol.md) for the uploader and the journeys.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/secret.h"
#include "kiosk/sync/http.h"
#include "kiosk/sync/outbox.h"

namespace kiosk::sync {

// Error kinds of every call (Error::code):
//   Errc::Unavailable  offline / unreachable / TLS refused / connection dropped / 5xx
//   Errc::Timeout      no answer within platform.timeout_ms
//   Errc::NotFound     no such case, certificate, file (404/410), unknown login token
//   Errc::Rejected     the platform refused the request (other 4xx, including 401/403)
//   Errc::Protocol     a reply that does not follow the protocol (malformed JSON, …)

struct RecordAck {
    enum class Status { Accepted, Duplicate, Rejected };
    std::string key;
    Status status = Status::Accepted;
    std::string reason;
};

/// Reply to a records batch. `status` 200 comes with one ack per record; any other status
/// has no acks (the uploader decides: back off, split or dead-letter).
/// The longest Retry-After the kiosk takes from a reply (a day): a larger value, or one that
/// overflows a long, is read as this. Seconds become milliseconds later on, and an unclamped
/// 2^63-1 overflowed there into a tiny or negative delay (issue 12).
inline constexpr long kMaxRetryAfterS = 24 * 3600;

struct UploadReply {
    long status = 0;
    long retry_after_s = -1;  ///< Retry-After of a 429/503 (0..kMaxRetryAfterS), -1 when absent
    std::vector<RecordAck> acks;
    /// A 400/422 that names one record of the batch as the cause (`"key"` in the error
    /// body, docs/platform-protocol.md): only that record is refused. Empty otherwise.
    std::string blamed_key;
    std::string error_message;  ///< the error body's "error: message", for technicians
};

struct TimelineEntry {
    std::string state;  ///< accepted, under-review, approved, needs-material, ready, posted, rejected
    int64_t at_ms = 0;
    std::string text;
    std::string text_en;  ///< optional English of text (empty: none)
};

/// A case's status. Holds personal data: drop it when the citizen's session ends.
struct CaseStatus {
    std::string case_no, service, state;
    std::string window;     ///< "12" when state is ready (collect there) or needs-material (bring it there)
    int floor = 0;          ///< 0: unknown
    std::vector<std::string> missing;  ///< needs-material: the documents to bring (房屋买卖合同原件)
    std::string service_en;               ///< optional English of service (empty: none)
    std::vector<std::string> missing_en;  ///< English of each missing document, same order; empty: none
    std::vector<TimelineEntry> timeline;
};

struct CertificateInfo {
    std::string id;     ///< opaque, valid once (fetch_certificate)
    std::string title;  ///< 社保参保证明, …
    std::string issuer;
    std::string title_en, issuer_en;  ///< optional English (empty: none; the screens show the Chinese)
    int pages = 1;
    int64_t issued_ms = 0;
};

struct CallStaffReply {
    std::string ticket;
    bool duplicate = false;
};

/// What the app reports every heartbeat (the app fills it; the outbox part is filled by
/// the heartbeat itself when it has an uploader).
struct DeviceHealth {
    std::string printer_state = "unknown";  ///< idle, printing, no-paper, cover-open, error, …
    std::vector<std::string> printer_reasons;
    std::string idcard_reader = "unknown", scanner = "unknown";
    int64_t outbox_depth = 0, dead_letters = 0;
    bool outbox_alarm = false, online = false;
    std::string content_version, app_version;
    int64_t uptime_s = 0, free_disk_mb = 0;
    /// Health conditions raised in this process (damaged databases, platform refusing,
    /// configuration fallback), sent as "health": {"conditions": [{id, detail, since_ms}]}.
    struct Condition {
        std::string id, detail;
        int64_t since_ms = 0;
    };
    std::vector<Condition> conditions;
    std::string config_source;    ///< the configuration file in use (or the last-known-good copy)
    bool config_fallback = false; ///< running on the last-known-good configuration
    std::vector<std::string> paused_services;  ///< home tiles shown as 暂停服务 ("certificates", …)
};

struct RemoteCommand {
    std::string id;
    std::string kind;  ///< "refresh-content", "show-notice", "restart"
    std::string text;  ///< show-notice
    int64_t until_ms = 0;
};

struct ManifestFile {
    std::string path, sha256;
    int64_t size = 0;
};
struct Manifest {
    std::string version;
    int64_t created_ms = 0;
    std::vector<ManifestFile> files;
};
struct ManifestReply {
    bool not_modified = false;
    std::string etag;
    std::string body;       ///< exact signed bytes
    std::string signature;  ///< base64
};

/// Parses a manifest body (after its signature was checked); rejects unsafe paths.
Result<Manifest> parse_manifest(std::string_view body);
/// Parses a records reply and checks it answers exactly `sent` (same keys, same order).
Result<std::vector<RecordAck>> parse_acks(std::string_view body, const std::vector<StoredRecord>& sent);

/// Not thread-safe (one libcurl handle): make one per thread; creation is cheap.
class PlatformClient {
public:
    static Result<std::unique_ptr<PlatformClient>> create(PlatformSettings settings);

    // --- journeys (blocking; call from a worker thread, never the UI thread) ---
    /// 办件查询. case_no [0-9A-Z-]{6,32}, query_code [0-9A-Z]{4,12} (else InvalidInput).
    Result<CaseStatus> case_status(const std::string& case_no, const std::string& query_code);
    /// Certificates for an identity read from an ID card: sealed to the platform key.
    Result<std::vector<CertificateInfo>> certificates_for(const Secret& id_number, const Secret& name);
    /// Certificates for an app login code (ZWLOGIN:1:<token> → token).
    Result<std::vector<CertificateInfo>> certificates_for_login(const Secret& login_token);
    /// The PDF bytes (kept in memory only; Secret wipes them when dropped).
    Result<Secret> fetch_certificate(const std::string& certificate_id);
    /// 呼叫帮办 sent directly (Outbox also carries it; same key → counted once).
    Result<CallStaffReply> call_staff(const std::string& key, const std::string& location, const std::string& reason);

    // --- for the uploader, the heartbeat and content updates ---
    Result<UploadReply> upload(const std::vector<StoredRecord>& batch);
    Result<std::vector<RemoteCommand>> heartbeat(const DeviceHealth& health, int64_t sent_ms);
    Result<ManifestReply> manifest(const std::string& etag);
    /// One content file, at most `max_size` bytes.
    Result<std::string> content_file(const std::string& path, size_t max_size);

    const PlatformSettings& settings() const { return m_http->settings(); }

private:
    PlatformClient(std::unique_ptr<HttpClient> http, std::optional<Sealer> sealer)
        : m_http(std::move(http)), m_sealer(std::move(sealer)) {}
    Result<std::vector<CertificateInfo>> query_certificates(const WipedString& body);
    std::unique_ptr<HttpClient> m_http;
    std::optional<Sealer> m_sealer;
};

/// Maps a non-200 HTTP status to the error kinds above.
Error http_error(long status, const std::string& what);

}  // namespace kiosk::sync
