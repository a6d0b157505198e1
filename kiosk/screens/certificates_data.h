// What the journeys module hands the certificate and case-status screens (personal data: wiped when dropped).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/secret.h"

namespace kiosk::screens {

/// Request names (Intent::Kind::Request targets) the journeys module handles. Replies come
/// back as AppEvent{RequestUpdate, <same name>, "done" | "failed", ok, payload}; a failure's
/// payload is a std::string error word: offline, timeout, not_found, rejected, protocol,
/// no_identity, no_printer, render.
inline constexpr const char* kCertificatesQuery = "certificates.query";  ///< args {}: identity or login token of the session
inline constexpr const char* kCertificatesOpen = "certificates.open";    ///< args {id, title}
inline constexpr const char* kCertificatesPrint = "certificates.print";  ///< args {}: prints the open certificate
inline constexpr const char* kCertificatesForget = "certificates.forget";///< args {}: drop the fetched PDF now
inline constexpr const char* kCaseStatusQuery = "case_status.query";     ///< args {case_no, query_code}

using WipedPixels = std::vector<uint8_t, WipingAllocator<uint8_t>>;

struct CertificateEntry {
    std::string id;     ///< one-time id from the platform
    std::string title;  ///< 社保参保证明
    std::string issuer;
    std::string title_en, issuer_en;  ///< the platform's English, empty when it sent none
    int pages = 1;
    int64_t issued_ms = 0;
};

/// certificates.query → payload std::shared_ptr<CertificateList>.
struct CertificateList {
    std::vector<CertificateEntry> items;
};

/// certificates.open → payload std::shared_ptr<CertificatePreview>: the first page drawn
/// (ARGB8888). The PDF itself stays in the module, in memory only.
struct CertificatePreview {
    std::string title;
    int width = 0, height = 0, pitch = 0, pages = 1;
    WipedPixels pixels;
};

struct CaseTimelineEntry {
    std::string state;  ///< accepted, under-review, approved, needs-material, ready, posted, rejected
    int64_t at_ms = 0;
    std::string text;
    std::string text_en;  ///< the platform's English of text, empty when it sent none
};

/// case_status.query → payload std::shared_ptr<CaseResult>.
struct CaseResult {
    std::string case_no, service, state, window;  ///< window: where to collect (ready) or bring material (needs-material)
    int floor = 0;
    std::vector<std::string> missing;  ///< needs-material: the documents the citizen must bring
    std::string service_en;               ///< the platform's English of service, empty when none
    std::vector<std::string> missing_en;  ///< English of each missing document (same order), empty when none
    std::vector<CaseTimelineEntry> timeline;
    CaseResult() = default;
    CaseResult(const CaseResult&) = default;
    CaseResult& operator=(const CaseResult&) = default;
    /// The case number is the citizen's: zeroed with the result (the session's end drops it).
    ~CaseResult() { secure_wipe(case_no.data(), case_no.capacity()); }
};

}  // namespace kiosk::screens
