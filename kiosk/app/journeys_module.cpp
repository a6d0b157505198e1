// App module "journeys": certificates (证明打印) and case status (办件查询) through the platform, printing from memory, sealed audit records.
#include <malloc.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>

#include "base/log.h"
#include "drivers/idcard/idcard_reader.h"
#include "kiosk/app/app.h"
#include "kiosk/app/devices.h"
#include "kiosk/app/module.h"
#include "kiosk/app/sync_services.h"
#include "kiosk/screens/certificates_data.h"
#include "kiosk/sync/outbox.h"
#include "kiosk/ui/pdf_render.h"
#include "kiosk/sync/platform_client.h"

namespace kiosk {

namespace {

using screens::AppEvent;
constexpr const char* kTag = "journeys";

/// Per-process state of the journeys. The fetched PDF is the citizen's: it lives here, in
/// memory only, until it is printed, another is opened, or the session is wiped.
struct Journeys {
    sync::PlatformSettings settings;
    std::mutex mutex;
    std::shared_ptr<Secret> pdf;  ///< the open certificate
    std::string pdf_title;
    uint64_t generation = 0;      ///< bumped by every wipe: late worker results are dropped
    bool wiper_registered = false;
};

Journeys& state() {
    static Journeys j;
    return j;
}

/// A PlatformClient for one citizen request, dropped when it is done: a libcurl handle
/// keeps the last reply in its receive buffer for as long as it lives, and these replies
/// are certificates and cases. A fresh connection per request costs a handshake; a citizen
/// makes a handful of requests a session.
Result<std::unique_ptr<sync::PlatformClient>> client() {
    sync::PlatformSettings s;
    {
        std::lock_guard lock(state().mutex);
        s = state().settings;
    }
    return sync::PlatformClient::create(s);
}

std::string error_word(const Error& e) {
    switch (e.code) {
    case Errc::Unavailable: return "offline";
    case Errc::Timeout: return "timeout";
    case Errc::NotFound: return "not_found";
    case Errc::Rejected: return "rejected";
    case Errc::InvalidInput: return "invalid";
    default: return "protocol";
    }
}

AppEvent failed(const char* name, const std::string& word) { return AppEvent{AppEvent::Kind::RequestUpdate, name, "failed", false, word}; }

/// Everything fetched for the citizen goes when the session is wiped (finish, idle, card lifted).
void forget(uint64_t* bump = nullptr) {
    std::lock_guard lock(state().mutex);
    state().pdf.reset();  // Secret wipes the bytes
    state().pdf_title.clear();
    if (bump) ++state().generation, *bump = state().generation;
}

void ensure_wiper(App& app) {
    auto& j = state();
    if (j.wiper_registered) return;
    j.wiper_registered = true;
    app.session_state().on_wipe([] {
        uint64_t g;
        forget(&g);
        state().wiper_registered = false;  // Session::wipe clears its wipers; register again next session
        // Freed heap chunks go back to the OS where they can (their contents were zeroed
        // where they were freed: WipeFreedOnThisThread, libcurl's wiping free).
        malloc_trim(0);
    });
}

uint64_t generation() {
    std::lock_guard lock(state().mutex);
    return state().generation;
}

/// Draws page 1 of a PDF held in memory to fit max_w × max_h (ARGB8888). Poppler reads the
/// bytes in place; nothing goes to disk.
Result<std::shared_ptr<screens::CertificatePreview>> render_first_page(const Secret& pdf, int max_w, int max_h) {
    auto bytes = pdf.reveal();
    // Poppler copies text of the page (the name, the ID number) into its own objects: every
    // block it frees on this thread is zeroed.
    WipeFreedOnThisThread wipe_freed;
    if (bytes.size() > size_t(INT32_MAX)) return make_error(Errc::InvalidInput, "PDF too large");
    ui::PdfPageRequest req;
    req.bytes = std::string_view(bytes.data(), bytes.size());
    req.max_w = max_w;
    req.max_h = max_h;
    auto drawn = TRY(ui::render_pdf(req));
    auto out = std::make_shared<screens::CertificatePreview>();
    out->pages = drawn.pages;
    out->width = drawn.width;
    out->height = drawn.height;
    out->pitch = drawn.pitch;
    out->pixels.assign(drawn.pixels.begin(), drawn.pixels.end());
    secure_wipe(drawn.pixels.data(), drawn.pixels.size());  // the module's copy may show personal data
    return out;
}

void query_certificates(App& app, const screens::Intent&) {
    ensure_wiper(app);
    auto& s = app.session_state();
    // Copies of the personal data travel with the work; Secret wipes them when it is done.
    auto id_number = std::make_shared<Secret>();
    auto name = std::make_shared<Secret>();
    auto token = std::make_shared<Secret>();
    if (s.identity) {
        *id_number = s.identity->id_number;
        *name = s.identity->name;
    } else if (!s.login_token.empty()) {
        *token = s.login_token;
    } else {
        app.events().post(failed(screens::kCertificatesQuery, "no_identity"));
        return;
    }
    uint64_t gen = generation();
    app.run_async([id_number, name, token, gen]() -> AppEvent {
        WipeFreedOnThisThread wipe_freed;  // the reply's JSON, parsed by nlohmann, names the citizen
        auto c = client();
        if (!c) return failed(screens::kCertificatesQuery, "offline");
        auto r = token->empty() ? (*c)->certificates_for(*id_number, *name) : (*c)->certificates_for_login(*token);
        id_number->wipe();
        name->wipe();
        token->wipe();
        if (!r) {
            LOG_WARN(kTag) << "certificate query failed: " << r.error().message;
            return failed(screens::kCertificatesQuery, error_word(r.error()));
        }
        if (gen != generation()) return failed(screens::kCertificatesQuery, "stale");
        auto list = std::make_shared<screens::CertificateList>();
        for (auto& ci : r.value()) list->items.push_back({ci.id, ci.title, ci.issuer, ci.title_en, ci.issuer_en, ci.pages, ci.issued_ms});
        return AppEvent{AppEvent::Kind::RequestUpdate, screens::kCertificatesQuery, "done", true, list};
    });
}

void open_certificate(App& app, const screens::Intent& i) {
    ensure_wiper(app);
    auto arg = [&](const char* k) { return i.args.count(k) ? i.args.at(k) : std::string(); };
    std::string id = arg("id"), title = arg("title");
    int w = std::clamp(std::atoi(arg("w").c_str()), 100, 4000), h = std::clamp(std::atoi(arg("h").c_str()), 100, 4000);
    forget();
    uint64_t gen = generation();
    app.run_async([id, title, w, h, gen]() -> AppEvent {
        WipeFreedOnThisThread wipe_freed;
        auto c = client();
        if (!c) return failed(screens::kCertificatesOpen, "offline");
        auto pdf = (*c)->fetch_certificate(id);
        if (!pdf) {
            LOG_WARN(kTag) << "certificate fetch failed: " << pdf.error().message;
            return failed(screens::kCertificatesOpen, error_word(pdf.error()));
        }
        auto doc = std::make_shared<Secret>(std::move(pdf.value()));
        auto preview = render_first_page(*doc, w, h);
        if (!preview) {
            LOG_WARN(kTag) << "certificate preview: " << preview.error().message;
            return failed(screens::kCertificatesOpen, "render");
        }
        (*preview)->title = title;
        std::lock_guard lock(state().mutex);
        if (gen != state().generation) return failed(screens::kCertificatesOpen, "stale");
        state().pdf = doc;
        state().pdf_title = title;
        return AppEvent{AppEvent::Kind::RequestUpdate, screens::kCertificatesOpen, "done", true, preview.value()};
    });
}

/// The audit record (who printed which certificate, and how it ended), sealed to the platform.
std::function<void(const std::string&)> audit_writer(App& app, const std::string& title) {
    std::shared_ptr<sync::Outbox> outbox = app.app_services().outbox;
    if (!outbox) {
        LOG_ERROR(kTag) << "no outbox service: the certificate prints without an audit record";
        return {};
    }
    nlohmann::json who;
    auto& s = app.session_state();
    if (s.identity) who = {{"id_number", std::string(s.identity->id_number.reveal())}, {"via", "idcard"}};
    else who = {{"via", "app-login"}};
    auto personal = std::make_shared<Secret>();
    {
        WipedString text;
        who["certificate"] = title;
        std::string dumped = who.dump();
        text.assign(dumped.begin(), dumped.end());
        secure_wipe(dumped.data(), dumped.size());
        if (who.contains("id_number")) {
            auto& v = who["id_number"].get_ref<std::string&>();
            secure_wipe(v.data(), v.size());
        }
        *personal = Secret(std::string_view(text.data(), text.size()));
    }
    const Clock* clock = &app.clock();
    return [outbox, personal, clock, title](const std::string& phase) {
        sync::Record rec;
        rec.kind = "print-audit";
        rec.priority = sync::Priority::Audit;
        rec.payload = nlohmann::json{{"result", phase}, {"at_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                                                    clock->wall_now().time_since_epoch()).count()}}.dump();
        rec.personal = *personal;
        personal->wipe();
        if (auto r = outbox->post(rec); !r) LOG_ERROR(kTag) << "audit record not written: " << r.error().message;
    };
}

void print_certificate(App& app, const screens::Intent&) {
    std::shared_ptr<Secret> pdf;
    std::string title;
    {
        std::lock_guard lock(state().mutex);
        pdf = state().pdf;
        title = state().pdf_title;
    }
    if (!pdf) {
        app.events().post(failed(screens::kCertificatesPrint, "not_found"));
        return;
    }
    auto r = app.devices().print_from_memory(app, pdf->reveal(), "certificate", audit_writer(app, title));
    if (!r) {
        LOG_ERROR(kTag) << "certificate not printed: " << r.error().message;
        app.events().post(failed(screens::kCertificatesPrint, r.error().code == Errc::Unavailable ? "no_printer" : "io"));
        return;
    }
    // The one-time id is used and the bytes are in the memfd: a second tap cannot print again.
    forget();
    app.events().post({AppEvent::Kind::RequestUpdate, screens::kCertificatesPrint, "sent", true});
}

void query_case(App& app, const screens::Intent& i) {
    ensure_wiper(app);
    auto arg = [&](const char* k) { return i.args.count(k) ? i.args.at(k) : std::string(); };
    auto case_no = std::make_shared<Secret>(arg("case_no"));
    auto code = std::make_shared<Secret>(arg("query_code"));
    uint64_t gen = generation();
    app.run_async([case_no, code, gen]() -> AppEvent {
        WipeFreedOnThisThread wipe_freed;
        auto c = client();
        if (!c) return failed(screens::kCaseStatusQuery, "offline");
        auto r = (*c)->case_status(std::string(case_no->reveal()), std::string(code->reveal()));
        if (!r) {
            LOG_WARN(kTag) << "case query failed: " << r.error().message;
            return failed(screens::kCaseStatusQuery, error_word(r.error()));
        }
        if (gen != generation()) return failed(screens::kCaseStatusQuery, "stale");
        auto out = std::make_shared<screens::CaseResult>();
        out->case_no = r->case_no;
        out->service = r->service;
        out->state = r->state;
        out->window = r->window;
        out->floor = r->floor;
        out->missing = r->missing;
        out->service_en = r->service_en;
        out->missing_en = r->missing_en;
        for (auto& t : r->timeline) out->timeline.push_back({t.state, t.at_ms, t.text, t.text_en});
        return AppEvent{AppEvent::Kind::RequestUpdate, screens::kCaseStatusQuery, "done", true, out};
    });
}

Status start_journeys(App& app) {
    // Heap hygiene (2026-12-05): the process-wide mallopt(M_PERTURB) that was here is gone.
    // It cost every malloc and free of the process a memset and still left freed blocks of
    // about 1 KB or less intact (tcache/fastbins). Personal data is wiped where it lives
    // instead: Secret/WipingAllocator, the card codec's buffers, WipeFreedOnThisThread
    // around the workers below, libcurl's wiping free (kiosk/sync/http.cpp).
    // tests/app/test_journeys_memory_*.cpp read the process memory to prove it.
    {
        std::lock_guard lock(state().mutex);
        if (const auto& p = app.app_services().platform_settings) state().settings = *p;
        else state().settings = sync::PlatformSettings::from_config(app.config());
    }
    app.on_request(screens::kCertificatesQuery, query_certificates);
    app.on_request(screens::kCertificatesOpen, open_certificate);
    app.on_request(screens::kCertificatesPrint, print_certificate);
    app.on_request(screens::kCertificatesForget, [](App&, const screens::Intent&) { forget(); });
    app.on_request(screens::kCaseStatusQuery, query_case);
    return {};
}

}  // namespace

KIOSK_APP_MODULE(journeys, {"journeys", 30, [](App& app) -> Status { return start_journeys(app); },
                            [](App&) { forget(); }})

}  // namespace kiosk
